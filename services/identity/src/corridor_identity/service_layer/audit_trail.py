"""Use case: read the audit trail of security events (administrators, operators, the agency head)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from corridor_identity.adapters.audit_log import AuditLog, AuditRecord
from corridor_identity.domain.audit import AuditEventKind


async def read_audit_trail(session: AsyncSession, *, kind: AuditEventKind | None, subject: str | None,
                           since: datetime | None, until: datetime | None, limit: int) -> list[AuditRecord]:
    return await AuditLog(session).search(kind=kind, subject=subject, since=since, until=until, limit=limit)
