"""HTTP: the audit trail of security events (administrators, operators and the agency head)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import AwareDatetime, BaseModel

from corridor_chassis.auth import CurrentPrincipal
from corridor_identity.domain.audit import AuditEventKind
from corridor_identity.domain.roles import Permission
from corridor_identity.entrypoints.http.deps import Session, permit
from corridor_identity.service_layer.audit_trail import read_audit_trail

router = APIRouter(tags=["audit"])


class AuditRecordOut(BaseModel):
    id: int
    kind: AuditEventKind
    occurred_at: datetime
    actor: str | None
    subject: str | None
    email: str | None
    client_ip: str | None
    details: dict[str, str]
    alert: bool


@router.get("/audit", summary="Security events, newest first")
async def audit_trail(principal: CurrentPrincipal, session: Session, kind: AuditEventKind | None = None,
                      subject: Annotated[str | None, Query(max_length=64)] = None,
                      since: AwareDatetime | None = None, until: AwareDatetime | None = None,
                      limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[AuditRecordOut]:
    permit(principal, Permission.READ_AUDIT_LOG)
    records = await read_audit_trail(session, kind=kind, subject=subject, since=since, until=until, limit=limit)
    return [AuditRecordOut(id=record.id, kind=record.event.kind, occurred_at=record.event.occurred_at,
                           actor=record.event.actor, subject=record.event.subject, email=record.event.email,
                           client_ip=record.event.client_ip, details=dict(record.event.details),
                           alert=record.event.is_alert) for record in records]
