"""Requests, their recorded steps and their documents in the store.

Why: the service layer speaks in records and steps; this module is the only one that knows the
columns. A step changes a request only if its version is still the one that was read (optimistic
concurrency), so two officials pressing "accept" at once give one success and one 409.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_requests.adapters.tables import documents, request_steps, requests
from corridor_requests.domain.errors import StateConflict
from corridor_requests.domain.lifecycle import RequestStatus


@dataclass(frozen=True)
class RequestRecord:
    request_id: UUID
    project_id: UUID
    investor_organization_id: UUID
    request_type_code: str
    subject: str
    payload: dict[str, Any]
    status: RequestStatus
    sla_policy_code: str
    registered_at: datetime
    updated_at: datetime
    recipient_organization_id: UUID | None = None
    recipient_kind: str | None = None
    routing_rule_id: str | None = None
    routing_explanation: str | None = None
    roadmap_task_id: UUID | None = None
    due_on: date | None = None
    outcome: str | None = None
    submitted_by: UUID | None = None
    version: int = 1


@dataclass(frozen=True)
class DocumentRecord:
    document_id: UUID
    sha256: str
    size_bytes: int
    content_type: str
    file_name: str
    uploaded_by_organization_id: UUID
    uploaded_at: datetime
    kind: str | None = None
    uploaded_by: UUID | None = None
    request_id: UUID | None = None
    step_id: int | None = None


@dataclass(frozen=True)
class StepRecord:
    step_id: int
    step: str
    from_status: str | None
    to_status: str
    actor_id: UUID | None
    actor_organization_id: UUID | None
    organization_id: UUID | None
    text: str | None
    occurred_at: datetime
    documents: tuple[DocumentRecord, ...] = field(default=())


def _record(cls, row) -> Any:
    names = {f.name for f in fields(cls)}
    return cls(**{key: value for key, value in row._mapping.items() if key in names})


def request_from_row(row) -> RequestRecord:
    record = _record(RequestRecord, row)
    return replace(record, status=RequestStatus(record.status))


async def find_request(session: AsyncSession, request_id: UUID) -> RequestRecord | None:
    row = (await session.execute(select(requests).where(requests.c.request_id == request_id))).first()
    return request_from_row(row) if row else None


async def insert_request(session: AsyncSession, record: RequestRecord) -> None:
    values = {f.name: getattr(record, f.name) for f in fields(record)}
    await session.execute(insert(requests).values(**values | {"status": record.status.value}))


async def update_request(session: AsyncSession, read: RequestRecord, **changes: Any) -> RequestRecord:
    """Apply `changes` if the row is still at the version `read` saw; else a 409."""
    if "status" in changes:
        changes["status"] = RequestStatus(changes["status"])
    stored = {key: (value.value if isinstance(value, RequestStatus) else value) for key, value in changes.items()}
    result = await session.execute(
        update(requests).where(requests.c.request_id == read.request_id, requests.c.version == read.version)
        .values(**stored, version=read.version + 1))
    if result.rowcount != 1:
        raise StateConflict("the request was changed by someone else meanwhile; reload and try again")
    return replace(read, **changes, version=read.version + 1)


async def add_step(session: AsyncSession, *, request_id: UUID, step: str, from_status: RequestStatus | None,
                   to_status: RequestStatus, actor_id: UUID | None, actor_organization_id: UUID | None,
                   organization_id: UUID | None, text: str | None, at: datetime) -> int:
    result = await session.execute(insert(request_steps).values(
        request_id=request_id, step=step, from_status=from_status.value if from_status else None,
        to_status=to_status.value, actor_id=actor_id, actor_organization_id=actor_organization_id,
        organization_id=organization_id, text=text, occurred_at=at).returning(request_steps.c.step_id))
    return result.scalar_one()


async def steps_of(session: AsyncSession, request_id: UUID) -> list[StepRecord]:
    rows = (await session.execute(select(request_steps).where(request_steps.c.request_id == request_id)
                                  .order_by(request_steps.c.step_id))).all()
    attached = await documents_of(session, request_id)
    by_step: dict[int, list[DocumentRecord]] = {}
    for document in attached:
        by_step.setdefault(document.step_id, []).append(document)
    return [replace(_record(StepRecord, row), documents=tuple(by_step.get(row.step_id, ()))) for row in rows]


async def insert_document(session: AsyncSession, record: DocumentRecord) -> None:
    await session.execute(insert(documents).values(**{f.name: getattr(record, f.name) for f in fields(record)}))


async def find_documents(session: AsyncSession, document_ids: list[UUID]) -> list[DocumentRecord]:
    if not document_ids:
        return []
    rows = (await session.execute(select(documents).where(documents.c.document_id.in_(document_ids)))).all()
    return [_record(DocumentRecord, row) for row in rows]


async def documents_of(session: AsyncSession, request_id: UUID) -> list[DocumentRecord]:
    rows = (await session.execute(select(documents).where(documents.c.request_id == request_id)
                                  .order_by(documents.c.uploaded_at, documents.c.document_id))).all()
    return [_record(DocumentRecord, row) for row in rows]


async def attach_documents(session: AsyncSession, document_ids: list[UUID], *, request_id: UUID,
                           step_id: int) -> None:
    """Attach unattached documents; a document attached meanwhile by a concurrent step gives a 409."""
    if not document_ids:
        return
    result = await session.execute(
        update(documents).where(documents.c.document_id.in_(document_ids), documents.c.request_id.is_(None))
        .values(request_id=request_id, step_id=step_id))
    if result.rowcount != len(set(document_ids)):
        raise StateConflict("a document was attached elsewhere meanwhile; upload it again")


async def unfinished_requests_of_project(session: AsyncSession, project_id: UUID) -> list[RequestRecord]:
    finished = [RequestStatus.WITHDRAWN.value, RequestStatus.CLOSED.value]
    rows = (await session.execute(select(requests).where(
        requests.c.project_id == project_id, requests.c.status.not_in(finished)))).all()
    return [request_from_row(row) for row in rows]


async def set_due_on(session: AsyncSession, request_id: UUID, due_on: date) -> None:
    """The SLA service's deadline replaces the indicative one; not a step, so the version stays."""
    await session.execute(update(requests).where(requests.c.request_id == request_id).values(due_on=due_on))
