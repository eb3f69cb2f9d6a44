"""Topic creation from the contracts' registry, so partitions and retention are not left to defaults.

A topic is usable only once every partition has a leader; a producer that asks earlier is told
NotLeaderForPartition and waits out its request timeout (30 s) before it retries. So creation waits
for the leaders, and the first outbox row after a fresh start is published at once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Mapping

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaTimeoutError, TopicAlreadyExistsError

from corridor_contracts.topics import TopicSpec

log = logging.getLogger(__name__)


async def ensure_topics(kafka_options: Mapping[str, object], specs: Iterable[TopicSpec],
                        *, with_dead_letters: bool = True) -> None:
    wanted: dict[str, NewTopic] = {}
    for spec in specs:
        configs = {"cleanup.policy": spec.cleanup_policy, **spec.configs}
        if spec.retention_ms is not None:
            configs["retention.ms"] = str(spec.retention_ms)
        wanted[spec.name] = NewTopic(spec.name, spec.partitions, 1, topic_configs=configs)
        if with_dead_letters:
            wanted[spec.dead_letter] = NewTopic(spec.dead_letter, 1, 1)
    await create_topics(kafka_options, list(wanted.values()))


async def create_topics(kafka_options: Mapping[str, object], topics: list[NewTopic], *,
                        leader_timeout_seconds: float = 30) -> None:
    admin = AIOKafkaAdminClient(**kafka_options)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [topic for topic in topics if topic.name not in existing]
        if missing:
            try:
                await admin.create_topics(missing)
            except TopicAlreadyExistsError:
                pass  # created concurrently by another replica
            log.info("created topics %s", [topic.name for topic in missing])
        await _wait_for_leaders(admin, [topic.name for topic in topics], leader_timeout_seconds)
    finally:
        await admin.close()


async def _wait_for_leaders(admin: AIOKafkaAdminClient, names: list[str], timeout_seconds: float) -> None:
    deadline = asyncio.get_running_loop().time() + timeout_seconds
    while True:
        leaderless = _leaderless(await admin.describe_topics(names))
        if not leaderless:
            return
        if asyncio.get_running_loop().time() > deadline:
            raise KafkaTimeoutError(f"no leader yet for {sorted(leaderless)}")
        await asyncio.sleep(0.1)


def _leaderless(descriptions: list[dict]) -> set[str]:
    """Topics the broker does not know yet, or with a partition that has no leader."""
    return {description["topic"] for description in descriptions
            if description["error_code"] != 0 or not description["partitions"]
            or any(partition["leader"] < 0 for partition in description["partitions"])}
