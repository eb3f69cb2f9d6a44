"""Operators' view of delivery: GET /dead-letters, POST /dead-letters/{id}/replay, and each
notification's delivery log at GET /notifications/{id}/deliveries."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from corridor_chassis.auth import CurrentPrincipal, Principal, require_roles
from corridor_contracts.vocabulary import Role
from corridor_notifications.entrypoints.http.deps import Now, Sessions
from corridor_notifications.service_layer import dead_letters

router = APIRouter(tags=["delivery"])

OPERATORS = (Role.OPERATOR, Role.ADMINISTRATOR)
Operator = Annotated[Principal, Depends(require_roles(*OPERATORS))]


class Notification(BaseModel):
    id: uuid.UUID
    position: int
    kind: str
    channel: str
    user_id: uuid.UUID
    organization_id: uuid.UUID | None
    webhook_id: uuid.UUID | None
    address: str | None
    status: str
    attempts: int
    last_error: str | None
    cause_event_id: str
    cause_event_type: str
    created_at: datetime
    delivered_at: datetime | None
    dead_lettered_at: datetime | None

    @classmethod
    def of(cls, row: Any) -> "Notification":
        return cls(id=row.notification_id, **{name: getattr(row, name) for name in cls.model_fields if name != "id"})


class Attempt(BaseModel):
    at: datetime
    outcome: str
    detail: str | None
    actor_id: uuid.UUID | None


class DeliveryLog(BaseModel):
    notification: Notification
    attempts: list[Attempt]


class DeadLetters(BaseModel):
    items: list[Notification]
    next_before: int | None


@router.get("/dead-letters", summary="Notifications given up on, newest first")
async def list_dead_letters(_operator: Operator, sessions: Sessions,
                            limit: Annotated[int, Query(ge=1, le=200)] = 50,
                            before: Annotated[int | None, Query(ge=1, le=2**63 - 1)] = None) -> DeadLetters:
    async with sessions() as session:
        rows = await dead_letters.list_dead_letters(session, limit=limit, before=before)
    return DeadLetters(items=[Notification.of(row) for row in rows],
                       next_before=rows[-1].position if len(rows) == limit else None)


@router.post("/dead-letters/{notification_id}/replay", summary="Deliver a dead-lettered notification again")
async def replay(notification_id: uuid.UUID, operator: Operator, sessions: Sessions, now: Now) -> Notification:
    async with sessions() as session, session.begin():
        row = await dead_letters.replay(session, notification_id=notification_id, actor_id=operator.subject, now=now)
    return Notification.of(row)


@router.get("/notifications/{notification_id}/deliveries", summary="The delivery log of one notification")
async def delivery_log(notification_id: uuid.UUID, principal: CurrentPrincipal, sessions: Sessions) -> DeliveryLog:
    async with sessions() as session:
        row, attempts = await dead_letters.delivery_log(session, notification_id=notification_id,
                                                        reader_id=principal.subject,
                                                        reads_all=principal.has_any_role(*OPERATORS))
    return DeliveryLog(notification=Notification.of(row),
                       attempts=[Attempt(at=a.at, outcome=a.outcome, detail=a.detail, actor_id=a.actor_id)
                                 for a in attempts])
