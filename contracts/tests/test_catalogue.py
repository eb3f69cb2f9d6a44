"""The catalogue is complete, well named, keyed by aggregate ids and published on registered topics."""

from __future__ import annotations

import re
from datetime import datetime
from uuid import UUID

import pytest
from pydantic import ValidationError

import corridor_contracts
from corridor_contracts import (
    TOPICS, DomainEvent, OrganizationKind, OrganizationRegistered, SupplierAction, SupplierResponded,
    published_events, supplier_topic, supplier_topic_spec, topics_consumed_by, topics_produced_by,
)
from corridor_contracts.json_schemas import event_schema
from corridor_contracts.topics import SUPPLIER_TOPIC_PATTERN

ARCHITECTURE_CATALOGUE = {
    "identity": {"OrganizationRegistered", "UserRegistered", "UserRolesChanged", "UserDeactivated",
                 "SigningKeysPublished"},  # keys: ADR 0003
    "projects": {"PassportSubmitted", "ProjectAccepted", "ProjectRejected", "ProjectReturned", "RoadmapPublished",
                 "RoadmapTaskChanged", "ProjectCompleted"},
    "requests": {"RequestSubmitted", "RequestRouted", "RequestAccepted", "ClarificationRequested",
                 "ClarificationProvided", "RequestRedirected", "RequestAnswered", "RequestWithdrawn", "RequestClosed",
                 "SupplierRequestDispatched", "SupplierResponded", "SupplierRequestChanged",
                 "SupplierResponseRejected"},
    "sla": {"SlaClockStarted", "SlaClockPaused", "SlaClockResumed", "SlaWarning", "SlaBreached", "SlaMet",
            "SlaEscalated"},
    "notifications": {"NotificationDelivered", "NotificationFailed"},
}
SERVICES = set(ARCHITECTURE_CATALOGUE)
EVENTS = published_events()


def _id(event: type) -> str:
    return event.__name__


def test_importing_the_package_loads_the_whole_catalogue() -> None:
    declared: dict[str, set[str]] = {}
    for event in EVENTS:
        declared.setdefault(event.service(), set()).add(event.__name__)
    assert declared == ARCHITECTURE_CATALOGUE


def test_every_event_is_exported_from_the_package() -> None:
    assert [event for event in EVENTS if getattr(corridor_contracts, event.__name__, None) is not event] == []


def test_every_event_has_an_example(examples) -> None:
    assert set(EVENTS) == set(examples)


def test_topic_names_follow_service_aggregate_version() -> None:
    for name, spec in TOPICS.items():
        assert re.fullmatch(r"[a-z]+\.[a-z][a-z-]*\.v\d+", name), name
        assert spec.producers, f"{name} has no producer"
        assert name.split(".")[0] in spec.producers or name.split(".")[0] in spec.consumers, name
        assert spec.partitions >= 1 and spec.cleanup_policy in {"delete", "compact"}


def test_services_find_their_topics_in_the_registry() -> None:
    assert {spec.name for spec in topics_consumed_by("sla")} == {"requests.request.v1", "identity.signing-keys.v1"}
    assert {spec.name for spec in topics_consumed_by("requests")} == {
        "identity.organization.v1", "identity.user.v1", "projects.project.v1", "requests.supplier-responses.v1",
        "identity.signing-keys.v1", "sla.clock.v1"}
    assert {spec.name for spec in topics_produced_by("requests")} == {"requests.request.v1"}
    for spec in TOPICS.values():
        assert set(spec.consumers) <= SERVICES | {"suppliers"}, spec.name


@pytest.mark.parametrize("event", EVENTS, ids=_id)
def test_event_is_published_on_a_topic_carrying_its_key(event: type[DomainEvent]) -> None:
    spec = TOPICS.get(event.topic)
    if event.topic == SUPPLIER_TOPIC_PATTERN:
        spec = supplier_topic_spec("lenenergo")
    assert spec is not None, f"{event.__name__} names unregistered topic {event.topic}"
    assert spec.key == event.key_field
    if spec.cleanup_policy == "compact":  # a state topic keyed by its one natural key (the issuer)
        assert event.model_fields[event.key_field].annotation is str
    else:
        assert event.model_fields[event.key_field].annotation is UUID, "the key is an aggregate id"
    assert event.service() in spec.producers or spec.producers == ("suppliers",)


@pytest.mark.parametrize("event", EVENTS, ids=_id)
def test_event_says_when_it_happened_in_an_aware_datetime(event: type[DomainEvent], examples) -> None:
    assert issubclass(event, DomainEvent)
    naive = examples[event].model_dump() | {"occurred_at": datetime(2025, 3, 14, 10, 30)}
    with pytest.raises(ValidationError, match="timezone"):
        event.model_validate(naive)


@pytest.mark.parametrize("event", EVENTS, ids=_id)
def test_every_field_is_described(event: type[DomainEvent]) -> None:
    schema = event_schema(event)
    undocumented = [name for name, field in schema["properties"].items()
                    if "description" not in field and "$ref" not in field]
    assert undocumented == [], f"{event.__name__}: give these fields Field(description=...)"
    assert schema.get("description"), f"{event.__name__} needs a docstring saying what happened"


def test_no_event_carries_a_secret() -> None:
    secretive = re.compile(r"password|secret|token|credential", re.I)
    leaks = [(event.__name__, name) for event in EVENTS for name in event.model_fields if secretive.search(name)]
    assert leaks == []


def test_a_supplier_organisation_needs_a_short_code_and_resource(examples) -> None:
    supplier = examples[OrganizationRegistered].model_dump()
    with pytest.raises(ValidationError, match="short_code and resource"):
        OrganizationRegistered.model_validate(supplier | {"short_code": None})
    investor = supplier | {"kind": OrganizationKind.INVESTOR, "short_code": None, "resource": None}
    assert OrganizationRegistered.model_validate(investor).kind is OrganizationKind.INVESTOR


def test_a_supplier_answer_or_question_needs_text(examples) -> None:
    answered = examples[SupplierResponded].model_dump()
    with pytest.raises(ValidationError, match="needs text"):
        SupplierResponded.model_validate(answered | {"text": "  "})
    accepted = {key: value for key, value in answered.items() if key not in {"text", "documents"}}
    assert SupplierResponded.model_validate(accepted | {"action": SupplierAction.ACCEPTED}).text is None


def test_supplier_topics_are_named_by_short_code_and_refuse_unsafe_codes() -> None:
    assert supplier_topic("lenenergo") == "requests.supplier.lenenergo.v1"
    assert supplier_topic_spec("lenoblvodokanal").name == "requests.supplier.lenoblvodokanal.v1"
    assert "requests.supplier.lenenergo.v1" not in TOPICS  # created per supplier, not registered
    for unsafe in ("", "Lenenergo", "len.energo", "a", "x" * 41, "lenenergo*"):
        with pytest.raises(ValueError):
            supplier_topic(unsafe)


def test_event_types_are_unique_and_versioned() -> None:
    types = [event.event_type() for event in EVENTS]
    assert len(set(types)) == len(types)
    assert all(re.fullmatch(r"ru\.green-corridor\.[a-z]+\.[A-Za-z]+\.v\d+", t) for t in types)
