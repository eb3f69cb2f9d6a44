"""The topic registry: every topic, who writes it, who reads it, how it is keyed and kept.

Why: a topic is part of the contract. Services create their topics from this registry at start, the
AsyncAPI document is generated from it, and docker-compose/ACL set-up read it, so there is one list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace


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


# Retention: topics that services rebuild projections from keep every event (small volumes, and a new
# consumer must see each aggregate's first event); operational streams keep 30 or 90 days.
FOREVER = -1
THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000
NINETY_DAYS_MS = 90 * 24 * 3600 * 1000

IDENTITY_ORGANIZATION = "identity.organization.v1"
IDENTITY_USER = "identity.user.v1"
IDENTITY_SIGNING_KEYS = "identity.signing-keys.v1"
PROJECTS_PROJECT = "projects.project.v1"
REQUESTS_REQUEST = "requests.request.v1"
SLA_CLOCK = "sla.clock.v1"
NOTIFICATIONS_DELIVERY = "notifications.delivery.v1"
SUPPLIER_RESPONSES = "requests.supplier-responses.v1"
# One topic per supplier organisation, created when the supplier is bound (not registered here one by one):
# Kafka ACLs then give each supplier read on its own topic only.
SUPPLIER_TOPIC_PATTERN = "requests.supplier.{short_code}.v1"
SUPPLIERS = "suppliers"  # the external supplier systems, as a producer/consumer name

SHORT_CODE_PATTERN = r"^[a-z0-9][a-z0-9-]{1,39}$"  # legal in a topic name and in a Kafka ACL
_SHORT_CODE = re.compile(SHORT_CODE_PATTERN)


def supplier_topic(short_code: str) -> str:
    """The topic carrying requests routed to one supplier organisation (by its short code)."""
    if not _SHORT_CODE.fullmatch(short_code):
        raise ValueError(f"supplier short code {short_code!r} must match {_SHORT_CODE.pattern}")
    return SUPPLIER_TOPIC_PATTERN.format(short_code=short_code)


# The shape every per-supplier topic shares; `name` is the pattern, so it is documented, not created.
SUPPLIER_TOPIC_TEMPLATE = TopicSpec(
    name=SUPPLIER_TOPIC_PATTERN, key="request_id",
    description="Requests routed to one supplier organisation; only that supplier's system may read it.",
    producers=("requests",), consumers=(SUPPLIERS,), partitions=1, retention_ms=NINETY_DAYS_MS,
)


def supplier_topic_spec(short_code: str) -> TopicSpec:
    """The spec the requests service creates (as an extra topic) when it binds a supplier."""
    return replace(SUPPLIER_TOPIC_TEMPLATE, name=supplier_topic(short_code))


register(TopicSpec(
    name=IDENTITY_ORGANIZATION, key="organization_id", retention_ms=FOREVER,
    description="Organisations registered in identity: kind, INN/OGRN, municipality, supplier resource.",
    producers=("identity",), consumers=("projects", "requests", "notifications"),
))
register(TopicSpec(
    name=IDENTITY_USER, key="user_id", retention_ms=FOREVER,
    description="Users: registration, role changes, deactivation (never credentials).",
    producers=("identity",), consumers=("projects", "requests", "notifications"),
))
register(TopicSpec(
    name=IDENTITY_SIGNING_KEYS, key="issuer", partitions=1, cleanup_policy="compact",
    description="Identity's public signing keys (JWKS); every service verifies access tokens with them.",
    producers=("identity",), consumers=("identity", "projects", "requests", "sla", "notifications"),
))
register(TopicSpec(
    name=PROJECTS_PROJECT, key="project_id", retention_ms=FOREVER,
    description="Project lifecycle: passport submitted, review decisions, roadmap and its tasks, completion.",
    producers=("projects",), consumers=("requests", "notifications"),
))
register(TopicSpec(
    name=REQUESTS_REQUEST, key="request_id", partitions=6, retention_ms=FOREVER,
    description="Request lifecycle: submitted, routed, accepted, clarified, redirected, answered, closed.",
    producers=("requests",), consumers=("projects", "sla", "notifications"),
))
register(TopicSpec(
    name=SLA_CLOCK, key="request_id", partitions=6, retention_ms=NINETY_DAYS_MS,
    description="SLA clock of each request: started, paused, resumed, warning, breached, met, escalated.",
    producers=("sla",), consumers=("projects", "requests", "notifications"),
))
register(TopicSpec(
    name=NOTIFICATIONS_DELIVERY, key="notification_id", retention_ms=THIRTY_DAYS_MS,
    description="Outcome of each notification delivery, for audit and operator dashboards.",
    producers=("notifications",), consumers=(),
))
register(TopicSpec(
    name=SUPPLIER_RESPONSES, key="request_id", retention_ms=NINETY_DAYS_MS,
    description="Every supplier system answers here; requests checks the sender is the assigned organisation.",
    producers=(SUPPLIERS,), consumers=("requests",),
))
