"""What operators do with notifications that could not be delivered: list, read the log, replay."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_chassis.errors import Forbidden
from corridor_notifications.adapters.tables import delivery_attempt, notification
from corridor_notifications.service_layer.delivery import DEAD_LETTERED, PENDING
from corridor_notifications.service_layer.errors import NotDeadLettered, NotificationNotFound
from corridor_notifications.service_layer.fan_out import delivery_wakeup

SUMMARY = (notification.c.position, notification.c.notification_id, notification.c.kind, notification.c.channel,
           notification.c.user_id, notification.c.organization_id, notification.c.webhook_id,
           notification.c.address, notification.c.status, notification.c.attempts, notification.c.last_error,
           notification.c.cause_event_id, notification.c.cause_event_type, notification.c.created_at,
           notification.c.delivered_at, notification.c.dead_lettered_at)


async def list_dead_letters(session: AsyncSession, *, limit: int, before: int | None) -> list[Any]:
    query = select(*SUMMARY).where(notification.c.status == DEAD_LETTERED)
    if before is not None:
        query = query.where(notification.c.position < before)
    return (await session.execute(query.order_by(notification.c.position.desc()).limit(limit))).all()


async def find_notification(session: AsyncSession, *, notification_id: uuid.UUID) -> Any:
    row = (await session.execute(select(*SUMMARY).where(notification.c.notification_id == notification_id))).first()
    if row is None:
        raise NotificationNotFound(f"No notification {notification_id}")
    return row


async def delivery_log(session: AsyncSession, *, notification_id: uuid.UUID, reader_id: uuid.UUID,
                       reads_all: bool) -> tuple[Any, list[Any]]:
    """The notification and its attempts, for an operator (`reads_all`) or the person it is addressed to."""
    row = await find_notification(session, notification_id=notification_id)
    if not reads_all and row.user_id != reader_id:
        raise Forbidden("Only operators and the notification's recipient may read its log")
    attempts = (await session.execute(select(delivery_attempt).where(
        delivery_attempt.c.notification_id == notification_id).order_by(delivery_attempt.c.attempt_id))).all()
    return row, attempts


async def replay(session: AsyncSession, *, notification_id: uuid.UUID, actor_id: uuid.UUID, now: datetime) -> Any:
    """Give a dead-lettered notification a fresh set of attempts, due now."""
    await find_notification(session, notification_id=notification_id)
    result = await session.execute(
        update(notification).where(notification.c.notification_id == notification_id,
                                   notification.c.status == DEAD_LETTERED)
        .values(status=PENDING, attempts=0, next_attempt_at=now, dead_lettered_at=None, lease_id=None))
    if result.rowcount != 1:
        raise NotDeadLettered(f"Notification {notification_id} is not dead-lettered")
    await session.execute(delivery_attempt.insert().values(notification_id=notification_id, at=now, outcome="replayed",
                                                           actor_id=actor_id))
    delivery_wakeup.set()
    return await find_notification(session, notification_id=notification_id)
