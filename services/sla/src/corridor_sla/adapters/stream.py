"""The faust worker: request events and timer ticks in, one tracked clock per request in a table.

Why faust (ADR 0007): each request's clock is state keyed by request id that must survive restarts
and move with its partition when replicas come and go; a changelog-backed Table does exactly that,
and the consumer group spreads the work. The worker runs inside the service process, on its loop.

Why ticks go through a topic: a faust Table is written only while processing a record of the
key's partition (that is how the changelog stays co-partitioned). So the timer does not touch
clocks itself: it sends a tick keyed by request id to `<id>-clock-ticks` (as many partitions as
the source, same partitioner), and the one agent handles request events and ticks in order.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import faust
from faust.contrib.asgi import bind_to_running_loop
from faust.types import TP, EventT

from corridor_contracts.envelope import Envelope, MalformedEvent, from_kafka
from corridor_sla.adapters.records import tracked_from_json, tracked_to_json
from corridor_sla.domain.tracking import TrackedClock
from corridor_sla.settings import Settings

log = logging.getLogger(__name__)

# The worker's answer to a request event (None: not one it tracks) or to a tick (envelope None).
Handler = Callable[[TrackedClock | None, Envelope | None], Awaitable[TrackedClock | None]]


def faust_options(settings: Settings, *, partitions: int) -> dict[str, Any]:
    """Faust settings derived from the chassis' GC_* settings, so a local run needs nothing more."""
    options: dict[str, Any] = {
        "broker": [f"kafka://{server.strip()}" for server in settings.kafka_bootstrap_servers.split(",")],
        "store": "memory://",  # the changelog topic is the durable copy; recovery replays it at start
        "datadir": str(settings.data_dir / "faust"),
        "web_enabled": False,  # the service's FastAPI app is the only HTTP server
        "autodiscover": False,
        "topic_partitions": partitions,
        "topic_replication_factor": settings.sla_topic_replication_factor,
        "consumer_auto_offset_reset": "earliest",
        "processing_guarantee": "at_least_once",
        "producer_acks": -1,
    }
    if settings.kafka_sasl_mechanism:
        options["broker_credentials"] = faust.SASLCredentials(
            username=settings.kafka_sasl_username, password=settings.kafka_sasl_password,
            mechanism=settings.kafka_sasl_mechanism,
            ssl_context=ssl.create_default_context() if settings.kafka_security_protocol == "SASL_SSL" else None)
    elif settings.kafka_security_protocol == "SSL":
        options["broker_credentials"] = faust.SSLCredentials(ssl.create_default_context())
    return options


class ClockStream:
    def __init__(self, settings: Settings, *, partitions: int, handler: Handler,
                 max_attempts: int, retry_base_seconds: float) -> None:
        for noisy in ("faust", "mode"):  # their INFO is a per-partition diary; warnings still show
            logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLogger().level))
        self.app = faust.App(settings.sla_stream_id, **faust_options(settings, partitions=partitions))
        self.source_topic = settings.sla_source_topic
        self.ticks_topic = f"{settings.sla_stream_id}-clock-ticks"
        self.partitions = partitions
        self.table = self.app.Table("clocks", partitions=partitions, default=None,
                                    help="Tracked clock (JSON) by request id.")
        channel = self.app.topic(self.source_topic, self.ticks_topic, key_serializer="raw", value_serializer="raw")
        self.app.agent(channel, name="sla.clocks")(self._process)
        self.handler = handler
        self.max_attempts, self.retry_base_seconds = max_attempts, retry_base_seconds
        self._pending: dict[str, asyncio.Future[None]] = {}
        self._next_offsets: dict[TP, int] = {}
        self._starting: asyncio.Task[None] | None = None

    def add_timer(self, seconds: float, sweep: Callable[[], Awaitable[object]]) -> None:
        async def sweep_clocks() -> None:  # no parameters: faust would pass the app to one that has some
            try:
                await sweep()
            except Exception:
                log.exception("the clock sweep failed; the next run tries again")

        self.app.timer(seconds, name="sla.clock-sweep")(sweep_clocks)

    async def start(self) -> None:
        """Start in the background: the HTTP side answers meanwhile, and /readyz waits for recovery."""
        bind_to_running_loop(self.app)
        self.app.finalize()
        self._starting = asyncio.create_task(self.app.start(), name="sla-faust")

    async def stop(self) -> None:
        if self._starting is not None and not self._starting.done():
            self._starting.cancel()
            await asyncio.gather(self._starting, return_exceptions=True)
        await self.app.stop()
        for future in self._pending.values():
            future.cancel()

    @property
    def ready(self) -> bool:
        """Started, its table recovered from the changelog, and neither faust nor the agent crashed."""
        started = self._starting is not None and self._starting.done() and not self._starting.cancelled() \
            and self._starting.exception() is None
        return started and not self.app.crashed and not any(agent.crashed for agent in self.app.agents.values())

    def tracked(self) -> list[TrackedClock]:
        """The clocks of this worker's partitions, as recovered or last written."""
        return [tracked_from_json(value) for value in list(self.table.values()) if value]

    async def send_ticks(self, request_ids: list[str], *, wait: bool = False, timeout: float = 30.0) -> None:
        """Ask the agent to evaluate these clocks now; with `wait`, until it has (this process only)."""
        futures = []
        for request_id in request_ids:
            tick = uuid.uuid4().hex
            if wait:
                futures.append(self._pending.setdefault(tick, asyncio.get_running_loop().create_future()))
            await self.app.send(self.ticks_topic, key=request_id.encode(), value=tick.encode(),
                                key_serializer="raw", value_serializer="raw")
        if futures:
            await asyncio.wait_for(asyncio.gather(*futures), timeout)

    async def caught_up(self) -> bool:
        """Whether every request event already published has been processed.

        The timer waits for this after a restart: evaluating a clock at the wall clock while its
        answer still sits in the backlog would announce a breach that never happened.
        """
        consumer = self.app.consumer
        partitions = {tp for tp in consumer.assignment() if tp.topic == self.source_topic}
        if not partitions:
            return True
        if any(message.tp in partitions for message in consumer.unacked):
            return False
        for tp in partitions:
            end = consumer.highwater(tp)  # as of the last fetch, which the consumer repeats all the time
            processed = self._next_offsets.get(tp)
            if processed is None:
                processed = await consumer.position(tp) or 0
            if end is None or processed < end:
                return False
        return True

    async def _process(self, stream: faust.StreamT) -> None:
        async for event in stream.events():
            try:
                await self._handle(event)
            finally:
                if event.message.topic == self.source_topic:
                    self._next_offsets[event.message.tp] = event.message.offset + 1

    async def _handle(self, event: EventT) -> None:
        message = event.message
        if not message.key:
            return
        request_id = message.key.decode()
        envelope = None
        if message.topic == self.source_topic:
            try:
                envelope = from_kafka(message.key, message.value, message.headers)
            except MalformedEvent as exc:
                await self._dead_letter(event, exc)
                return
        try:
            await self._apply(event, request_id, envelope)
        finally:
            if envelope is None and (pending := self._pending.pop(message.value.decode(), None)) is not None:
                if not pending.done():
                    pending.set_result(None)

    async def _apply(self, event: EventT, request_id: str, envelope: Envelope | None) -> None:
        current = self.table.get(request_id)
        tracked = tracked_from_json(current) if current else None
        for attempt in range(1, self.max_attempts + 1):
            try:
                updated = await self.handler(tracked, envelope)
                break
            except Exception as exc:
                if attempt == self.max_attempts:
                    log.exception("clock %s: giving up after %d attempts", request_id, attempt)
                    if envelope is not None:
                        await self._dead_letter(event, exc)
                    return
                log.warning("clock %s failed (attempt %d): %r", request_id, attempt, exc)
                await asyncio.sleep(self.retry_base_seconds * 2 ** (attempt - 1))
        if updated is not None and updated != tracked:
            self.table[request_id] = tracked_to_json(updated)

    async def _dead_letter(self, event: EventT, error: Exception) -> None:
        """The chassis' dead-letter format, so `corridor_chassis.messaging.replay` puts it back."""
        message = event.message
        headers = [(k, v) for k, v in (message.headers or ()) if not k.startswith("x-dlq-")]
        headers += [("x-dlq-error", repr(error)[:4000].encode()), ("x-dlq-topic", message.topic.encode()),
                    ("x-dlq-partition", str(message.partition).encode()),
                    ("x-dlq-offset", str(message.offset).encode()), ("x-dlq-consumer", b"sla.clocks")]
        await self.app.producer.send_and_wait(f"{message.topic}.dlq", message.key, message.value, None, None, headers)
        log.error("dead-lettered %s[%d]@%d: %r", message.topic, message.partition, message.offset, error)
