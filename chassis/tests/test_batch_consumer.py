"""Batch mode of the inbox consumer: one transaction per polled batch of a partition, with the same
guarantees as one per record (applied once, poison isolated and dead-lettered, offsets after the
database), on the real broker and on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
from aiokafka import AIOKafkaConsumer
from aiokafka.structs import ConsumerRecord
from sqlalchemy import event, select

from corridor_contracts.envelope import Envelope, to_kafka
from corridor_chassis.messaging.consumer import EventConsumer
from corridor_chassis.messaging.tables import inbox

from .conftest import ParcelRegistered, Store, applied
from .test_outbox_relay_inbox import eventually, read_topic

pytestmark = pytest.mark.kafka


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[Store]:
    store = await Store(database_url).create()
    yield store
    await store.engine.dispose()


class Recorder:
    """A handler recording each parcel it applies; it fails for the parcels named poison."""

    def __init__(self, *poison: uuid.UUID) -> None:
        self.poison = set(poison)
        self.calls: list[uuid.UUID] = []
        self.sessions: set[int] = set()

    async def __call__(self, session, envelope: Envelope) -> None:
        self.calls.append(envelope.data.parcel_id)
        self.sessions.add(id(session))
        if envelope.data.parcel_id in self.poison:
            raise ValueError("this parcel cannot be applied")
        await session.execute(applied.insert().values(event_id=envelope.id, parcel_id=str(envelope.data.parcel_id)))


def batch_consumer(store: Store, producer, kafka_bootstrap: str, topic: str, handler: Recorder) -> EventConsumer:
    return EventConsumer(name=f"batch-{topic}", topics=[topic], handlers={ParcelRegistered: handler},
                         session_factory=store.sessions, producer=producer,
                         kafka_options={"bootstrap_servers": kafka_bootstrap}, max_attempts=2,
                         retry_base_seconds=0.01, batch=True)


def parcel(parcel_id: uuid.UUID | None = None) -> Envelope:
    return Envelope.wrap(ParcelRegistered(parcel_id=parcel_id or uuid.uuid4(), label="x"))


def as_polled(topic: str, *envelopes: Envelope | bytes) -> list[ConsumerRecord]:
    """Records as one getmany() returns them for one partition (bytes: a record that is not an event)."""
    records = []
    for offset, item in enumerate(envelopes):
        if isinstance(item, bytes):
            key, value, headers = b"garbage", item, []
        else:
            kafka = to_kafka(item)
            key, value, headers = kafka.key, kafka.value, kafka.headers
        records.append(ConsumerRecord(topic, 0, offset, 0, 0, key, value, None, len(key), len(value), headers))
    return records


async def applied_parcels(store: Store) -> list[str]:
    async with store.sessions() as session:
        return sorted((await session.execute(select(applied.c.parcel_id))).scalars())


def count_commits(store: Store) -> list[None]:
    commits: list[None] = []
    event.listen(store.engine.sync_engine, "commit", lambda _connection: commits.append(None))
    return commits


async def test_a_batch_is_applied_in_one_transaction_and_a_duplicate_within_it_once(
        store, producer, kafka_bootstrap, unique) -> None:
    first, second = parcel(), parcel()
    handler = Recorder()
    consumer = batch_consumer(store, producer, kafka_bootstrap, f"chassis-batch-{unique}", handler)
    commits = count_commits(store)

    await consumer.process_batch(as_polled(consumer.topics[0], first, second, first))

    assert await applied_parcels(store) == sorted([str(first.data.parcel_id), str(second.data.parcel_id)])
    assert len(commits) == 1 and len(handler.sessions) == 1
    assert handler.calls == [first.data.parcel_id, second.data.parcel_id]  # the duplicate never reached it
    assert await store.count(inbox, inbox.c.consumer == consumer.name) == 2


async def test_a_failing_record_rolls_the_batch_back_and_is_isolated_and_dead_lettered(
        store, producer, kafka_bootstrap, unique) -> None:
    good, poison, other = parcel(), parcel(), parcel()
    handler = Recorder(poison.data.parcel_id)
    topic = f"chassis-batch-{unique}"
    consumer = batch_consumer(store, producer, kafka_bootstrap, topic, handler)

    await consumer.process_batch(as_polled(topic, good, poison, b"not json at all", other, good))

    assert await applied_parcels(store) == sorted([str(good.data.parcel_id), str(other.data.parcel_id)])
    # Tried in the batch (rolled back), then once more each on its own; the poison as often as allowed.
    assert handler.calls.count(good.data.parcel_id) == 2 and handler.calls.count(other.data.parcel_id) == 1
    assert handler.calls.count(poison.data.parcel_id) == 1 + consumer.max_attempts
    dead = await read_topic(kafka_bootstrap, f"{topic}.dlq", expect=2)
    assert sorted(record.key for record in dead) == sorted([b"garbage", str(poison.data.parcel_id).encode()])
    errors = {record.key: dict(record.headers)["x-dlq-error"] for record in dead}
    assert b"cannot be applied" in errors[str(poison.data.parcel_id).encode()]
    assert b"not a CloudEvent" in errors[b"garbage"]


async def test_a_malformed_record_in_a_good_batch_is_dead_lettered_once_after_the_commit(
        store, producer, kafka_bootstrap, unique) -> None:
    good = parcel()
    topic = f"chassis-batch-{unique}"
    consumer = batch_consumer(store, producer, kafka_bootstrap, topic, Recorder())

    await consumer.process_batch(as_polled(topic, b"{}", good))

    assert await applied_parcels(store) == [str(good.data.parcel_id)]
    assert [record.key for record in await read_topic(kafka_bootstrap, f"{topic}.dlq", expect=2, timeout=5)] == [
        b"garbage"]


async def test_offsets_are_committed_only_after_the_batch_is_in_the_database(
        store, producer, kafka_bootstrap, unique, monkeypatch) -> None:
    topic = f"chassis-batch-{unique}"
    poison = parcel()
    sent = [parcel(), parcel(), poison, parcel(), parcel()]
    offsets = {}
    for envelope in sent:
        record = to_kafka(envelope)
        metadata = await producer.send_and_wait(topic, value=record.value, key=record.key, headers=record.headers,
                                                partition=0)
        offsets[str(envelope.data.parcel_id)] = metadata.offset
    good = {str(e.data.parcel_id) for e in sent if e is not poison}

    seen_at_commit: list[tuple[int, set[str]]] = []
    original_commit = AIOKafkaConsumer.commit

    async def commit_noting_the_database(self, offsets_to_commit=None):
        for partition, offset in (offsets_to_commit or {}).items():
            if partition.topic == topic:
                seen_at_commit.append((offset, set(await applied_parcels(store))))
        return await original_commit(self, offsets_to_commit)

    monkeypatch.setattr(AIOKafkaConsumer, "commit", commit_noting_the_database)
    consumer = batch_consumer(store, producer, kafka_bootstrap, topic, Recorder(poison.data.parcel_id))
    task = asyncio.create_task(consumer.run())
    try:
        await eventually(lambda: _committed_past(seen_at_commit, max(offsets.values())))
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    assert set(await applied_parcels(store)) == good
    for committed, in_the_database in seen_at_commit:
        assert {p for p in good if offsets[p] < committed} <= in_the_database
    dead = await read_topic(kafka_bootstrap, f"{topic}.dlq", expect=1)
    assert [record.key for record in dead] == [str(poison.data.parcel_id).encode()]


async def _committed_past(seen_at_commit: list[tuple[int, set[str]]], last_offset: int) -> bool:
    return any(committed > last_offset for committed, _ in seen_at_commit)
