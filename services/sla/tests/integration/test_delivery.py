"""Delivery: effectively once on an at-least-once stream, and what happens to records that are not events.

Faust may hand the worker a record again (a crash before the offset commit), and the outbox relay may
publish a row again (a crash before marking it). Neither may produce a second visible fact: a clock's
announcements have deterministic CloudEvents ids, the outbox keeps an id once, and consumers' inboxes
drop what they already applied.
"""

import asyncio
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from aiokafka import AIOKafkaConsumer, TopicPartition
from sqlalchemy import func, select, update

from corridor_chassis.messaging.consumer import EventConsumer
from corridor_chassis.messaging.tables import outbox
from corridor_contracts.envelope import to_kafka
from corridor_contracts.events.sla import SlaClockStarted, SlaWarning
from corridor_contracts.topics import SLA_CLOCK, TOPICS
from corridor_sla.service_layer.clocks import event_id

MSK = ZoneInfo("Europe/Moscow")


def msk(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=MSK)


async def test_a_record_delivered_twice_is_applied_once(sla):
    story = sla.story()
    submitted, routed = await sla.publish(story.submitted(msk(3, 14, 19, 30)), story.routed(msk(3, 14, 19, 31)))
    record = to_kafka(routed)
    await sla.producer.send_and_wait(sla.source_topic, key=record.key, value=record.value, headers=record.headers)
    await sla.publish(story.answered(msk(3, 17, 12)))  # processed after the duplicate, on the same partition
    assert await sla.kinds(story) == ["SlaClockStarted", "SlaMet"]


async def test_announcing_again_after_a_lost_changelog_write_publishes_nothing_new(sla):
    story = sla.story()
    await sla.publish(story.submitted(msk(3, 14, 19, 30)), story.routed(msk(3, 14, 19, 31)))
    [before] = [t for t in sla.clocks.stream.tracked() if t.request_id == str(story.request_id)]
    sla.clock.set(msk(3, 21, 1))
    after = await sla.clocks.worker.handle(before, None)  # the tick, as the agent runs it
    published = await sla.published(story)
    # The process dies before the table write reaches the changelog: the tick runs on the old record.
    assert await sla.clocks.worker.handle(before, None) == after
    assert await sla.published(story) == published
    assert [e.id for e in published] == [
        event_id(str(story.request_id), key)
        for key in ("started:0", "warning:0:progress_50", "warning:0:progress_80", "warning:0:last_working_day")]


async def test_events_the_relay_publishes_twice_are_applied_once_by_a_consumers_inbox(sla, unique):
    story = sla.story()
    kafka = sla.runtime.settings.kafka_bootstrap_servers
    reader = AIOKafkaConsumer(bootstrap_servers=kafka, enable_auto_commit=False)
    await reader.start()
    try:
        partitions = [TopicPartition(SLA_CLOCK, p) for p in range(TOPICS[SLA_CLOCK].partitions)]
        reader.assign(partitions)
        ends = await reader.end_offsets(partitions)
        for tp, end in ends.items():
            reader.seek(tp, end)
        await sla.publish(story.submitted(msk(3, 14, 19, 30)), story.routed(msk(3, 14, 19, 31)))
        await sla.at(msk(3, 19, 12))
        mine = await _records_of(reader, story.request_id, count=2)
        await _marked_published(sla, story.request_id, count=2)
        async with sla.runtime.session_factory() as session, session.begin():  # the marks are lost
            await session.execute(update(outbox).where(outbox.c.key == str(story.request_id))
                                  .values(published_at=None))
        mine += await _records_of(reader, story.request_id, count=2)
    finally:
        await reader.stop()
    assert len(mine) == 4 and len({dict(r.headers)["ce_id"] for r in mine}) == 2

    applied = []

    async def handler(_session, envelope) -> None:
        applied.append(type(envelope.data).__name__)

    consumer = EventConsumer(name=f"test-{unique}", topics=[SLA_CLOCK], session_factory=sla.runtime.session_factory,
                             handlers={SlaClockStarted: handler, SlaWarning: handler},
                             producer=sla.runtime.producer, kafka_options={"bootstrap_servers": kafka})
    for record in mine:
        await consumer.process(record)
    assert applied == ["SlaClockStarted", "SlaWarning"]


async def _records_of(reader: AIOKafkaConsumer, request_id: uuid.UUID, *, count: int) -> list:
    found = []
    for _ in range(300):  # the relay publishes within a second, unless the shared broker is very busy
        batches = await reader.getmany(timeout_ms=200)
        found += [r for records in batches.values() for r in records if r.key == str(request_id).encode()]
        if len(found) >= count:
            return found
    raise AssertionError(f"only {len(found)} of {count} records of {request_id} arrived")


async def _marked_published(sla, request_id: uuid.UUID, *, count: int) -> None:
    """Wait for the relay's marks: reset before them, they would land afterwards and hide the crash."""
    for _ in range(300):
        async with sla.runtime.session_factory() as session:
            marked = (await session.execute(
                select(func.count()).select_from(outbox)
                .where(outbox.c.key == str(request_id), outbox.c.published_at.is_not(None)))).scalar_one()
        if marked >= count:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"the relay marked only {marked} of {count} rows of {request_id} published")


async def test_a_record_that_is_not_an_event_is_dead_lettered_and_the_worker_moves_on(sla):
    await sla.producer.send_and_wait(sla.source_topic, key=b"not-a-request", value=b"{}", headers=[])
    story = sla.story()
    await sla.publish(story.submitted(msk(3, 14, 19, 30)), story.routed(msk(3, 14, 19, 31)))
    reader = AIOKafkaConsumer(f"{sla.source_topic}.dlq", bootstrap_servers=sla.runtime.settings.kafka_bootstrap_servers,
                              auto_offset_reset="earliest", enable_auto_commit=False)
    await reader.start()
    try:
        record = await asyncio.wait_for(reader.getone(), 30)
    finally:
        await reader.stop()
    headers = dict(record.headers)
    assert (record.key, headers["x-dlq-topic"]) == (b"not-a-request", sla.source_topic.encode())
    assert b"missing header" in headers["x-dlq-error"]
    assert await sla.kinds(story) == ["SlaClockStarted"]
