"""What every sla router needs: a session, the clock, the rule defaults, and who may do what.

Who: operators and administrators of the agency keep the calendar; they and the agency head set
policies; agency staff (also managers) read every clock and statistic; an official reads the clocks
and statistics of their own organisation, an investor the clocks of their own requests.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_chassis.auth import CurrentPrincipal, Principal
from corridor_chassis.errors import Forbidden, Problem
from corridor_contracts.vocabulary import OrganizationKind, Role
from corridor_sla.domain.errors import SlaError
from corridor_sla.service_layer.rules import RuleDefaults

CALENDAR_KEEPERS = (Role.OPERATOR, Role.ADMINISTRATOR)
POLICY_KEEPERS = (Role.OPERATOR, Role.ADMINISTRATOR, Role.AGENCY_HEAD)
AGENCY_READERS = (Role.OPERATOR, Role.ADMINISTRATOR, Role.AGENCY_HEAD, Role.MANAGER)


async def session(request: Request) -> AsyncIterator[AsyncSession]:
    async with request.app.state.runtime.session_factory() as opened:
        yield opened


def now(request: Request) -> datetime:
    clock: Callable[[], datetime] = request.app.state.now
    return clock()


def defaults(request: Request) -> RuleDefaults:
    return request.app.state.sla_defaults


Session = Annotated[AsyncSession, Depends(session)]
Now = Annotated[datetime, Depends(now)]
Defaults = Annotated[RuleDefaults, Depends(defaults)]


def agency_staff(*roles: Role) -> Callable[[Principal], Principal]:
    """A dependency admitting a principal of the agency holding one of `roles`."""

    def check(principal: CurrentPrincipal) -> Principal:
        if not principal.has_any_role(*roles):
            raise Forbidden(f"This needs one of the roles: {', '.join(roles)}")
        if principal.organization_kind != OrganizationKind.AGENCY:
            raise Forbidden("Only the development agency's staff may do this")
        return principal

    return check


CalendarKeeper = Annotated[Principal, Depends(agency_staff(*CALENDAR_KEEPERS))]
PolicyKeeper = Annotated[Principal, Depends(agency_staff(*POLICY_KEEPERS))]


def reads_everything(principal: Principal) -> bool:
    return principal.has_any_role(*AGENCY_READERS) and principal.organization_kind == OrganizationKind.AGENCY


def own_organization(principal: Principal, requested: uuid.UUID | None) -> uuid.UUID | None:
    """The recipient organisation a reader may query: any for agency staff, else their own only."""
    if reads_everything(principal):
        return requested
    if principal.has_any_role(Role.OFFICIAL) and principal.organization_id is not None:
        if requested not in (None, principal.organization_id):
            raise Forbidden("Officials see their own organisation's clocks only")
        return principal.organization_id
    raise Forbidden("Only agency staff and officials read SLA statistics")


class SlaRuleProblem(Problem):
    status, title = 422, "The SLA rule is not valid"


def problem_of(error: SlaError) -> Problem:
    """A domain refusal as problem+json, keeping the domain's stable slug."""
    return SlaRuleProblem(error.detail, slug=error.slug, title=error.title)
