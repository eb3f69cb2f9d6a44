"""Watching the corridor's topics from outside: every event, when it first arrived, how often it came.

Why: the benchmark times a request from its submission to the supplier's topic, the SLA clock's start
and the notification; the fault-injection suite counts, per request, what reached each topic exactly
once "as seen by an idempotent consumer". Both need the same reader: one consumer without a group,
from the beginning of each topic, applying each CloudEvents id once and counting the copies it drops.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer
from aiokafka.errors import KafkaError

from corridor_contracts import Envelope, MalformedEvent, from_kafka

log = logging.getLogger(__name__)


@dataclass
class Arrival:
    envelope: Envelope
    topic: str
    first_seen: float  # time.monotonic() when it first arrived
    copies: int = 1  # records with this event id; more than one is a redelivery the inbox drops

    @property
    def data(self):
        return self.envelope.data


class TopicWatch:
    """Reads `topics` (and topics matching `pattern`) into `arrivals`, by event id, until stopped."""

    def __init__(self, bootstrap: str, topics: Iterable[str] = (), *, pattern: str | None = None) -> None:
        self.bootstrap, self.topics, self.pattern = bootstrap, list(topics), pattern
        self.arrivals: dict[str, Arrival] = {}
        self.by_key: dict[str, list[Arrival]] = defaultdict(list)  # aggregate key (request id, …) → events
        self.malformed = 0
        self._changed = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> "TopicWatch":
        self._task = asyncio.create_task(self._run(), name="topic-watch")
        return self

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:  # the broker may die under us (fault injection): start over, the ids make it harmless
            consumer = AIOKafkaConsumer(bootstrap_servers=self.bootstrap, group_id=None, enable_auto_commit=False,
                                        auto_offset_reset="earliest", metadata_max_age_ms=1000)
            if self.pattern:
                consumer.subscribe(pattern=self.pattern)
            else:
                consumer.subscribe(self.topics)
            try:
                await consumer.start()
                while True:
                    batches = await consumer.getmany(timeout_ms=200)
                    for records in batches.values():
                        for record in records:
                            self._record(record)
                    if batches:
                        self._changed.set()
            except KafkaError as exc:
                log.warning("topic watch lost the broker (%r); reconnecting", exc)
                await asyncio.sleep(1)
            finally:
                await consumer.stop()

    def _record(self, record) -> None:
        try:
            envelope = from_kafka(record.key, record.value, record.headers)
        except MalformedEvent:
            self.malformed += 1
            return
        if (known := self.arrivals.get(envelope.id)) is not None:
            known.copies += 1
            return
        arrival = Arrival(envelope, record.topic, time.monotonic())
        self.arrivals[envelope.id] = arrival
        self.by_key[envelope.subject].append(arrival)

    def events(self, key: str, kind: type | tuple[type, ...]) -> list[Arrival]:
        """The distinct events of one aggregate (e.g. a request id) of the given class(es), in arrival order."""
        return [arrival for arrival in self.by_key.get(key, ()) if isinstance(arrival.data, kind)]

    def all(self, kind: type | tuple[type, ...]) -> list[Arrival]:
        return [arrival for arrival in self.arrivals.values() if isinstance(arrival.data, kind)]

    async def until(self, condition: Callable[[], bool], *, timeout: float) -> bool:
        """Wait until `condition()` holds (re-checked as events arrive); False on timeout."""
        deadline = time.monotonic() + timeout
        while not condition():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), timeout=min(remaining, 1.0))
        return True
