"""Recording delivery outcomes in groups, on both stores: each outcome counts only under the lease it
was claimed with, a group may mix deliveries and failures, and the worker records what is ready
without waiting for a slow send."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from corridor_chassis.messaging.tables import outbox
from corridor_notifications.adapters.broadcaster import FeedBroadcaster
from corridor_notifications.adapters.smtp import SmtpMailer
from corridor_notifications.adapters.tables import delivery_attempt, notification
from corridor_notifications.domain.retry import RetryPolicy
from corridor_notifications.entrypoints.delivery_worker import DeliveryWorker
from corridor_notifications.service_layer.delivery import Outcome, claim_due, record_outcomes

NOW = datetime(2026, 3, 16, 7, 30, tzinfo=timezone.utc)
LEASE = timedelta(minutes=5)
POLICY = RetryPolicy(max_attempts=3, base_seconds=60, cap_seconds=3600)


async def _pending(sessions, count: int, *, addresses: tuple[str, ...] = ()) -> list[uuid.UUID]:
    ids = [uuid.uuid4() for _ in range(count)]
    addresses = addresses or ("official@example.ru",) * count
    async with sessions() as session, session.begin():
        await session.execute(notification.insert(), [{
            "notification_id": id_, "cause_event_id": str(uuid.uuid4()), "kind": "sla-breached",
            "cause_event_type": "ru.green-corridor.sla.SlaBreached.v1", "channel": "email", "recipient": str(id_),
            "user_id": uuid.uuid4(), "locale": "ru", "address": address, "subject": "Просрочен ответ",
            "body_text": "…", "link": "http://cabinet/requests/1", "status": "pending", "attempts": 0,
            "next_attempt_at": NOW, "created_at": NOW} for id_, address in zip(ids, addresses)])
    return ids


async def _claim(sessions, now: datetime):
    async with sessions() as session, session.begin():
        return await claim_due(session, now=now, lease=LEASE, limit=10)


async def _record(sessions, outcomes: list[Outcome], now: datetime) -> list[Outcome]:
    async with sessions() as session, session.begin():
        return await record_outcomes(session, outcomes, now=now, policy=POLICY, random=lambda: 0.5)


async def _rows(sessions, table, *where):
    async with sessions() as session:
        return (await session.execute(select(table).where(*where))).all()


async def test_a_group_of_deliveries_and_a_failure_is_recorded_together_with_log_rows_and_events(sessions) -> None:
    delivered_id, other_id, failed_id = await _pending(sessions, 3)
    claims = {claim.row.notification_id: claim for claim in await _claim(sessions, NOW)}
    outcomes = [Outcome(claims[delivered_id], "SMTP accepted: 250 OK"), Outcome(claims[other_id], "SMTP accepted"),
                Outcome(claims[failed_id], "SMTP 127.0.0.1:25: SMTPServerDisconnected", failed=True)]
    later = NOW + timedelta(seconds=2)

    assert await _record(sessions, outcomes, later) == outcomes
    rows = {row.notification_id: row for row in await _rows(sessions, notification)}
    assert [(rows[i].status, rows[i].attempts, rows[i].delivered_at, rows[i].lease_id) for i in (delivered_id, other_id)
            ] == [("delivered", 1, later, None)] * 2
    failed = rows[failed_id]
    assert (failed.status, failed.attempts, failed.next_attempt_at, failed.lease_id) == (
        "pending", 1, later + timedelta(seconds=30), None)
    log = {row.notification_id: (row.outcome, row.detail) for row in await _rows(sessions, delivery_attempt)}
    assert log == {delivered_id: ("delivered", "SMTP accepted: 250 OK"), other_id: ("delivered", "SMTP accepted"),
                   failed_id: ("failed", "SMTP 127.0.0.1:25: SMTPServerDisconnected")}
    events = {(row.key, row.event_type.split(".")[-2]) for row in await _rows(sessions, outbox)}
    assert events == {(str(delivered_id), "NotificationDelivered"), (str(other_id), "NotificationDelivered"),
                      (str(failed_id), "NotificationFailed")}


async def test_an_outcome_whose_lease_ran_out_is_not_recorded_and_the_new_holder_records_its_own(sessions) -> None:
    kept_id, lost_id = await _pending(sessions, 2)
    first = {claim.row.notification_id: claim for claim in await _claim(sessions, NOW)}
    async with sessions() as session, session.begin():  # only one row's lease runs out and is claimed again
        await session.execute(notification.update().where(notification.c.notification_id == kept_id)
                              .values(next_attempt_at=NOW + 2 * LEASE))
    [second] = await _claim(sessions, NOW + LEASE)
    assert second.row.notification_id == lost_id

    stale = [Outcome(first[kept_id], "SMTP accepted"), Outcome(first[lost_id], "SMTP accepted")]
    assert await _record(sessions, stale, NOW + LEASE) == stale[:1]
    [lost] = await _rows(sessions, notification, notification.c.notification_id == lost_id)
    assert (lost.status, lost.attempts, lost.lease_id) == ("pending", 0, second.lease_id)
    assert [row.notification_id for row in await _rows(sessions, delivery_attempt)] == [kept_id]

    retried = [Outcome(second, "SMTP accepted")]
    assert await _record(sessions, retried, NOW + LEASE) == retried
    [lost] = await _rows(sessions, notification, notification.c.notification_id == lost_id)
    assert (lost.status, lost.attempts) == ("delivered", 1)
    delivered = [json.loads(row.value)["notification_id"] for row in await _rows(sessions, outbox)]
    assert sorted(delivered) == sorted([str(kept_id), str(lost_id)])  # one event each, none for the stale one


class SlowForOneMailer(SmtpMailer):
    """Accepts at once, except for one address, which waits until the test lets it through."""

    def __init__(self, slow: str) -> None:
        super().__init__(host="127.0.0.1", port=25, sender="noreply@green-corridor.local")
        self.slow, self.release, self.cancelled = slow, asyncio.Event(), False

    async def send(self, message) -> str:
        if message["To"] == self.slow:
            try:
                await self.release.wait()
            except asyncio.CancelledError:
                self.cancelled = True
                raise
        return "SMTP accepted: 250 OK"


def _worker(sessions, mailer: SmtpMailer) -> DeliveryWorker:
    return DeliveryWorker(session_factory=sessions, mailer=mailer, webhooks=None, broadcaster=FeedBroadcaster(),
                          policy=POLICY, clock=lambda: NOW, random=lambda: 0.5)


async def _statuses(sessions) -> dict:
    return {row.address: row.status for row in await _rows(sessions, notification)}


async def _until(condition, what: str) -> None:
    for _ in range(200):
        if await condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"{what} not reached")


async def test_the_worker_records_finished_sends_while_a_slow_one_is_still_under_way(sessions) -> None:
    await _pending(sessions, 3, addresses=("a@example.ru", "slow@example.ru", "b@example.ru"))
    mailer = SlowForOneMailer("slow@example.ru")
    batch = asyncio.create_task(_worker(sessions, mailer).deliver_due())

    async def fast_ones_recorded() -> bool:
        return await _statuses(sessions) == {"a@example.ru": "delivered", "slow@example.ru": "pending",
                                             "b@example.ru": "delivered"}

    await _until(fast_ones_recorded, "the fast sends recorded")
    assert not batch.done()
    mailer.release.set()
    assert await batch == 3
    assert set((await _statuses(sessions)).values()) == {"delivered"}
    assert len(await _rows(sessions, delivery_attempt)) == 3


async def test_a_stopped_worker_cancels_its_sends_and_leaves_them_to_the_lease(sessions) -> None:
    [slow_id] = await _pending(sessions, 1, addresses=("slow@example.ru",))
    mailer = SlowForOneMailer("slow@example.ru")
    batch = asyncio.create_task(_worker(sessions, mailer).deliver_due())

    async def claimed() -> bool:
        return (await _rows(sessions, notification))[0].lease_id is not None

    await _until(claimed, "the row claimed")
    await asyncio.sleep(0.05)
    batch.cancel()
    await asyncio.gather(batch, return_exceptions=True)
    assert mailer.cancelled
    [row] = await _rows(sessions, notification, notification.c.notification_id == slow_id)
    assert (row.status, row.attempts, row.next_attempt_at) == ("pending", 0, NOW + LEASE)
