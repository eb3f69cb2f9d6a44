"""What projects knows about requests: which task each serves, its SLA risk, and who received it.

Events of one request arrive in order on their topic, but SLA events travel on another topic and may
come first, so every write here creates the row if it is missing.
"""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncSession

from .tables import project_recipients, request_links
from .upserts import upsert


async def link(session: AsyncSession, *, request_id: UUID, project_id: UUID, task_id: UUID | None) -> Row:
    """Record the task a request serves; keeps any SLA risk seen before; returns the link."""
    await upsert(session, request_links,
                 {"request_id": request_id, "project_id": project_id, "task_id": task_id, "at_risk": False},
                 key=["request_id"], update=["task_id"])
    found = await get(session, request_id)
    assert found is not None
    return found


async def get(session: AsyncSession, request_id: UUID) -> Row | None:
    return (await session.execute(select(request_links).where(request_links.c.request_id == request_id))).first()


async def set_risk(session: AsyncSession, *, request_id: UUID, project_id: UUID, at_risk: bool) -> None:
    await upsert(session, request_links,
                 {"request_id": request_id, "project_id": project_id, "task_id": None, "at_risk": at_risk},
                 key=["request_id"], update=["at_risk"])


async def add_recipient(session: AsyncSession, *, project_id: UUID, organization_id: UUID) -> None:
    """The organisation got a request of the project; its officials may see the project from now on."""
    await upsert(session, project_recipients, {"project_id": project_id, "organization_id": organization_id},
                 key=["project_id", "organization_id"])
