"""The record of supplier responses: those applied (each once, by response id) and those rejected."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_requests.adapters.tables import supplier_response_rejections, supplier_responses


async def was_applied(session: AsyncSession, response_id: UUID) -> bool:
    found = await session.execute(select(supplier_responses.c.response_id).where(
        supplier_responses.c.response_id == response_id))
    return found.first() is not None


async def record_applied(session: AsyncSession, *, response_id: UUID, request_id: UUID,
                         supplier_organization_id: UUID, action: str, at: datetime) -> None:
    await session.execute(insert(supplier_responses).values(
        response_id=response_id, request_id=request_id, supplier_organization_id=supplier_organization_id,
        action=action, applied_at=at))


async def record_rejected(session: AsyncSession, *, event_id: str, response_id: UUID, request_id: UUID,
                          claimed_organization_id: UUID, sender_organization_id: UUID | None, reason: str,
                          detail: str, at: datetime) -> None:
    await session.execute(insert(supplier_response_rejections).values(
        event_id=event_id, response_id=response_id, request_id=request_id,
        claimed_organization_id=claimed_organization_id, sender_organization_id=sender_organization_id,
        reason=reason, detail=detail[:4000], rejected_at=at))


async def rejections(session: AsyncSession, *, limit: int, offset: int) -> list[dict]:
    rows = await session.execute(select(supplier_response_rejections)
                                 .order_by(supplier_response_rejections.c.rejection_id.desc())
                                 .limit(limit).offset(offset))
    return [dict(row) for row in rows.mappings()]
