"""Who may see and do what with a project, decided from the verified token alone.

Seeing: an investor sees their own company's projects; a manager the projects assigned to them; the
agency head every project once submitted (a draft stays the investor's own until then); an official
the projects behind requests routed to their organisation. A principal with several roles sees the
union. The adapters turn a `Visibility` into one SQL condition, used for lists and single reads alike,
so the rule lives in one place.

Doing: only the agency head decides on a passport (accept, reject, return); the assigned manager or
the head plans the roadmap and completes the project; agency staff edit the investment rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from corridor_contracts.vocabulary import Role

from .errors import NotPermitted

if TYPE_CHECKING:
    from corridor_chassis.auth import Principal


@dataclass(frozen=True)
class Visibility:
    every_submitted: bool = False
    investor_organization_id: UUID | None = None
    manager_user_id: UUID | None = None
    recipient_organization_id: UUID | None = None

    @property
    def sees_nothing(self) -> bool:
        return not (self.every_submitted or self.investor_organization_id or self.manager_user_id
                    or self.recipient_organization_id)


def visibility_for(principal: Principal) -> Visibility:
    return Visibility(
        every_submitted=principal.has_any_role(Role.AGENCY_HEAD),
        investor_organization_id=principal.organization_id if principal.has_any_role(Role.INVESTOR) else None,
        manager_user_id=principal.subject if principal.has_any_role(Role.MANAGER) else None,
        recipient_organization_id=principal.organization_id if principal.has_any_role(Role.OFFICIAL) else None,
    )


def require_visibility(principal: Principal) -> Visibility:
    visibility = visibility_for(principal)
    if visibility.sees_nothing:
        raise NotPermitted("Projects are open to investors, agency staff and officials")
    return visibility


def investor_organization(principal: Principal) -> UUID:
    """The company an investor acts for; projects belong to it."""
    if not principal.has_any_role(Role.INVESTOR) or principal.organization_id is None:
        raise NotPermitted("Only an investor (of a registered company) files a project passport")
    return principal.organization_id


def require_reviewer(principal: Principal) -> None:
    if not principal.has_any_role(Role.AGENCY_HEAD):
        raise NotPermitted("Only the agency head decides on a submitted passport")


def require_manager_of(principal: Principal, manager_user_id: UUID | None) -> Role:
    """Admit the project's own manager or the agency head; returns the role they act in, for the timeline."""
    if principal.has_any_role(Role.MANAGER) and principal.subject == manager_user_id:
        return Role.MANAGER
    if principal.has_any_role(Role.AGENCY_HEAD):
        return Role.AGENCY_HEAD
    raise NotPermitted("Only the project's manager or the agency head does this")


def require_rules_editor(principal: Principal) -> None:
    if not principal.has_any_role(Role.MANAGER, Role.AGENCY_HEAD):
        raise NotPermitted("Only agency staff edit the investment rules")

