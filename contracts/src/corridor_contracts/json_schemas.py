"""JSON Schema of each event, as committed under contracts/schemas/<service>/<Event>.v<N>.json.

Why: the committed schema is the contract non-Python readers (suppliers, the AsyncAPI document) see,
and the baseline the compatibility check compares the models against.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from corridor_contracts.base import Event

DIALECT = "https://json-schema.org/draft/2020-12/schema"
CONTRACTS_ROOT = Path(__file__).resolve().parents[2]  # contracts/ in the workspace checkout
SCHEMAS_DIR = "schemas"


def event_schema(event: type[Event]) -> dict[str, Any]:
    """The model's JSON Schema with its identity: `$id` is the CloudEvents dataschema of the event."""
    return {
        "$schema": DIALECT,
        "$id": event.schema_id(),
        **event.model_json_schema(),
        "x-topic": event.topic,
        "x-key": event.key_field,
        "x-cloudevents-type": event.event_type(),
    }


def schema_path(event: type[Event]) -> str:
    """Path of the event's schema file, relative to contracts/ (and to asyncapi.yaml)."""
    return f"{SCHEMAS_DIR}/{event.service()}/{event.__name__}.v{event.version}.json"


def render_json(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
