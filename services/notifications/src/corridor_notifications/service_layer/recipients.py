"""Resolve a notification plan's audiences to people and organisations, from the projections.

An audience that cannot be resolved yet (its organisation, project, request or person is not in the
projections, or nobody there holds the role) yields the keys whose arrival may resolve it; the
caller keeps the intent waiting on them.

Heads (escalation level 1) fall back to the organisation's officials when it has no active head on
record: a body without a registered head must still hear of its breach. The heads are preferred
whenever there is one; an organisation with neither waits for its people like any other audience.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from corridor_contracts.vocabulary import Role
from corridor_notifications.adapters import directory
from corridor_notifications.adapters.directory import Person
from corridor_notifications.domain.audience import (
    Heads, Investors, Members, NotificationPlan, ProjectManager, RecipientOfficials, org_key, project_key, request_key,
    user_key,
)


@dataclass
class Resolution:
    people: dict[uuid.UUID, Person] = field(default_factory=dict)
    organizations: set[uuid.UUID] = field(default_factory=set)  # whose webhooks hear of it
    waiting_on: set[str] = field(default_factory=set)


async def resolve(session: AsyncSession, plan: NotificationPlan) -> Resolution:
    resolution = Resolution()
    for audience in plan.audiences:
        match audience:
            case Investors():
                organization_id = audience.organization_id or await _investor_of(session, audience)
                if organization_id is None:
                    resolution.waiting_on.add(request_key(audience.request_id) if audience.request_id
                                              else project_key(audience.project_id))
                    continue
                await _add_members(session, resolution, organization_id, Role.INVESTOR)
            case Members():
                await _add_members(session, resolution, audience.organization_id, audience.role)
            case Heads():
                await _add_members(session, resolution, audience.organization_id, Role.ORGANIZATION_HEAD,
                                   Role.OFFICIAL)
            case RecipientOfficials():
                known = await directory.find_request(session, audience.request_id)
                if known is None or known.recipient_organization_id is None:
                    resolution.waiting_on.add(request_key(audience.request_id))
                    continue
                await _add_members(session, resolution, known.recipient_organization_id, Role.OFFICIAL)
            case ProjectManager():
                await _add_manager(session, resolution, audience.project_id)
    return resolution


async def _investor_of(session: AsyncSession, audience: Investors) -> uuid.UUID | None:
    if audience.request_id is not None:
        known = await directory.find_request(session, audience.request_id)
        if known is not None and known.investor_organization_id is not None:
            return known.investor_organization_id
    known = await directory.find_project(session, audience.project_id)
    return known.investor_organization_id if known is not None else None


async def _add_members(session: AsyncSession, resolution: Resolution, organization_id: uuid.UUID,
                       *roles_by_preference: str) -> None:
    """The active holders of the first of the roles that anyone in the organisation holds."""
    resolution.organizations.add(organization_id)
    for role in roles_by_preference:
        found = await directory.members(session, organization_id, role)
        if found:
            resolution.people.update((person.user_id, person) for person in found)
            return
    resolution.waiting_on.add(org_key(organization_id))


async def _add_manager(session: AsyncSession, resolution: Resolution, project_id: uuid.UUID) -> None:
    known = await directory.find_project(session, project_id)
    if known is None or known.manager_user_id is None:
        resolution.waiting_on.add(project_key(project_id))
        return
    manager = await directory.find_person(session, known.manager_user_id)
    if manager is None:
        resolution.waiting_on.add(user_key(known.manager_user_id))
    elif manager.active:
        resolution.people[manager.user_id] = manager
