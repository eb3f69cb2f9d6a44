"""Lists of requests for cabinets: the investor's, the manager's, and a recipient's inbox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_requests.adapters.request_store import RequestRecord, request_from_row
from corridor_requests.adapters.tables import projects, requests


@dataclass(frozen=True)
class RequestFilter:
    statuses: tuple[str, ...] = ()
    request_type_code: str | None = None
    project_id: UUID | None = None
    due_before: date | None = None  # due on or before
    due_after: date | None = None  # due on or after


@dataclass(frozen=True)
class RequestPage:
    items: list[RequestRecord]
    total: int


async def search(session: AsyncSession, *, visible_to, filters: RequestFilter, by_due_date: bool, limit: int,
                 offset: int) -> RequestPage:
    """`visible_to` is the SQL condition naming what the caller may see."""
    conditions = [visible_to]
    if filters.statuses:
        conditions.append(requests.c.status.in_(filters.statuses))
    if filters.request_type_code:
        conditions.append(requests.c.request_type_code == filters.request_type_code)
    if filters.project_id:
        conditions.append(requests.c.project_id == filters.project_id)
    if filters.due_before:
        conditions.append(requests.c.due_on <= filters.due_before)
    if filters.due_after:
        conditions.append(requests.c.due_on >= filters.due_after)
    total = (await session.execute(select(func.count()).select_from(requests).where(*conditions))).scalar_one()
    order = ([requests.c.due_on.is_(None), requests.c.due_on, requests.c.registered_at] if by_due_date
             else [requests.c.registered_at.desc()])
    rows = (await session.execute(select(requests).where(*conditions).order_by(*order, requests.c.request_id)
                                  .limit(limit).offset(offset))).all()
    return RequestPage([request_from_row(row) for row in rows], total)


def filed_by(organization_id: UUID | None):
    return requests.c.investor_organization_id == organization_id


def curated_by(manager_user_id: UUID | None):
    return requests.c.project_id.in_(select(projects.c.project_id).where(projects.c.manager_user_id == manager_user_id))


def assigned_to(organization_id: UUID | None):
    return requests.c.recipient_organization_id == organization_id


def any_of(*conditions):
    return or_(*conditions)
