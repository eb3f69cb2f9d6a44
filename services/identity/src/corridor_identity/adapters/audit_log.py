"""The audit log of security events, stored in the same transaction as what it records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_identity.adapters.tables import audit_records
from corridor_identity.domain.audit import AuditEvent, AuditEventKind


@dataclass(frozen=True)
class AuditRecord:
    id: int
    event: AuditEvent


class AuditLog:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record(self, event: AuditEvent) -> None:
        await self.session.execute(insert(audit_records).values(
            kind=str(event.kind), occurred_at=event.occurred_at, actor=event.actor, subject=event.subject,
            email=event.email, client_ip=event.client_ip, details=dict(event.details)))

    async def search(self, *, kind: AuditEventKind | None = None, subject: str | None = None,
                     since: datetime | None = None, until: datetime | None = None,
                     limit: int = 100) -> list[AuditRecord]:
        """Newest first."""
        query = select(audit_records).order_by(audit_records.c.occurred_at.desc(), audit_records.c.id.desc())
        if kind:
            query = query.where(audit_records.c.kind == str(kind))
        if subject:
            query = query.where(audit_records.c.subject == subject)
        if since:
            query = query.where(audit_records.c.occurred_at >= since)
        if until:
            query = query.where(audit_records.c.occurred_at < until)
        rows = (await self.session.execute(query.limit(limit))).all()
        return [AuditRecord(row.id, AuditEvent(
            kind=AuditEventKind(row.kind), occurred_at=row.occurred_at, actor=row.actor, subject=row.subject,
            email=row.email, client_ip=row.client_ip, details=row.details)) for row in rows]
