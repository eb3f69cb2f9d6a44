"""The AsyncAPI document is valid YAML, lists every topic and event, and its references resolve."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from corridor_contracts import TOPICS, published_events
from corridor_contracts.asyncapi import SUPPLIER_CHANNEL, message_key
from corridor_contracts.json_schemas import CONTRACTS_ROOT, schema_path
from corridor_contracts.topics import SUPPLIER_TOPIC_PATTERN

DOCUMENT = yaml.safe_load((CONTRACTS_ROOT / "asyncapi.yaml").read_text(encoding="utf-8"))


def _resolve(pointer: str) -> object:
    node: object = DOCUMENT
    for part in pointer.removeprefix("#/").split("/"):
        node = node[part]  # type: ignore[index]
    return node


def _refs(node: object) -> list[str]:
    if isinstance(node, dict):
        return [ref for key, value in node.items() for ref in ([value] if key == "$ref" else _refs(value))]
    if isinstance(node, list):
        return [ref for item in node for ref in _refs(item)]
    return []


def test_it_is_an_asyncapi_3_document() -> None:
    assert DOCUMENT["asyncapi"] == "3.0.0"
    assert {"title", "version"} <= set(DOCUMENT["info"])
    key = re.compile(r"^[a-zA-Z0-9.\-_]+$")  # the spec's pattern for component and map keys
    for section in ("channels", "operations"):
        assert all(key.match(name) for name in DOCUMENT[section]), section
    assert all(key.match(name) for name in DOCUMENT["components"]["messages"])


def test_every_registered_topic_is_a_channel() -> None:
    addresses = {channel["address"] for channel in DOCUMENT["channels"].values()}
    assert addresses == set(TOPICS) | {SUPPLIER_TOPIC_PATTERN}
    assert set(DOCUMENT["channels"][SUPPLIER_CHANNEL]["parameters"]) == {"short_code"}


def test_every_event_is_a_message_on_its_topic_with_its_schema_and_type() -> None:
    for event in published_events():
        message = DOCUMENT["components"]["messages"][message_key(event)]
        assert message["payload"] == {"$ref": schema_path(event)}
        assert message["headers"]["allOf"][1]["properties"]["ce_type"]["const"] == event.event_type()
        channel = next(c for c in DOCUMENT["channels"].values() if c["address"] == event.topic)
        assert message_key(event) in channel["messages"]


def test_every_producer_sends_and_every_consumer_receives() -> None:
    operations = {(name.split(".", 1)[0], op["action"], _resolve(op["channel"]["$ref"])["address"])
                  for name, op in DOCUMENT["operations"].items()}
    for spec in TOPICS.values():
        assert {(producer, "send", spec.name) for producer in spec.producers} <= operations
        assert {(consumer, "receive", spec.name) for consumer in spec.consumers} <= operations
    assert ("sla", "receive", "requests.request.v1") in operations
    assert ("suppliers", "receive", SUPPLIER_TOPIC_PATTERN) in operations


def test_every_reference_resolves() -> None:
    for ref in _refs(DOCUMENT):
        if ref.startswith("#/"):
            assert _resolve(ref) is not None, ref
        else:
            assert Path(CONTRACTS_ROOT / ref).is_file(), ref
