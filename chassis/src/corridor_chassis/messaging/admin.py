"""Topic creation from the contracts' registry, so partitions and retention are not left to defaults."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

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


async def create_topics(kafka_options: Mapping[str, object], topics: list[NewTopic]) -> None:
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
    finally:
        await admin.close()
