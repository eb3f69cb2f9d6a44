"""The projections of identity, projects and requests: who people are and whom a project concerns.

Why here: this service decides recipients on its own, from facts it has seen, without asking the
services that own them (they are not called, only heard on Kafka).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_notifications.adapters.tables import organization, person, project, request
from corridor_notifications.adapters.upserts import upsert


@dataclass(frozen=True)
class Person:
    user_id: uuid.UUID
    organization_id: uuid.UUID
    email: str
    full_name: str
    locale: str
    roles: frozenset[str]
    active: bool


def _person(row: Any) -> Person:
    return Person(user_id=row.user_id, organization_id=row.organization_id, email=row.email,
                  full_name=row.full_name, locale=row.locale, roles=frozenset(row.roles), active=row.active)


async def save_organization(session: AsyncSession, *, organization_id: uuid.UUID, kind: str, short_name: str) -> None:
    await upsert(session, organization, {"organization_id": organization_id, "kind": kind, "short_name": short_name},
                 ["organization_id"])


async def organization_names(session: AsyncSession, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    rows = await session.execute(select(organization.c.organization_id, organization.c.short_name)
                                 .where(organization.c.organization_id.in_(ids)))
    return {row.organization_id: row.short_name for row in rows}


async def save_person(session: AsyncSession, **values: Any) -> None:
    await upsert(session, person, values, ["user_id"])


async def change_person(session: AsyncSession, user_id: uuid.UUID, **values: Any) -> None:
    """Change a known person (a change to someone never registered here changes nothing)."""
    await session.execute(update(person).where(person.c.user_id == user_id).values(**values))


async def find_person(session: AsyncSession, user_id: uuid.UUID) -> Person | None:
    row = (await session.execute(select(person).where(person.c.user_id == user_id))).first()
    return _person(row) if row else None


async def members(session: AsyncSession, organization_id: uuid.UUID, role: str) -> list[Person]:
    """Active people of the organisation who hold the role (roles are few per person; filtered here)."""
    rows = await session.execute(select(person).where(person.c.organization_id == organization_id,
                                                      person.c.active.is_(True)).order_by(person.c.user_id))
    return [p for p in map(_person, rows) if role in p.roles]


async def save_project(session: AsyncSession, project_id: uuid.UUID, **values: Any) -> None:
    """Record what an event says about a project; fields it does not carry keep their value."""
    known = {k: v for k, v in values.items() if v is not None}
    await upsert(session, project, {"project_id": project_id, **values}, ["project_id"], update=known)


async def find_project(session: AsyncSession, project_id: uuid.UUID) -> Any:
    return (await session.execute(select(project).where(project.c.project_id == project_id))).first()


async def save_request(session: AsyncSession, request_id: uuid.UUID, *, project_id: uuid.UUID, status: str,
                       **values: Any) -> None:
    known = {k: v for k, v in values.items() if v is not None} | {"status": status}
    await upsert(session, request, {"request_id": request_id, "project_id": project_id, "status": status, **values},
                 ["request_id"], update=known)


async def find_request(session: AsyncSession, request_id: uuid.UUID) -> Any:
    return (await session.execute(select(request).where(request.c.request_id == request_id))).first()
