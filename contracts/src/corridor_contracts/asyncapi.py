"""The AsyncAPI 3.0 document of every topic and event, built from the registry and the catalogue.

Why: suppliers and other teams read one document rather than our Python; it is generated, so it
cannot drift from the code. Payloads point at the committed schema files; headers describe the
CloudEvents Kafka binary binding and the W3C trace context.
"""

from __future__ import annotations

import inspect
from importlib.metadata import version
from typing import Any

from corridor_contracts.base import Event
from corridor_contracts.json_schemas import schema_path
from corridor_contracts.topics import SUPPLIER_TOPIC_PATTERN, SUPPLIER_TOPIC_TEMPLATE, SUPPLIERS, TopicSpec

KAFKA_BINDING = "0.5.0"
SUPPLIER_CHANNEL = "requests.supplier.per-supplier.v1"

CLOUDEVENTS_HEADERS: dict[str, Any] = {
    "type": "object",
    "description": "CloudEvents 1.0 Kafka binary content mode attributes, plus W3C trace context.",
    # What the CloudEvents spec requires; Green Corridor's own producers always set the others too.
    "required": ["ce_specversion", "ce_id", "ce_source", "ce_type"],
    "properties": {
        "ce_specversion": {"type": "string", "const": "1.0"},
        "ce_id": {"type": "string", "description": "Unique event id; consumers apply each id once."},
        "ce_source": {"type": "string", "description": "Producer, e.g. /green-corridor/requests."},
        "ce_type": {"type": "string", "description": "ru.green-corridor.<service>.<Event>.v<N>."},
        "ce_time": {"type": "string", "format": "date-time", "description": "When the envelope was made."},
        "ce_subject": {"type": "string", "description": "The aggregate id; equals the Kafka key."},
        "ce_dataschema": {"type": "string", "description": "$id of the payload's JSON Schema."},
        "content-type": {"type": "string", "const": "application/json"},
        "traceparent": {"type": "string", "description": "W3C trace context of the producing span."},
        "tracestate": {"type": "string", "description": "W3C vendor trace state."},
    },
}


def _summary(event: type[Event]) -> str:
    return " ".join((inspect.getdoc(event) or event.__name__).split("\n\n")[0].split())


def _message(event: type[Event]) -> dict[str, Any]:
    return {
        "name": event.__name__,
        "title": event.__name__,
        "summary": _summary(event),
        "contentType": "application/json",
        "headers": {"allOf": [
            {"$ref": "#/components/schemas/CloudEventsHeaders"},
            {"type": "object", "properties": {"ce_type": {"type": "string", "const": event.event_type()},
                                              "ce_dataschema": {"type": "string", "const": event.schema_id()}}},
        ]},
        "payload": {"$ref": schema_path(event)},
        "bindings": {"kafka": {"key": {"type": "string", "description": f"The event's {event.key_field}."},
                               "bindingVersion": KAFKA_BINDING}},
    }


def _channel(spec: TopicSpec, events: list[type[Event]]) -> dict[str, Any]:
    channel: dict[str, Any] = {
        "address": spec.name,
        "description": f"{spec.description} Key: {spec.key}. Poison messages go to <topic>.dlq.",
        "messages": {message_key(event): {"$ref": f"#/components/messages/{message_key(event)}"} for event in events},
        "bindings": {"kafka": {
            "partitions": spec.partitions,
            "topicConfiguration": {"cleanup.policy": [spec.cleanup_policy],
                                   **({"retention.ms": spec.retention_ms} if spec.retention_ms is not None else {})},
            "bindingVersion": KAFKA_BINDING,
        }},
    }
    if "{short_code}" in spec.name:
        channel["parameters"] = {"short_code": {"description": "Short code of the supplier organisation."}}
    return channel


def message_key(event: type[Event]) -> str:
    return f"{event.__name__}.v{event.version}"


def _operations(channel_id: str, spec: TopicSpec, events: list[type[Event]]) -> dict[str, Any]:
    operations = {}
    for action, parties, verb in (("send", spec.producers, "Published"), ("receive", spec.consumers, "Consumed")):
        for party in parties:
            operations[f"{party}.{action}.{channel_id}"] = {
                "action": action,
                "channel": {"$ref": f"#/channels/{channel_id}"},
                "messages": [{"$ref": f"#/channels/{channel_id}/messages/{message_key(event)}"} for event in events],
                "summary": f"{verb} by {party}.",
            }
    return operations


def asyncapi_document(events: list[type[Event]], topics: dict[str, TopicSpec]) -> dict[str, Any]:
    """The whole document; `topics` are the registered ones, the per-supplier channel is added here."""
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    bound = [*((name, spec) for name, spec in topics.items()), (SUPPLIER_CHANNEL, SUPPLIER_TOPIC_TEMPLATE)]
    for channel_id, spec in bound:
        carried = [event for event in events if event.topic == spec.name]
        channels[channel_id] = _channel(spec, carried)
        operations |= _operations(channel_id, spec, carried)
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Green Corridor events",
            "version": version("corridor-contracts"),
            "description": (
                "Events between the Green Corridor services and supplier systems. Every record is a CloudEvent "
                "in Kafka binary mode: ce_* headers, JSON data in the value, key = aggregate id. "
                f"'{SUPPLIERS}' are the resource-supplying organisations' systems: each reads its own "
                f"{SUPPLIER_TOPIC_PATTERN} topic and answers on the shared responses topic."),
        },
        "defaultContentType": "application/json",
        "servers": {"local": {"host": "localhost:9092", "protocol": "kafka",
                              "description": "The embedded broker of the development set-up."}},
        "channels": channels,
        "operations": operations,
        "components": {
            "schemas": {"CloudEventsHeaders": CLOUDEVENTS_HEADERS},
            "messages": {message_key(event): _message(event) for event in events},
        },
    }
