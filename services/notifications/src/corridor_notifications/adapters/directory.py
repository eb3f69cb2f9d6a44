"""The projections of identity, projects and requests: who people are and whom a project concerns.

Why here: this service decides recipients on its own, from facts it has seen, without asking the
services that own them (they are not called, only heard on Kafka). Lookups are remembered for the rest
of the transaction (see transaction_cache); the writes below forget what they change.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_notifications.adapters.tables import organization, person, project, request
from corridor_notifications.adapters.transaction_cache import forget, remembered
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
    forget(session, "organization_name")
    await upsert(session, organization, {"organization_id": organization_id, "kind": kind, "short_name": short_name},
                 ["organization_id"])


async def organization_names(session: AsyncSession, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    known = remembered(session, "organization_name")
    if missing := ids - known.keys():
        rows = await session.execute(select(organization.c.organization_id, organization.c.short_name)
                                     .where(organization.c.organization_id.in_(missing)))
        known |= dict.fromkeys(missing) | {row.organization_id: row.short_name for row in rows}
    return {id_: known[id_] for id_ in ids if known[id_] is not None}


async def save_person(session: AsyncSession, **values: Any) -> None:
    forget(session, "person", "members")
    await upsert(session, person, values, ["user_id"])


async def change_person(session: AsyncSession, user_id: uuid.UUID, **values: Any) -> None:
    """Change a known person (a change to someone never registered here changes nothing)."""
    forget(session, "person", "members")
    await session.execute(update(person).where(person.c.user_id == user_id).values(**values))


async def find_person(session: AsyncSession, user_id: uuid.UUID) -> Person | None:
    known = remembered(session, "person")
    if user_id not in known:
        row = (await session.execute(select(person).where(person.c.user_id == user_id))).first()
        known[user_id] = _person(row) if row else None
    return known[user_id]


async def members(session: AsyncSession, organization_id: uuid.UUID, role: str) -> list[Person]:
    """Active people of the organisation who hold the role (roles are few per person; filtered here)."""
    known = remembered(session, "members")
    if organization_id not in known:
        rows = await session.execute(select(person).where(person.c.organization_id == organization_id,
                                                          person.c.active.is_(True)).order_by(person.c.user_id))
        known[organization_id] = [_person(row) for row in rows]
    return [p for p in known[organization_id] if role in p.roles]


async def save_project(session: AsyncSession, project_id: uuid.UUID, **values: Any) -> None:
    """Record what an event says about a project; fields it does not carry keep their value."""
    remembered(session, "project").pop(project_id, None)
    await upsert(session, project, {"project_id": project_id, **values}, ["project_id"],
                 update=[name for name, value in values.items() if value is not None])


async def find_project(session: AsyncSession, project_id: uuid.UUID) -> Any:
    known = remembered(session, "project")
    if project_id not in known:
        known[project_id] = (await session.execute(select(project).where(project.c.project_id == project_id))).first()
    return known[project_id]


async def save_request(session: AsyncSession, request_id: uuid.UUID, *, project_id: uuid.UUID, status: str,
                       **values: Any) -> None:
    remembered(session, "request").pop(request_id, None)
    await upsert(session, request, {"request_id": request_id, "project_id": project_id, "status": status, **values},
                 ["request_id"], update=["status", *(name for name, value in values.items() if value is not None)])


async def find_request(session: AsyncSession, request_id: uuid.UUID) -> Any:
    known = remembered(session, "request")
    if request_id not in known:
        known[request_id] = (await session.execute(select(request).where(request.c.request_id == request_id))).first()
    return known[request_id]
