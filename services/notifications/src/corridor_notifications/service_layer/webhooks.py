"""Organisations' webhook endpoints: register (the secret is shown once), list, look up, delete.

`scope` is the organisation the caller acts for, or None for an administrator who acts for all;
another organisation's webhook is "not found" rather than forbidden, so ids reveal nothing.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_notifications.adapters.tables import webhook
from corridor_notifications.adapters.transaction_cache import forget
from corridor_notifications.domain.kinds import NotificationKind
from corridor_notifications.service_layer.errors import InvalidWebhookUrl, WebhookNotFound


def check_url(url: str, *, require_https: bool) -> None:
    parts = urlsplit(url)
    allowed = ("https",) if require_https else ("https", "http")
    if parts.scheme not in allowed or not parts.hostname:
        raise InvalidWebhookUrl(f"The URL must be absolute and use {' or '.join(allowed)}")
    if parts.username or parts.password:
        raise InvalidWebhookUrl("Credentials do not belong in the URL; the signature authenticates us")


async def register_webhook(session: AsyncSession, *, organization_id: uuid.UUID, url: str,
                           event_kinds: list[NotificationKind], created_by: uuid.UUID, now: datetime,
                           require_https: bool) -> tuple[Any, str]:
    """Store the endpoint with a new secret; returns the row and the secret (never shown again)."""
    check_url(url, require_https=require_https)
    secret = f"whsec_{secrets.token_urlsafe(32)}"
    webhook_id = uuid.uuid4()
    forget(session, "webhooks")
    await session.execute(webhook.insert().values(
        webhook_id=webhook_id, organization_id=organization_id, url=url, secret=secret,
        event_kinds=sorted({kind.value for kind in event_kinds}), created_by=created_by, created_at=now))
    return await get_webhook(session, webhook_id=webhook_id, scope=organization_id), secret


async def list_webhooks(session: AsyncSession, *, scope: uuid.UUID | None) -> list[Any]:
    query = select(webhook).where(webhook.c.deleted_at.is_(None)).order_by(webhook.c.created_at)
    if scope is not None:
        query = query.where(webhook.c.organization_id == scope)
    return (await session.execute(query)).all()


async def get_webhook(session: AsyncSession, *, webhook_id: uuid.UUID, scope: uuid.UUID | None) -> Any:
    query = select(webhook).where(webhook.c.webhook_id == webhook_id, webhook.c.deleted_at.is_(None))
    if scope is not None:
        query = query.where(webhook.c.organization_id == scope)
    row = (await session.execute(query)).first()
    if row is None:
        raise WebhookNotFound(f"No webhook {webhook_id}")
    return row


async def delete_webhook(session: AsyncSession, *, webhook_id: uuid.UUID, scope: uuid.UUID | None,
                         now: datetime) -> None:
    """Stop deliveries to it; pending ones are dead-lettered by the worker (the row stays for the log)."""
    await get_webhook(session, webhook_id=webhook_id, scope=scope)
    forget(session, "webhooks")
    await session.execute(update(webhook).where(webhook.c.webhook_id == webhook_id).values(deleted_at=now))
