"""The topic registry: every topic, who writes it, who reads it, how it is keyed and kept.

Why: a topic is part of the contract. Services create their topics from this registry at start, the
AsyncAPI document is generated from it, and docker-compose/ACL set-up read it, so there is one list.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TopicSpec:
    name: str
    key: str
    description: str
    producers: tuple[str, ...]
    consumers: tuple[str, ...]
    partitions: int = 3
    cleanup_policy: str = "delete"
    retention_ms: int | None = None
    configs: dict[str, str] = field(default_factory=dict)

    @property
    def dead_letter(self) -> str:
        return f"{self.name}.dlq"


TOPICS: dict[str, TopicSpec] = {}


def register(spec: TopicSpec) -> TopicSpec:
    if spec.name in TOPICS:
        raise ValueError(f"topic {spec.name} registered twice")
    TOPICS[spec.name] = spec
    return spec


def topics_consumed_by(service: str) -> list[TopicSpec]:
    return [spec for spec in TOPICS.values() if service in spec.consumers]


def topics_produced_by(service: str) -> list[TopicSpec]:
    return [spec for spec in TOPICS.values() if service in spec.producers]
