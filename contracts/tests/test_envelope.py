"""Every event survives the Kafka binary binding; anything that is not a valid event of ours is refused."""

from __future__ import annotations

import json

import pytest

from corridor_contracts import (
    Envelope, KafkaRecord, MalformedEvent, RequestRouted, SupplierRequestDispatched, from_kafka, published_events,
    to_kafka,
)

TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


def _id(event: type) -> str:
    return event.__name__


def _record(event, **trace: str) -> KafkaRecord:
    return to_kafka(Envelope.wrap(event, trace_headers=trace))


def _without(record: KafkaRecord, *names: str) -> list[tuple[str, bytes]]:
    return [(name, value) for name, value in record.headers if name not in names]


@pytest.mark.parametrize("event_class", published_events(), ids=_id)
def test_every_event_round_trips_through_kafka(event_class, examples) -> None:
    event = examples[event_class]
    envelope = Envelope.wrap(event, source="/green-corridor/test")
    record = to_kafka(envelope)
    parsed = from_kafka(record.key, record.value, record.headers)
    assert parsed.data == event and type(parsed.data) is event_class
    assert (parsed.id, parsed.source, parsed.type, parsed.time) == (envelope.id, envelope.source, envelope.type,
                                                                     envelope.time)


@pytest.mark.parametrize("event_class", published_events(), ids=_id)
def test_key_and_subject_are_the_aggregate_id(event_class, examples) -> None:
    event = examples[event_class]
    record = _record(event)
    aggregate_id = str(getattr(event, event_class.key_field)).encode()
    headers = dict(record.headers)
    assert record.key == aggregate_id
    assert headers["ce_subject"] == aggregate_id
    assert headers["ce_type"] == event_class.event_type().encode()
    assert headers["ce_dataschema"] == event_class.schema_id().encode()


def test_a_request_for_a_supplier_goes_to_that_suppliers_topic(examples) -> None:
    assert _record(examples[SupplierRequestDispatched]).topic == "requests.supplier.lenenergo.v1"
    assert _record(examples[RequestRouted]).topic == "requests.request.v1"


def test_trace_context_travels_in_its_own_headers(examples) -> None:
    record = _record(examples[RequestRouted], traceparent=TRACEPARENT, tracestate="gc=1", baggage="not-ours")
    assert ("traceparent", TRACEPARENT.encode()) in record.headers
    assert "baggage" not in dict(record.headers)
    parsed = from_kafka(record.key, record.value, record.headers)
    assert parsed.trace_headers == {"traceparent": TRACEPARENT, "tracestate": "gc=1"}


def test_a_value_that_is_not_json_is_malformed(examples) -> None:
    record = _record(examples[RequestRouted])
    with pytest.raises(MalformedEvent):
        from_kafka(record.key, b"\x00not json{", record.headers)


def test_an_unknown_event_type_is_malformed(examples) -> None:
    record = _record(examples[RequestRouted])
    headers = _without(record, "ce_type") + [("ce_type", b"ru.green-corridor.requests.RequestRouted.v99")]
    with pytest.raises(MalformedEvent, match="unknown event type"):
        from_kafka(record.key, record.value, headers)


def test_a_missing_required_field_is_malformed(examples) -> None:
    record = _record(examples[RequestRouted])
    data = json.loads(record.value)
    del data["recipient_organization_id"]
    with pytest.raises(MalformedEvent, match="recipient_organization_id"):
        from_kafka(record.key, json.dumps(data).encode(), record.headers)


def test_a_field_of_the_wrong_type_is_malformed(examples) -> None:
    record = _record(examples[RequestRouted])
    data = json.loads(record.value) | {"recipient_kind": "bank"}
    with pytest.raises(MalformedEvent, match="recipient_kind"):
        from_kafka(record.key, json.dumps(data).encode(), record.headers)


@pytest.mark.parametrize("missing", [("ce_type",), ("ce_id",), ("ce_source",), ("ce_specversion",),
                                     ("ce_type", "ce_id", "ce_source", "ce_specversion", "ce_subject", "ce_time")])
def test_missing_cloudevents_headers_are_malformed(missing, examples) -> None:
    record = _record(examples[RequestRouted])
    with pytest.raises(MalformedEvent):
        from_kafka(record.key, record.value, _without(record, *missing))


def test_a_record_without_headers_or_value_is_malformed() -> None:
    with pytest.raises(MalformedEvent):
        from_kafka(b"key", None, [])


def test_a_newer_producer_may_add_fields_old_consumers_ignore(examples) -> None:
    record = _record(examples[RequestRouted])
    data = json.loads(record.value) | {"priority": "high"}
    assert from_kafka(record.key, json.dumps(data).encode(), record.headers).data == examples[RequestRouted]
