"""The inbox consumer: applies each event once, commits offsets after the database, dead-letters poison.

For every record: parse the envelope (a record that is not a valid event goes straight to
`<topic>.dlq`); open a transaction; skip if the inbox already holds (consumer, event id); run the
handler and insert the inbox row in that same transaction; commit; and only then commit the Kafka
offset. A handler that keeps failing is retried a bounded number of times with backoff, then the
record is dead-lettered with the error and the consumer moves on.

Batch mode (opt-in, `batch=True`): the records of one polled batch of one partition are applied in
ONE transaction (the inbox checked for the whole batch, each new event's handler in order, the inbox
rows inserted), committed, and only then is the offset committed. Why: a transaction per record costs
a connection, BEGIN, an inbox query and insert and COMMIT (on SQLite the single writer's lock handed
over each time) on top of the handler's work, and in one transaction a handler may remember lookups
from one event to the next. If anything in the batch fails, the whole transaction rolls back and the
batch is applied again record by record, so a poison record is still isolated, retried and
dead-lettered exactly as without batching, and the others are applied once. A subclass that wraps
`process` sees only that per-record path, so it should not turn batching on.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, timezone

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord
from opentelemetry import propagate, trace
from prometheus_client import Counter
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from corridor_contracts.base import Event
from corridor_contracts.envelope import Envelope, MalformedEvent, from_kafka
from corridor_chassis.messaging.tables import inbox

log = logging.getLogger(__name__)
tracer = trace.get_tracer("corridor_chassis.consumer")

Handler = Callable[[AsyncSession, Envelope], Awaitable[None]]

CONSUMED = Counter("gc_events_consumed_total", "Events applied by a consumer", ["consumer", "event_type"])
DUPLICATES = Counter("gc_events_duplicate_total", "Events skipped because the inbox had them", ["consumer"])
DEAD_LETTERED = Counter("gc_events_dead_lettered_total", "Records sent to a dead-letter topic", ["consumer", "topic"])


class EventConsumer:
    def __init__(self, *, name: str, topics: list[str], handlers: Mapping[type[Event], Handler],
                 session_factory: async_sessionmaker[AsyncSession], producer: AIOKafkaProducer,
                 kafka_options: Mapping[str, object], max_attempts: int = 5, retry_base_seconds: float = 0.2,
                 auto_offset_reset: str = "earliest", batch: bool = False) -> None:
        self.name = name
        self.topics = topics
        self.handlers = dict(handlers)
        self.session_factory = session_factory
        self.producer = producer
        self.kafka_options = dict(kafka_options)
        self.max_attempts = max_attempts
        self.retry_base_seconds = retry_base_seconds
        self.auto_offset_reset = auto_offset_reset
        self.batch = batch
        self.consumer: AIOKafkaConsumer | None = None
        self.healthy = False

    async def run(self) -> None:
        while True:
            try:
                await self._consume()
            except asyncio.CancelledError:
                raise
            except Exception:
                self.healthy = False
                log.exception("consumer %s stopped unexpectedly; restarting in 2s", self.name)
                await asyncio.sleep(2)

    async def _consume(self) -> None:
        self.consumer = AIOKafkaConsumer(
            *self.topics, group_id=self.name, enable_auto_commit=False,
            auto_offset_reset=self.auto_offset_reset, **self.kafka_options,
        )
        await self.consumer.start()
        try:
            self.healthy = True
            while True:
                batches = await self.consumer.getmany(timeout_ms=500, max_records=200)
                for partition, records in batches.items():
                    if self.batch:
                        await self.process_batch(records)
                    else:
                        for record in records:
                            await self.process(record)
                    await self.consumer.commit({partition: records[-1].offset + 1})
        finally:
            self.healthy = False
            await self.consumer.stop()

    async def process(self, record: ConsumerRecord) -> None:
        try:
            envelope = from_kafka(record.key, record.value, record.headers)
        except MalformedEvent as exc:
            await self._dead_letter(record, exc)
            return
        handler = self.handlers.get(type(envelope.data))
        if handler is None:
            return  # a topic carries events this consumer does not need
        parent = propagate.extract(envelope.trace_headers)
        for attempt in range(1, self.max_attempts + 1):
            try:
                with tracer.start_as_current_span(f"consume {envelope.data.__class__.__name__}", context=parent,
                                                  kind=trace.SpanKind.CONSUMER):
                    await self._apply_once(record, envelope, handler)
                return
            except Exception as exc:
                if attempt == self.max_attempts:
                    log.exception("consumer %s gives up on event %s after %d attempts",
                                  self.name, envelope.id, attempt)
                    await self._dead_letter(record, exc)
                    return
                log.warning("consumer %s: event %s failed (attempt %d): %r", self.name, envelope.id, attempt, exc)
                await asyncio.sleep(self.retry_base_seconds * 2 ** (attempt - 1))

    async def process_batch(self, records: list[ConsumerRecord]) -> None:
        """Apply one partition's polled records in one transaction; if any fails, one by one instead."""
        malformed: list[tuple[ConsumerRecord, MalformedEvent]] = []
        work: list[tuple[ConsumerRecord, Envelope, Handler]] = []
        for record in records:
            try:
                envelope = from_kafka(record.key, record.value, record.headers)
            except MalformedEvent as exc:
                malformed.append((record, exc))
                continue
            if (handler := self.handlers.get(type(envelope.data))) is not None:
                work.append((record, envelope, handler))
        try:
            applied = await self._apply_all_once(work) if work else []
        except Exception as exc:
            log.warning("consumer %s: a batch of %d records failed (%r); applying them one by one",
                        self.name, len(records), exc)
            for record in records:
                await self.process(record)
            return
        for envelope in applied:
            CONSUMED.labels(self.name, envelope.type).inc()
        if duplicates := len(work) - len(applied):
            DUPLICATES.labels(self.name).inc(duplicates)
        for record, exc in malformed:  # not before the commit: a fallback would dead-letter them again
            await self._dead_letter(record, exc)

    async def _apply_all_once(self, work: list[tuple[ConsumerRecord, Envelope, Handler]]) -> list[Envelope]:
        """The batch's transaction: one inbox query for the whole batch, each new event's handler in
        order (a duplicate, even within the batch, is skipped), then the inbox rows; returns those applied."""
        applied: list[tuple[ConsumerRecord, Envelope]] = []
        async with self.session_factory() as session, session.begin():
            seen = set((await session.execute(select(inbox.c.event_id).where(
                inbox.c.consumer == self.name, inbox.c.event_id.in_({envelope.id for _, envelope, _ in work})))
            ).scalars())
            for record, envelope, handler in work:
                if envelope.id in seen:
                    continue
                seen.add(envelope.id)
                with tracer.start_as_current_span(f"consume {envelope.data.__class__.__name__}",
                                                  context=propagate.extract(envelope.trace_headers),
                                                  kind=trace.SpanKind.CONSUMER):
                    await handler(session, envelope)
                applied.append((record, envelope))
            if applied:
                await session.execute(inbox.insert(), [self._inbox_row(*pair) for pair in applied])
        return [envelope for _, envelope in applied]

    async def _apply_once(self, record: ConsumerRecord, envelope: Envelope, handler: Handler) -> None:
        try:
            async with self.session_factory() as session, session.begin():
                if await self._seen(session, envelope):
                    DUPLICATES.labels(self.name).inc()
                    return
                await handler(session, envelope)
                await self._remember(session, record, envelope)
        except IntegrityError:
            # Another replica of this consumer applied the same event concurrently; ours rolled back.
            async with self.session_factory() as session:
                if not await self._seen(session, envelope):
                    raise
            DUPLICATES.labels(self.name).inc()
            return
        CONSUMED.labels(self.name, envelope.type).inc()

    async def _seen(self, session: AsyncSession, envelope: Envelope) -> bool:
        seen = await session.execute(
            select(inbox.c.event_id).where(inbox.c.consumer == self.name, inbox.c.event_id == envelope.id))
        return seen.first() is not None

    async def _remember(self, session: AsyncSession, record: ConsumerRecord, envelope: Envelope) -> None:
        await session.execute(inbox.insert().values(**self._inbox_row(record, envelope)))

    def _inbox_row(self, record: ConsumerRecord, envelope: Envelope) -> dict[str, object]:
        return {"consumer": self.name, "event_id": envelope.id, "event_type": envelope.type, "topic": record.topic,
                "partition": record.partition, "offset": record.offset, "processed_at": datetime.now(timezone.utc)}

    async def _dead_letter(self, record: ConsumerRecord, error: Exception) -> None:
        headers = [(k, v) for k, v in (record.headers or ()) if not k.startswith("x-dlq-")]
        headers += [
            ("x-dlq-error", repr(error)[:4000].encode()),
            ("x-dlq-topic", record.topic.encode()),
            ("x-dlq-partition", str(record.partition).encode()),
            ("x-dlq-offset", str(record.offset).encode()),
            ("x-dlq-consumer", self.name.encode()),
        ]
        await self.producer.send_and_wait(f"{record.topic}.dlq", value=record.value, key=record.key, headers=headers)
        DEAD_LETTERED.labels(self.name, record.topic).inc()
        log.error("consumer %s dead-lettered %s[%d]@%d: %r", self.name, record.topic, record.partition,
                  record.offset, error)


