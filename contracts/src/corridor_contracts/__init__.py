"""Green Corridor contracts: the event catalogue, its envelope and the topic registry (no I/O).

Importing the package loads every event module, so the catalogue used to parse records is complete.
"""

from corridor_contracts.base import DomainEvent, Event, catalogue, event_class_for
from corridor_contracts.compatibility import BreakingChange, breaking_changes
from corridor_contracts.envelope import Envelope, KafkaRecord, MalformedEvent, from_kafka, to_kafka
from corridor_contracts.events import published_events
from corridor_contracts.events.identity import (
    OrganizationRegistered, SigningKeysPublished, UserDeactivated, UserRegistered, UserRolesChanged,
)
from corridor_contracts.events.notifications import Channel, NotificationDelivered, NotificationFailed
from corridor_contracts.events.projects import (
    PassportSubmitted, ProjectAccepted, ProjectCompleted, ProjectRejected, ProjectReturned, RoadmapPublished,
    RoadmapTask, RoadmapTaskChanged, RoadmapTaskStatus,
)
from corridor_contracts.events.requests import (
    ClarificationProvided, ClarificationRequested, RequestAccepted, RequestAnswered, RequestClosed, RequestOutcome,
    RequestRedirected, RequestRouted, RequestSubmitted, RequestWithdrawn,
)
from corridor_contracts.events.sla import (
    PauseReason, SlaBreached, SlaClockPaused, SlaClockResumed, SlaClockStarted, SlaEscalated, SlaMet, SlaWarning,
)
from corridor_contracts.events.suppliers import (
    SupplierAction, SupplierRequestChange, SupplierRequestChanged, SupplierRequestDispatched, SupplierResponded,
    SupplierResponseRejected,
)
from corridor_contracts.topics import (
    IDENTITY_ORGANIZATION, IDENTITY_SIGNING_KEYS, IDENTITY_USER, NOTIFICATIONS_DELIVERY, PROJECTS_PROJECT, REQUESTS_REQUEST, SLA_CLOCK,
    SUPPLIER_RESPONSES, SUPPLIER_TOPIC_PATTERN, TOPICS, TopicSpec, supplier_topic, supplier_topic_spec,
    topics_consumed_by, topics_produced_by,
)
from corridor_contracts.vocabulary import DocumentLink, Locale, OrganizationKind, ProjectSummary, Resource, Role

__all__ = [
    "BreakingChange", "Channel", "ClarificationProvided", "ClarificationRequested", "DocumentLink", "DomainEvent",
    "Envelope", "Event", "IDENTITY_ORGANIZATION", "IDENTITY_SIGNING_KEYS", "IDENTITY_USER", "KafkaRecord", "Locale", "MalformedEvent",
    "NOTIFICATIONS_DELIVERY", "NotificationDelivered", "NotificationFailed", "OrganizationKind",
    "OrganizationRegistered", "PROJECTS_PROJECT", "PassportSubmitted", "PauseReason", "ProjectAccepted",
    "ProjectCompleted", "ProjectRejected", "ProjectReturned", "ProjectSummary", "REQUESTS_REQUEST", "RequestAccepted",
    "RequestAnswered", "RequestClosed", "RequestOutcome", "RequestRedirected", "RequestRouted", "RequestSubmitted",
    "RequestWithdrawn", "Resource", "RoadmapPublished", "RoadmapTask", "RoadmapTaskChanged", "RoadmapTaskStatus",
    "Role", "SLA_CLOCK", "SUPPLIER_RESPONSES", "SUPPLIER_TOPIC_PATTERN", "SlaBreached", "SlaClockPaused",
    "SigningKeysPublished", "SlaClockResumed", "SlaClockStarted", "SlaEscalated", "SlaMet", "SlaWarning", "SupplierAction",
    "SupplierRequestChange", "SupplierRequestChanged", "SupplierRequestDispatched", "SupplierResponded",
    "SupplierResponseRejected", "TOPICS", "TopicSpec", "UserDeactivated", "UserRegistered",
    "UserRolesChanged", "breaking_changes", "catalogue", "event_class_for", "from_kafka", "published_events",
    "supplier_topic", "supplier_topic_spec", "to_kafka", "topics_consumed_by", "topics_produced_by",
]
