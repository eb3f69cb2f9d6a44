"""HTTP: the clock of a request, lists of clocks, and compliance statistics."""

from __future__ import annotations

import calendar as gregorian
import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from corridor_chassis.auth import CurrentPrincipal, Principal
from corridor_chassis.errors import Forbidden, Problem
from corridor_contracts.vocabulary import Role
from corridor_sla.adapters.repositories import ClockFilter
from corridor_sla.adapters.records import event_to_json
from corridor_sla.domain.clock import ClockStatus
from corridor_sla.domain.stats import ComplianceStats, by_month, by_organisation, by_request_type
from corridor_sla.entrypoints.calendar_api import FIRST_YEAR, LAST_YEAR
from corridor_sla.entrypoints.deps import Defaults, Now, Session, own_organization, reads_everything
from corridor_sla.service_layer.queries import ClockView, clock_view, clock_views, compliance_stats

router = APIRouter(tags=["clocks"])
MINUTES_PER_WORKING_DAY = 24 * 60  # whole working days, see domain.working_time


class ClockOut(BaseModel):
    request_id: str
    project_id: str
    request_type: str
    recipient_organization_id: str
    investor_organization_id: str | None
    status: ClockStatus
    cycle: int = Field(description="Restarts on redirect before this term (0 for the first).")
    policy_code: str
    target_working_days: int
    registered_at: datetime
    counting_starts_at: datetime
    deadline: datetime = Field(description="Breached from this instant on (exclusive).")
    due_on: date = Field(description="The last working day to answer on time.")
    consumed_working_minutes: int
    remaining_working_minutes: int = Field(description="Negative once overdue.")
    breached_at: datetime | None
    closed_at: datetime | None
    outcome: str | None
    announced: list[str] = Field(description="Facts already published, e.g. warning:0:progress_50.")
    history: list[dict]


class ComplianceOut(BaseModel):
    registered_from: date | None
    registered_to: date | None
    overall: ComplianceStats
    groups: dict[str, ComplianceStats]


class BadPeriod(Problem):
    slug, status, title = "invalid-period", 422, "The period is not valid"


def _clock_out(view: ClockView) -> ClockOut:
    tracked, state = view.tracked, view.state
    return ClockOut(
        request_id=tracked.request_id, project_id=tracked.project_id, request_type=tracked.request_type or "",
        recipient_organization_id=tracked.recipient_organization_id,
        investor_organization_id=tracked.investor_organization_id, status=state.status, cycle=state.cycle,
        policy_code=view.policy.code, target_working_days=view.policy.target_working_days,
        registered_at=state.registered_at, counting_starts_at=state.counting_starts_at, deadline=state.deadline,
        due_on=state.due_date, consumed_working_minutes=int(state.consumed.total_seconds() // 60),
        remaining_working_minutes=int(state.remaining.total_seconds() // 60), breached_at=state.breached_at,
        closed_at=state.closed_at, outcome=state.outcome, announced=sorted(tracked.announced),
        history=[event_to_json(event) for event in tracked.events])


def _may_read(principal: Principal, view: ClockView) -> bool:
    if reads_everything(principal):
        return True
    organization = str(principal.organization_id) if principal.organization_id else None
    if principal.has_any_role(Role.OFFICIAL) and organization == view.tracked.recipient_organization_id:
        return True
    return principal.has_any_role(Role.INVESTOR) and organization == view.tracked.investor_organization_id


@router.get("/clocks/{request_id}", response_model=ClockOut, summary="A request's SLA clock, as of now")
async def get_clock(request_id: uuid.UUID, principal: CurrentPrincipal, session: Session, defaults: Defaults,
                    now: Now) -> ClockOut:
    view = await clock_view(session, request_id=request_id, defaults=defaults, now=now)
    if not _may_read(principal, view):
        raise Forbidden("This request's clock belongs to other organisations")
    return _clock_out(view)


@router.get("/clocks", response_model=list[ClockOut], summary="Clocks by status, organisation and request type")
async def list_clocks(principal: CurrentPrincipal, session: Session, defaults: Defaults, now: Now,
                      status: ClockStatus | None = None, organization: uuid.UUID | None = None,
                      request_type: Annotated[str | None, Query(max_length=64)] = None,
                      limit: Annotated[int, Query(ge=1, le=200)] = 50,
                      offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> list[ClockOut]:
    if principal.has_any_role(Role.INVESTOR) and not reads_everything(principal):
        if principal.organization_id is None:
            raise Forbidden("An investor sees the clocks of their own organisation's requests")
        where = ClockFilter(status=status, organization_id=organization, request_type=request_type,
                            investor_organization_id=principal.organization_id)
    else:
        where = ClockFilter(status=status, organization_id=own_organization(principal, organization),
                            request_type=request_type)
    views = await clock_views(session, where=where, limit=limit, offset=offset, defaults=defaults, now=now)
    return [_clock_out(view) for view in views]


def _period(period: str | None, start: date | None, end: date | None) -> tuple[date | None, date | None]:
    if period is None:
        return start, end
    if start or end:
        raise BadPeriod("Give either `period` or `from`/`to`, not both")
    year, _, month = period.partition("-")
    if not FIRST_YEAR <= int(year) <= LAST_YEAR:
        raise BadPeriod(f"{period}: years {FIRST_YEAR}–{LAST_YEAR} only")
    if not month:
        return date(int(year), 1, 1), date(int(year), 12, 31)
    if not 1 <= int(month) <= 12:
        raise BadPeriod(f"{period}: there is no month {month}")
    return date(int(year), int(month), 1), date(int(year), int(month), gregorian.monthrange(int(year), int(month))[1])


GROUPINGS = {"organization": by_organisation, "request_type": by_request_type, "month": by_month}


@router.get("/stats", response_model=ComplianceOut, tags=["statistics"],
            summary="Share answered on time, response times in working days, open and breached clocks")
async def get_stats(principal: CurrentPrincipal, session: Session,
                    organization: uuid.UUID | None = None,
                    request_type: Annotated[str | None, Query(max_length=64)] = None,
                    period: Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2})?$",
                                                        description="2025 or 2025-03 (month of registration)")] = None,
                    start: Annotated[date | None, Query(alias="from")] = None,
                    end: Annotated[date | None, Query(alias="to")] = None,
                    group_by: Literal["organization", "request_type", "month"] | None = None) -> ComplianceOut:
    registered_from, registered_to = _period(period, start, end)
    where = ClockFilter(organization_id=own_organization(principal, organization), request_type=request_type,
                        registered_from=registered_from, registered_to=registered_to)
    result = await compliance_stats(session, where=where, group_by=GROUPINGS[group_by] if group_by else None)
    return ComplianceOut(registered_from=registered_from, registered_to=registered_to, overall=result.overall,
                         groups=result.groups)
