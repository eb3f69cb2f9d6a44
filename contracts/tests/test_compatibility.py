"""The compatibility rules, on hand-made before/after schemas and on pydantic models."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel

from corridor_contracts.compatibility import breaking_changes


def obj(required: list[str] | None = None, **properties) -> dict:
    return {"type": "object", "properties": properties, "required": required or list(properties)}


STRING = {"type": "string"}
UUID = {"type": "string", "format": "uuid"}
BEFORE = obj(request_id=UUID, subject=STRING, kind={"enum": ["supplier", "municipality"], "type": "string"})


def kinds(old: dict, new: dict) -> list[tuple[str, str]]:
    return [(change.path, change.kind) for change in breaking_changes(old, new)]


def test_identical_schemas_are_compatible() -> None:
    assert breaking_changes(BEFORE, BEFORE) == []


def test_adding_an_optional_field_is_compatible() -> None:
    after = obj(required=["request_id", "subject", "kind"], **BEFORE["properties"], note=STRING)
    assert breaking_changes(BEFORE, after) == []


def test_removing_a_field_breaks() -> None:
    after = obj(request_id=UUID, kind=BEFORE["properties"]["kind"])
    assert kinds(BEFORE, after) == [("subject", "removed")]


def test_renaming_a_field_is_a_removal_and_a_new_required_field() -> None:
    after = obj(request_id=UUID, title=STRING, kind=BEFORE["properties"]["kind"])
    assert sorted(kinds(BEFORE, after)) == [("subject", "removed"), ("title", "newly_required")]


def test_changing_a_type_breaks() -> None:
    after = obj(request_id={"type": "integer"}, subject=STRING, kind=BEFORE["properties"]["kind"])
    assert kinds(BEFORE, after) == [("request_id", "type_changed")]


def test_changing_a_string_format_is_a_type_change() -> None:
    before, after = obj(due={"type": "string", "format": "date"}), obj(due={"type": "string", "format": "date-time"})
    assert kinds(before, after) == [("due", "type_changed")]


def test_making_a_field_nullable_is_a_type_change() -> None:
    after = obj(request_id=UUID, subject={"anyOf": [STRING, {"type": "null"}]}, kind=BEFORE["properties"]["kind"])
    assert kinds(BEFORE, after) == [("subject", "type_changed")]


def test_requiring_an_optional_field_breaks() -> None:
    before = obj(required=["request_id"], request_id=UUID, note=STRING)
    assert kinds(before, obj(request_id=UUID, note=STRING)) == [("note", "newly_required")]


def test_dropping_an_enum_value_breaks_and_adding_one_does_not() -> None:
    narrowed = obj(request_id=UUID, subject=STRING, kind={"enum": ["supplier"], "type": "string"})
    widened = obj(request_id=UUID, subject=STRING, kind={"enum": ["supplier", "municipality", "agency"],
                                                         "type": "string"})
    assert kinds(BEFORE, narrowed) == [("kind", "enum_narrowed")]
    assert "'municipality'" in str(breaking_changes(BEFORE, narrowed)[0])
    assert breaking_changes(BEFORE, widened) == []


def test_closing_a_free_string_to_an_enum_is_a_narrowing() -> None:
    before, after = obj(kind=STRING), obj(kind={"const": "supplier", "type": "string"})
    assert kinds(before, after) == [("kind", "enum_narrowed")]


def test_changes_inside_referenced_nested_objects_are_found() -> None:
    def event(link: dict) -> dict:
        return {**obj(documents={"type": "array", "items": {"$ref": "#/$defs/Link"}}), "$defs": {"Link": link}}

    before = event(obj(url=STRING, size={"type": "integer"}))
    after = event(obj(url=STRING, size={"type": "string"}))
    assert kinds(before, after) == [("documents[].size", "type_changed")]
    assert kinds(before, event(obj(url=STRING))) == [("documents[].size", "removed")]


def test_map_values_are_compared() -> None:
    before = obj(payload={"type": "object", "additionalProperties": {"type": "integer"}})
    after = obj(payload={"type": "object", "additionalProperties": {"type": "boolean"}})
    assert kinds(before, after) == [("payload{}", "type_changed")]


def test_a_recursive_model_is_compared_without_looping() -> None:
    schema = {**obj(root={"$ref": "#/$defs/Node"}),
              "$defs": {"Node": obj(required=["name"], name=STRING,
                                    children={"type": "array", "items": {"$ref": "#/$defs/Node"}})}}
    assert breaking_changes(schema, schema) == []


class Resource(StrEnum):
    GAS = "gas"
    HEAT = "heat"


class Before(BaseModel):
    resource: Resource | None
    locale: Literal["ru", "en"]
    note: str | None = None


class FewerResources(BaseModel):
    resource: Literal["gas"] | None
    locale: Literal["ru", "en"]
    note: str | None = None
    channel: str = "email"


class LocaleDropped(BaseModel):
    resource: Resource | None
    note: str


def test_rules_apply_to_pydantic_generated_schemas() -> None:
    assert breaking_changes(Before.model_json_schema(), Before.model_json_schema()) == []
    assert kinds(Before.model_json_schema(), FewerResources.model_json_schema()) == [("resource", "enum_narrowed")]
    assert sorted(kinds(Before.model_json_schema(), LocaleDropped.model_json_schema())) == [
        ("locale", "removed"), ("note", "newly_required"), ("note", "type_changed")]
