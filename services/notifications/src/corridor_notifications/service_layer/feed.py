"""The in-app feed: a person's delivered in-app notifications, newest first, read or not."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_contracts.events.notifications import Channel
from corridor_notifications.adapters.tables import notification
from corridor_notifications.service_layer.delivery import DELIVERED
from corridor_notifications.service_layer.errors import NotificationNotFound

_FEED_COLUMNS = (notification.c.position, notification.c.notification_id, notification.c.kind,
                 notification.c.subject, notification.c.body_text, notification.c.link, notification.c.created_at,
                 notification.c.delivered_at, notification.c.read_at)


def _of(user_id: uuid.UUID):
    return (notification.c.user_id == user_id, notification.c.channel == Channel.IN_APP.value,
            notification.c.status == DELIVERED)


async def list_feed(session: AsyncSession, *, user_id: uuid.UUID, unread_only: bool, limit: int,
                    before: int | None) -> list[Any]:
    """A page of the feed, newest first; `before` is the position where the previous page ended."""
    query = select(*_FEED_COLUMNS).where(*_of(user_id))
    if unread_only:
        query = query.where(notification.c.read_at.is_(None))
    if before is not None:
        query = query.where(notification.c.position < before)
    return (await session.execute(query.order_by(notification.c.position.desc()).limit(limit))).all()


async def feed_after(session: AsyncSession, *, user_id: uuid.UUID, after: int, limit: int) -> list[Any]:
    """What the live stream has not sent yet, oldest first."""
    return (await session.execute(select(*_FEED_COLUMNS).where(*_of(user_id), notification.c.position > after)
                                  .order_by(notification.c.position).limit(limit))).all()


async def latest_position(session: AsyncSession, *, user_id: uuid.UUID) -> int:
    return (await session.execute(select(func.coalesce(func.max(notification.c.position), 0))
                                  .where(*_of(user_id)))).scalar_one()


async def unread_count(session: AsyncSession, *, user_id: uuid.UUID) -> int:
    return (await session.execute(select(func.count()).select_from(notification)
                                  .where(*_of(user_id), notification.c.read_at.is_(None)))).scalar_one()


async def mark_read(session: AsyncSession, *, user_id: uuid.UUID, notification_id: uuid.UUID, now: datetime) -> Any:
    """Mark one of the person's own feed items read (again is harmless: the first time is kept)."""
    await session.execute(update(notification).where(*_of(user_id), notification.c.notification_id == notification_id,
                                                      notification.c.read_at.is_(None)).values(read_at=now))
    row = (await session.execute(select(*_FEED_COLUMNS).where(
        *_of(user_id), notification.c.notification_id == notification_id))).first()
    if row is None:
        raise NotificationNotFound(f"No notification {notification_id} in your feed")
    return row


async def mark_all_read(session: AsyncSession, *, user_id: uuid.UUID, now: datetime) -> int:
    result = await session.execute(update(notification).where(*_of(user_id), notification.c.read_at.is_(None))
                                   .values(read_at=now))
    return result.rowcount
