"""Keep the local projections of identity, projects and requests, from their events.

Each function returns the wait keys (see domain.audience) the change may satisfy, so that intents
waiting for these people, projects or requests are resolved again.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from corridor_contracts.base import Event
from corridor_contracts.events.identity import OrganizationRegistered, UserDeactivated, UserRegistered, UserRolesChanged
from corridor_contracts.events.projects import (
    PassportSubmitted, ProjectAccepted, ProjectCompleted, ProjectRejected, ProjectReturned, RoadmapPublished,
)
from corridor_contracts.events.requests import (
    ClarificationProvided, ClarificationRequested, RequestAccepted, RequestAnswered, RequestClosed, RequestRedirected,
    RequestRouted, RequestSubmitted, RequestWithdrawn,
)
from corridor_notifications.adapters import directory
from corridor_notifications.domain.audience import org_key, project_key, request_key, user_key


async def apply_to_projections(session: AsyncSession, event: Event) -> set[str]:
    apply = _APPLY.get(type(event))
    return await apply(session, event) if apply else set()


async def _organization(session: AsyncSession, e: OrganizationRegistered) -> set[str]:
    await directory.save_organization(session, organization_id=e.organization_id, kind=e.kind.value,
                                      short_name=e.short_name)
    return set()


async def _user(session: AsyncSession, e: UserRegistered) -> set[str]:
    await directory.save_person(session, user_id=e.user_id, organization_id=e.organization_id,
                                organization_kind=e.organization_kind.value, email=e.email, full_name=e.full_name,
                                locale=e.locale, roles=sorted(role.value for role in e.roles), active=True)
    return {org_key(e.organization_id), user_key(e.user_id)}


async def _roles(session: AsyncSession, e: UserRolesChanged) -> set[str]:
    await directory.change_person(session, e.user_id, roles=sorted(role.value for role in e.roles))
    return {org_key(e.organization_id), user_key(e.user_id)}


async def _deactivated(session: AsyncSession, e: UserDeactivated) -> set[str]:
    await directory.change_person(session, e.user_id, active=False)
    return set()


async def _project(session: AsyncSession, e: Any) -> set[str]:
    summary = getattr(e, "project", None)
    await directory.save_project(
        session, e.project_id, name=summary.name if summary else None,
        investor_organization_id=summary.investor_organization_id if summary else getattr(
            e, "investor_organization_id", None),
        manager_user_id=getattr(e, "manager_user_id", None))
    return {project_key(e.project_id)}


def _request(status: str) -> Callable[[AsyncSession, Any], Awaitable[set[str]]]:
    async def apply(session: AsyncSession, e: Any) -> set[str]:
        recipient = getattr(e, "to_organization_id", None) or getattr(e, "recipient_organization_id", None)
        await directory.save_request(
            session, e.request_id, project_id=e.project_id, status=status,
            investor_organization_id=getattr(e, "investor_organization_id", None),
            recipient_organization_id=recipient, request_type_code=getattr(e, "request_type_code", None),
            subject=getattr(e, "subject", None))
        return {request_key(e.request_id)}
    return apply


_APPLY: dict[type[Event], Callable[[AsyncSession, Any], Awaitable[set[str]]]] = {
    OrganizationRegistered: _organization,
    UserRegistered: _user,
    UserRolesChanged: _roles,
    UserDeactivated: _deactivated,
    PassportSubmitted: _project,
    ProjectAccepted: _project,
    ProjectRejected: _project,
    ProjectReturned: _project,
    ProjectCompleted: _project,
    RoadmapPublished: _project,
    RequestSubmitted: _request("submitted"),
    RequestRouted: _request("routed"),
    RequestAccepted: _request("accepted"),
    ClarificationRequested: _request("awaiting_investor"),
    ClarificationProvided: _request("accepted"),
    RequestRedirected: _request("redirected"),
    RequestAnswered: _request("answered"),
    RequestWithdrawn: _request("withdrawn"),
    RequestClosed: _request("closed"),
}

PROJECTED_EVENTS = tuple(_APPLY)
