"""Use case: list an organisation's members, for its colleagues and for administrators."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from corridor_identity.adapters.directory import Page, Users
from corridor_identity.domain.members import member_listing
from corridor_identity.domain.roles import Role
from corridor_identity.domain.users import User
from corridor_identity.service_layer.actors import require_actor
from corridor_identity.service_layer.organisations import get_organization


@dataclass(frozen=True)
class Members:
    """One page of members, how many match in all, and whether the actor may see their e-mails."""

    page: list[User]
    total: int
    with_emails: bool


async def list_members(session: AsyncSession, *, actor_id: UUID, organization_id: UUID, role: Role | None,
                       include_inactive: bool, page: Page) -> Members:
    """The members by name; the actor is re-read, so a colleague deactivated a minute ago sees nothing."""
    actor = await require_actor(session, actor_id)
    organization = await get_organization(session, organization_id)
    listing = member_listing(actor, organization.id, include_inactive=include_inactive)
    criteria = {"organization_id": organization.id, "role": role,
                "active": None if listing.include_inactive else True}
    users = Users(session)
    return Members(await users.search(**criteria, page=page, by_name=True), await users.count(**criteria),
                   listing.with_emails)
