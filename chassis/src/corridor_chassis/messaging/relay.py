"""The outbox relay: publishes stored events in order, marks them published, retries until it can.

Delivery is at-least-once by design: if the process dies after Kafka acknowledged a batch but before
the rows are marked, the batch is published again on restart, and consumers drop the duplicates by
event id (the inbox). Nothing is lost because a row is only marked after `acks=all` confirmed it.
On PostgreSQL a session advisory lock keeps one active relay per service, so replicas do not
interleave and each aggregate's events keep their order.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timezone

from aiokafka import AIOKafkaProducer
from prometheus_client import Counter, Gauge
from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from corridor_chassis.messaging.outbox import outbox_wakeup
from corridor_chassis.messaging.tables import outbox

log = logging.getLogger(__name__)

PUBLISHED = Counter("gc_outbox_published_total", "Events the relay published", ["service", "topic"])
BACKLOG = Gauge("gc_outbox_backlog", "Outbox rows not yet published", ["service"])
RELAY_ERRORS = Counter("gc_outbox_relay_errors_total", "Failed relay batches", ["service"])

_RELAY_LOCK_ID = 7_340_202


class OutboxRelay:
    def __init__(self, *, service: str, engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession],
                 producer: AIOKafkaProducer, batch_size: int = 200, poll_seconds: float = 0.5,
                 after_publish: Callable[[list[int]], Awaitable[None]] | None = None) -> None:
        self.service = service
        self.engine = engine
        self.session_factory = session_factory
        self.producer = producer
        self.batch_size = batch_size
        self.poll_seconds = poll_seconds
        # A seam for tests that simulate a crash between publishing and marking.
        self.after_publish = after_publish
        self.healthy = False

    async def run(self) -> None:
        backoff = self.poll_seconds
        while True:
            try:
                if self.engine.dialect.name == "postgresql":
                    await self._run_as_leader()
                else:
                    await self._drain_forever()
            except asyncio.CancelledError:
                raise
            except Exception:
                self.healthy = False
                RELAY_ERRORS.labels(self.service).inc()
                log.exception("outbox relay failed; retrying in %.1fs", backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)
            else:
                backoff = self.poll_seconds

    async def _run_as_leader(self) -> None:
        async with self.engine.connect() as lock_connection:
            while not (await lock_connection.execute(
                    text("SELECT pg_try_advisory_lock(:id)"), {"id": _RELAY_LOCK_ID})).scalar():
                self.healthy = True  # a standby relay is healthy; it just is not the leader
                await lock_connection.commit()
                await asyncio.sleep(5)
            await lock_connection.commit()
            await self._drain_forever()

    async def _drain_forever(self) -> None:
        while True:
            published = await self.publish_batch()
            self.healthy = True
            if published < self.batch_size:
                outbox_wakeup.clear()
                try:
                    await asyncio.wait_for(outbox_wakeup.wait(), timeout=self.poll_seconds)
                except TimeoutError:
                    pass

    async def publish_batch(self) -> int:
        """Publish the oldest unpublished rows; returns how many were published."""
        async with self.session_factory() as session:
            rows = (await session.execute(
                select(outbox.c.position, outbox.c.topic, outbox.c.key, outbox.c.value, outbox.c.headers)
                .where(outbox.c.published_at.is_(None))
                .order_by(outbox.c.position)
                .limit(self.batch_size)
            )).all()
        if not rows:
            await self._update_backlog()
            return 0
        try:
            deliveries = [
                await self.producer.send(
                    row.topic, value=row.value.encode(), key=row.key.encode(),
                    headers=[(name, value.encode()) for name, value in row.headers],
                )
                for row in rows
            ]
            await asyncio.gather(*deliveries)
        except Exception as exc:
            await self._record_failure([row.position for row in rows], exc)
            raise
        positions = [row.position for row in rows]
        if self.after_publish is not None:
            await self.after_publish(positions)
        async with self.session_factory() as session, session.begin():
            await session.execute(
                update(outbox).where(outbox.c.position.in_(positions))
                .values(published_at=datetime.now(timezone.utc), attempts=outbox.c.attempts + 1)
            )
        for row in rows:
            PUBLISHED.labels(self.service, row.topic).inc()
        await self._update_backlog()
        return len(rows)

    async def _record_failure(self, positions: list[int], exc: Exception) -> None:
        async with self.session_factory() as session, session.begin():
            await session.execute(
                update(outbox).where(outbox.c.position.in_(positions))
                .values(attempts=outbox.c.attempts + 1, last_error=repr(exc)[:2000])
            )

    async def _update_backlog(self) -> None:
        async with self.session_factory() as session:
            count = (await session.execute(
                select(func.count()).select_from(outbox).where(outbox.c.published_at.is_(None)))).scalar_one()
        BACKLOG.labels(self.service).set(count)
