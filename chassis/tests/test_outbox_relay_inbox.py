"""The delivery guarantees of ARCHITECTURE.md, on the real broker and on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from aiokafka import AIOKafkaConsumer
from sqlalchemy import select

from corridor_contracts.envelope import Envelope
from corridor_chassis.messaging.consumer import EventConsumer
from corridor_chassis.messaging.outbox import enqueue
from corridor_chassis.messaging.relay import OutboxRelay
from corridor_chassis.messaging.tables import inbox, outbox

from .conftest import TOPIC, ParcelRegistered, applied, parcels

pytestmark = pytest.mark.kafka


async def register_parcel(store, label: str) -> uuid.UUID:
    """A state change and the event describing it, in one transaction."""
    parcel_id = uuid.uuid4()
    async with store.sessions() as session, session.begin():
        await session.execute(parcels.insert().values(parcel_id=str(parcel_id), label=label))
        await enqueue(session, ParcelRegistered(parcel_id=parcel_id, label=label))
    return parcel_id


async def record_parcel(session, envelope: Envelope) -> None:
    await session.execute(applied.insert().values(event_id=envelope.id, parcel_id=str(envelope.data.parcel_id)))


def make_consumer(store, producer, kafka_bootstrap: str, unique: str, handler=record_parcel) -> EventConsumer:
    return EventConsumer(name=f"test-{unique}", topics=[TOPIC], handlers={ParcelRegistered: handler},
                         session_factory=store.sessions, producer=producer,
                         kafka_options={"bootstrap_servers": kafka_bootstrap}, max_attempts=3,
                         retry_base_seconds=0.01)


async def eventually(condition, timeout: float = 30.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not await condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.1)


async def read_topic(bootstrap: str, topic: str, *, expect: int, timeout: float = 20.0) -> list:
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=None, auto_offset_reset="earliest")
    await consumer.start()
    records = []
    try:
        deadline = asyncio.get_running_loop().time() + timeout
        while asyncio.get_running_loop().time() < deadline:
            for batch in (await consumer.getmany(timeout_ms=300)).values():
                records.extend(batch)
            if len(records) >= expect:
                break
    finally:
        await consumer.stop()
    return records


async def test_state_change_and_outbox_row_commit_or_roll_back_together(producing_store) -> None:
    parcel_id = await register_parcel(producing_store, "kept")
    with pytest.raises(RuntimeError):
        async with producing_store.sessions() as session, session.begin():
            await session.execute(parcels.insert().values(parcel_id=str(uuid.uuid4()), label="lost"))
            await enqueue(session, ParcelRegistered(parcel_id=uuid.uuid4(), label="lost"))
            raise RuntimeError("the request failed half-way")
    assert await producing_store.count(parcels) == 1
    assert await producing_store.count(outbox) == 1
    async with producing_store.sessions() as session:
        row = (await session.execute(select(outbox))).one()
    assert row.key == str(parcel_id) and row.topic == TOPIC and row.published_at is None


async def test_relay_publishes_and_a_duplicate_delivery_is_applied_once(
        producing_store, consuming_store, producer, kafka_bootstrap, unique) -> None:
    ids = [await register_parcel(producing_store, f"parcel {n}") for n in range(3)]
    relay = OutboxRelay(service="test", engine=producing_store.engine, session_factory=producing_store.sessions,
                        producer=producer)
    assert await relay.publish_batch() == 3
    assert await producing_store.count(outbox, outbox.c.published_at.is_(None)) == 0

    # The broker delivers one of them a second time (as after a consumer crash before its commit).
    async with producing_store.sessions() as session:
        first = (await session.execute(select(outbox).order_by(outbox.c.position).limit(1))).one()
    await producer.send_and_wait(TOPIC, value=first.value.encode(), key=first.key.encode(),
                                 headers=[(k, v.encode()) for k, v in first.headers])

    consumer = make_consumer(consuming_store, producer, kafka_bootstrap, unique)
    task = asyncio.create_task(consumer.run())
    try:
        mine = applied.c.parcel_id.in_([str(i) for i in ids])
        await eventually(lambda: _equals(consuming_store.count(applied, mine), 3))
        await eventually(lambda: _equals(consuming_store.count(inbox, inbox.c.event_id == first.event_id), 1))
        await asyncio.sleep(1.0)  # give the duplicate every chance to be applied
        assert await consuming_store.count(applied, mine) == 3
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def test_relay_dying_between_publish_and_mark_loses_nothing_and_applies_nothing_twice(
        producing_store, consuming_store, producer, kafka_bootstrap, unique) -> None:
    ids = [await register_parcel(producing_store, f"crash {n}") for n in range(4)]

    async def die(_positions) -> None:
        raise SystemExit("killed after Kafka acknowledged, before the rows were marked")

    crashing = OutboxRelay(service="test", engine=producing_store.engine, session_factory=producing_store.sessions,
                           producer=producer, after_publish=die)
    with pytest.raises(SystemExit):
        await crashing.publish_batch()
    assert await producing_store.count(outbox, outbox.c.published_at.is_(None)) == 4

    restarted = OutboxRelay(service="test", engine=producing_store.engine,
                            session_factory=producing_store.sessions, producer=producer)
    assert await restarted.publish_batch() == 4
    assert await producing_store.count(outbox, outbox.c.published_at.is_(None)) == 0

    consumer = make_consumer(consuming_store, producer, kafka_bootstrap, unique)
    task = asyncio.create_task(consumer.run())
    try:
        mine = applied.c.parcel_id.in_([str(i) for i in ids])
        await eventually(lambda: _equals(consuming_store.count(applied, mine), 4))
        await asyncio.sleep(1.0)
        assert await consuming_store.count(applied, mine) == 4
        # Both copies of every event were on the topic and reached the consumer.
        on_topic = [r for r in await read_topic(kafka_bootstrap, TOPIC, expect=10_000, timeout=3)
                    if r.key.decode() in {str(i) for i in ids}]
        assert len(on_topic) == 8
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def test_malformed_and_failing_records_are_dead_lettered_and_the_consumer_moves_on(
        consuming_store, producer, kafka_bootstrap, unique) -> None:
    marker = f"garbage-{unique}".encode()
    await producer.send_and_wait(TOPIC, value=b"not json at all", key=marker)
    poison_id = uuid.uuid4()
    good_id = uuid.uuid4()
    for parcel_id in (poison_id, good_id):
        from corridor_contracts.envelope import to_kafka

        record = to_kafka(Envelope.wrap(ParcelRegistered(parcel_id=parcel_id, label="x")))
        await producer.send_and_wait(TOPIC, value=record.value, key=record.key, headers=record.headers)

    async def fails_for_poison(session, envelope: Envelope) -> None:
        if envelope.data.parcel_id == poison_id:
            raise ValueError("this parcel cannot be applied")
        await record_parcel(session, envelope)

    consumer = make_consumer(consuming_store, producer, kafka_bootstrap, unique, handler=fails_for_poison)
    task = asyncio.create_task(consumer.run())
    try:
        await eventually(lambda: _equals(consuming_store.count(applied, applied.c.parcel_id == str(good_id)), 1))
        dead = await read_topic(kafka_bootstrap, f"{TOPIC}.dlq", expect=10_000, timeout=5)
        mine = {r.key: dict(r.headers) for r in dead if r.key in (marker, str(poison_id).encode())}
        assert set(mine) == {marker, str(poison_id).encode()}
        assert b"not a CloudEvent" in mine[marker]["x-dlq-error"]
        assert b"cannot be applied" in mine[str(poison_id).encode()]["x-dlq-error"]
        assert mine[marker]["x-dlq-topic"] == TOPIC.encode()
        assert await consuming_store.count(applied, applied.c.parcel_id == str(poison_id)) == 0
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def _equals(awaitable, expected) -> bool:
    return (await awaitable) == expected
