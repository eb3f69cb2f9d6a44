"""The local directory: organisations and people as identity announced them.

Used to check that a manager being assigned is an active agency manager, and to show names.
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncSession

from .tables import directory_organizations, directory_users
from .upserts import upsert


async def save_organization(session: AsyncSession, *, organization_id: UUID, kind: str, short_name: str,
                            full_name: str, inn: str | None, municipality_code: str | None) -> None:
    values = {"kind": kind, "short_name": short_name, "full_name": full_name, "inn": inn,
              "municipality_code": municipality_code}
    await upsert(session, directory_organizations, {"organization_id": organization_id, **values},
                 key=["organization_id"], update=values)


async def register_user(session: AsyncSession, *, user_id: UUID, organization_id: UUID, full_name: str, email: str,
                        roles: Iterable[str]) -> None:
    """A registration fills in who the user is; roles and activity already set by a later event stand."""
    await upsert(session, directory_users,
                 {"user_id": user_id, "organization_id": organization_id, "full_name": full_name, "email": email,
                  "roles": sorted(roles), "active": True},
                 key=["user_id"], update=["organization_id", "full_name", "email"])


async def change_roles(session: AsyncSession, *, user_id: UUID, organization_id: UUID, roles: Iterable[str]) -> None:
    await upsert(session, directory_users,
                 {"user_id": user_id, "organization_id": organization_id, "roles": sorted(roles), "active": True},
                 key=["user_id"], update=["roles"])


async def deactivate(session: AsyncSession, *, user_id: UUID, organization_id: UUID) -> None:
    await upsert(session, directory_users,
                 {"user_id": user_id, "organization_id": organization_id, "roles": [], "active": False},
                 key=["user_id"], update=["active"])


async def user(session: AsyncSession, user_id: UUID) -> Row | None:
    return (await session.execute(select(directory_users).where(directory_users.c.user_id == user_id))).first()


async def names_of_users(session: AsyncSession, user_ids: Iterable[UUID | None]) -> dict[UUID, str | None]:
    wanted = {user_id for user_id in user_ids if user_id}
    if not wanted:
        return {}
    rows = await session.execute(select(directory_users.c.user_id, directory_users.c.full_name)
                                 .where(directory_users.c.user_id.in_(wanted)))
    return {key: name for key, name in rows}


async def names_of_organizations(session: AsyncSession, organization_ids: Iterable[UUID]) -> dict[UUID, str]:
    wanted = set(organization_ids)
    if not wanted:
        return {}
    rows = await session.execute(select(directory_organizations.c.organization_id, directory_organizations.c.short_name)
                                 .where(directory_organizations.c.organization_id.in_(wanted)))
    return {key: name for key, name in rows}
