"""Delivery bookkeeping: claim due notifications, and record each attempt with its event.

Why a lease: several replicas may run the worker. A claim stamps the rows with a lease id and moves
their due time past the lease, so others skip them (SKIP LOCKED on PostgreSQL keeps two claims from
meeting); an outcome is recorded only under the same lease. A worker that dies mid-send leaves the
row to be claimed again when the lease ends: delivery is at-least-once, and the status change, the
delivery log row and the NotificationDelivered/NotificationFailed event commit together. The worker
records the outcomes that are ready together, in one transaction (record_outcomes), because one
transaction per message was most of the cost of sending e-mail, and a single writer (SQLite) made
the per-message transactions queue behind each other.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_chassis.messaging.outbox import enqueue
from corridor_contracts.events.notifications import Channel, NotificationDelivered, NotificationFailed
from corridor_notifications.adapters.tables import delivery_attempt, notification, webhook
from corridor_notifications.domain.retry import RetryPolicy

PENDING, DELIVERED, DEAD_LETTERED = "pending", "delivered", "dead_lettered"


@dataclass(frozen=True)
class Claim:
    """A notification this worker may now try to deliver, with what the channel needs."""

    row: Any  # the notification row, plus the webhook's secret and deletion time for webhooks
    lease_id: str

    @property
    def channel(self) -> Channel:
        return Channel(self.row.channel)


async def claim_due(session: AsyncSession, *, now: datetime, lease: timedelta, limit: int) -> list[Claim]:
    query = (select(notification, webhook.c.secret, webhook.c.deleted_at.label("webhook_deleted_at"))
             .outerjoin(webhook, webhook.c.webhook_id == notification.c.webhook_id)
             .where(notification.c.status == PENDING, notification.c.next_attempt_at <= now)
             .order_by(notification.c.next_attempt_at, notification.c.position).limit(limit))
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(of=notification, skip_locked=True)
    rows = (await session.execute(query)).all()
    if not rows:
        return []
    lease_id = str(uuid.uuid4())
    await session.execute(update(notification)
                          .where(notification.c.notification_id.in_([row.notification_id for row in rows]))
                          .values(lease_id=lease_id, next_attempt_at=now + lease))
    return [Claim(row, lease_id) for row in rows]


@dataclass(frozen=True)
class Outcome:
    """What one attempt came to: delivered with the channel's reply, or failed with a reason."""

    claim: Claim
    detail: str  # the channel's reply, or the error
    failed: bool = False
    permanent: bool = False  # a failure no retry can fix: dead-letter it now


async def record_outcomes(session: AsyncSession, outcomes: Iterable[Outcome], *, now: datetime, policy: RetryPolicy,
                          random: Callable[[], float]) -> list[Outcome]:
    """Record a group of attempts in the caller's transaction; returns those whose lease still held."""
    outcomes = list(outcomes)
    recorded = await _record_delivered(session, [o for o in outcomes if not o.failed], now=now)
    for outcome in outcomes:
        if outcome.failed and await record_failed(session, claim=outcome.claim, now=now, error=outcome.detail,
                                                  permanent=outcome.permanent, policy=policy, random=random):
            recorded.append(outcome)
    return recorded


async def _record_delivered(session: AsyncSession, outcomes: list[Outcome], *, now: datetime) -> list[Outcome]:
    """Mark the deliveries done in one statement per lease, only where the lease still holds (another
    worker owns a row whose lease ran out); then their log rows and NotificationDelivered events."""
    recorded: list[Outcome] = []
    for lease_id in dict.fromkeys(outcome.claim.lease_id for outcome in outcomes):
        group = [outcome for outcome in outcomes if outcome.claim.lease_id == lease_id]
        changed = set((await session.execute(
            update(notification)
            .where(notification.c.notification_id.in_([outcome.claim.row.notification_id for outcome in group]),
                   notification.c.lease_id == lease_id, notification.c.status == PENDING)
            .values(lease_id=None, status=DELIVERED, attempts=notification.c.attempts + 1, delivered_at=now,
                    next_attempt_at=None, last_error=None)
            .returning(notification.c.notification_id))).scalars())
        recorded += [outcome for outcome in group if outcome.claim.row.notification_id in changed]
    if recorded:
        await session.execute(delivery_attempt.insert(), [
            {"notification_id": outcome.claim.row.notification_id, "at": now, "outcome": "delivered",
             "detail": outcome.detail, "actor_id": None} for outcome in recorded])
    for outcome in recorded:
        await enqueue(session, NotificationDelivered(occurred_at=now, **_described(outcome.claim)))
    return recorded


async def record_failed(session: AsyncSession, *, claim: Claim, now: datetime, error: str, permanent: bool,
                        policy: RetryPolicy, random: Callable[[], float]) -> bool:
    """Schedule the next attempt with backoff, or dead-letter it; False when the lease was lost."""
    attempts = claim.row.attempts + 1
    retry_at = None if permanent else policy.next_attempt_at(attempts=attempts, now=now, random=random)
    changes = ({"status": PENDING, "next_attempt_at": retry_at} if retry_at is not None
               else {"status": DEAD_LETTERED, "next_attempt_at": None, "dead_lettered_at": now})
    if not await _change(session, claim, attempts=attempts, last_error=error, **changes):
        return False
    await _log(session, claim, now=now, outcome="failed" if retry_at else DEAD_LETTERED, detail=error)
    await enqueue(session, NotificationFailed(occurred_at=now, error=error, attempts=attempts,
                                              will_retry=retry_at is not None, **_described(claim)))
    return True


async def _change(session: AsyncSession, claim: Claim, **values: Any) -> bool:
    result = await session.execute(
        update(notification).where(notification.c.notification_id == claim.row.notification_id,
                                   notification.c.lease_id == claim.lease_id, notification.c.status == PENDING)
        .values(lease_id=None, **values))
    return result.rowcount == 1


async def _log(session: AsyncSession, claim: Claim, *, now: datetime, outcome: str, detail: str) -> None:
    await session.execute(delivery_attempt.insert().values(notification_id=claim.row.notification_id, at=now,
                                                           outcome=outcome, detail=detail))


def _described(claim: Claim) -> dict[str, Any]:
    row = claim.row
    return {"notification_id": row.notification_id, "recipient_user_id": row.user_id, "channel": claim.channel,
            "template_code": row.kind, "cause_event_id": row.cause_event_id,
            "cause_event_type": row.cause_event_type, "webhook_id": row.webhook_id}
