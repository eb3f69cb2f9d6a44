"""The envelope: CloudEvents attributes around an event, and its Kafka binary-mode mapping.

Why: every service writes and reads the same wire format. We use the CloudEvents SDK's Kafka binding
(binary content mode: `ce_*` headers, JSON data in the value, key = aggregate id) rather than our own
header scheme, so any CloudEvents-aware consumer, a supplier's included, can read our topics. The W3C
trace context travels in the `traceparent`/`tracestate` headers beside the CloudEvents ones.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone

from cloudevents.core.bindings import kafka as ce_kafka
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent
from pydantic import ValidationError

from corridor_contracts.base import Event, event_class_for

TRACE_HEADERS = ("traceparent", "tracestate")
# The SDK would invent a fresh id (and assume 1.0) when these are absent; a made-up id would defeat the
# consumers' inbox, which applies each event id once, so a record without them is refused instead.
REQUIRED_HEADERS = ("ce_specversion", "ce_id", "ce_source", "ce_type")
_FORMAT = JSONFormat()


class MalformedEvent(ValueError):
    """A Kafka record that is not a valid event of our catalogue; it belongs in the dead-letter topic."""


@dataclass(frozen=True)
class KafkaRecord:
    topic: str
    key: bytes
    value: bytes
    headers: list[tuple[str, bytes]]


@dataclass(frozen=True)
class Envelope:
    data: Event
    source: str
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    time: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    trace_headers: dict[str, str] = field(default_factory=dict)

    @property
    def type(self) -> str:
        return self.data.event_type()

    @property
    def subject(self) -> str:
        return self.data.aggregate_key()

    @property
    def topic(self) -> str:
        return self.data.kafka_topic()

    @classmethod
    def wrap(cls, event: Event, *, source: str | None = None,
             trace_headers: dict[str, str] | None = None) -> "Envelope":
        return cls(data=event, source=source or f"/green-corridor/{event.service()}",
                   trace_headers=dict(trace_headers or {}))


def to_kafka(envelope: Envelope) -> KafkaRecord:
    event = CloudEvent(
        attributes={
            "id": envelope.id,
            "source": envelope.source,
            "type": envelope.type,
            "subject": envelope.subject,
            "time": envelope.time,
            "dataschema": envelope.data.schema_id(),
            "datacontenttype": "application/json",
        },
        data=envelope.data.model_dump(mode="json"),
    )
    message = ce_kafka.to_binary(event, _FORMAT, key_mapper=lambda _: envelope.subject)
    headers = [(name, value) for name, value in message.headers.items()]
    headers += [(name, value.encode()) for name, value in envelope.trace_headers.items() if name in TRACE_HEADERS]
    return KafkaRecord(topic=envelope.topic, key=envelope.subject.encode(), value=message.value, headers=headers)


def from_kafka(key: bytes | None, value: bytes | None, headers: list[tuple[str, bytes]] | tuple) -> Envelope:
    """Parse and validate a record; raise MalformedEvent for anything that is not ours or not valid."""
    header_map = {name: raw for name, raw in headers or ()}
    missing = [name for name in REQUIRED_HEADERS if not header_map.get(name)]
    if missing:
        raise MalformedEvent(f"not a CloudEvent: missing header(s) {', '.join(missing)}")
    try:
        event = ce_kafka.from_binary(
            ce_kafka.KafkaMessage(headers=header_map, key=key, value=value or b""), _FORMAT
        )
    except Exception as exc:  # the SDK raises several exception types for bad attributes
        raise MalformedEvent(f"not a CloudEvent: {exc}") from exc
    event_class = event_class_for(event.get_type())
    if event_class is None:
        raise MalformedEvent(f"unknown event type {event.get_type()!r}")
    data = event.get_data()
    try:
        if isinstance(data, (bytes, str)):
            data = json.loads(data)
        payload = event_class.model_validate(data)
    except (ValidationError, ValueError, TypeError) as exc:
        raise MalformedEvent(f"{event.get_type()}: invalid data: {exc}") from exc
    trace = {name: raw.decode("latin-1") for name, raw in header_map.items() if name in TRACE_HEADERS}
    return Envelope(data=payload, source=event.get_source(), id=event.get_id(),
                    time=event.get_time() or datetime.now(timezone.utc), trace_headers=trace)
