"""Topics are created from the registry and usable (every partition led) when creation returns."""

from __future__ import annotations

import uuid

import pytest
from aiokafka.admin import AIOKafkaAdminClient

from corridor_chassis.messaging.admin import _leaderless, ensure_topics
from corridor_contracts.topics import TopicSpec


def _description(topic: str, *leaders: int, error_code: int = 0) -> dict:
    return {"topic": topic, "error_code": error_code,
            "partitions": [{"partition": n, "leader": leader, "error_code": 0} for n, leader in enumerate(leaders)]}


def test_a_topic_is_usable_only_when_the_broker_knows_it_and_every_partition_has_a_leader() -> None:
    assert _leaderless([_description("led", 1, 1, 1)]) == set()
    assert _leaderless([_description("electing", 1, -1, 1)]) == {"electing"}
    assert _leaderless([_description("unknown", error_code=3)]) == {"unknown"}
    assert _leaderless([_description("no-partitions-yet")]) == {"no-partitions-yet"}


@pytest.mark.kafka
async def test_ensure_topics_returns_with_every_partition_led_and_its_dead_letter_topic(kafka_bootstrap) -> None:
    name = f"chassis-test-{uuid.uuid4().hex[:8]}.things.v1"
    spec = TopicSpec(name=name, key="thing id", partitions=6, producers=("chassis-test",), consumers=(),
                     description="a test topic")
    await ensure_topics({"bootstrap_servers": kafka_bootstrap}, [spec])
    admin = AIOKafkaAdminClient(bootstrap_servers=kafka_bootstrap)
    await admin.start()
    try:
        described = await admin.describe_topics([name, spec.dead_letter])
    finally:
        await admin.close()
    assert _leaderless(described) == set()
    assert sorted(len(d["partitions"]) for d in described) == [1, 6]
