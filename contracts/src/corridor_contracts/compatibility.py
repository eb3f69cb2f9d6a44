"""Which differences between two JSON Schemas of one event break its readers.

Why: events outlive the code that wrote them (retained topics, replays, consumers deployed later), so a
new schema under the same version must read every old payload and be readable by every old consumer.
Adding an optional field keeps both true; removing, renaming, retyping a field, requiring a new one or
dropping an allowed value does not, and calls for a new version (see contracts/README.md).
Titles, descriptions and string constraints are not compared.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

Schema = Mapping[str, Any]
_ORIGIN = "x-compared-from"  # marks a node resolved from a $ref


@dataclass(frozen=True)
class BreakingChange:
    path: str  # dotted field path; `[]` is an array item, `{}` a map value, `` the event itself
    kind: str  # removed | type_changed | newly_required | enum_narrowed
    detail: str

    def __str__(self) -> str:
        return f"{self.path or '(event)'}: {self.detail}"


def breaking_changes(old: Schema, new: Schema) -> list[BreakingChange]:
    """Every change from `old` (the committed schema) to `new` that breaks a reader; [] if compatible."""
    return _Comparison(old, new).compare(old, new, "")


class _Comparison:
    def __init__(self, old_root: Schema, new_root: Schema) -> None:
        self.roots = (old_root, new_root)
        self.open_refs: set[tuple[str, str]] = set()  # definitions being compared, so recursion ends

    def compare(self, old: Schema, new: Schema, path: str) -> list[BreakingChange]:
        old_variants, new_variants = _variants(old, self.roots[0]), _variants(new, self.roots[1])
        old_types, new_types = _types(old_variants), _types(new_variants)
        if old_types != new_types:
            return [BreakingChange(path, "type_changed", f"type changed from {_show(old_types)} to {_show(new_types)}")]
        changes = _enum_narrowing(old_variants, new_variants, path)
        for kind, compare in (("object", self._object), ("array", self._array)):
            old_of_kind = [v for v in old_variants if _type_of(v) == kind]
            new_of_kind = [v for v in new_variants if _type_of(v) == kind]
            for old_variant, new_variant in zip(old_of_kind, new_of_kind):
                changes += self._once_per_descent(compare, old_variant, new_variant, path)
        return changes

    def _once_per_descent(self, compare, old: Schema, new: Schema, path: str) -> list[BreakingChange]:
        refs = (old.get(_ORIGIN, ""), new.get(_ORIGIN, ""))
        if not any(refs):
            return compare(old, new, path)  # an inline schema cannot recur
        if refs in self.open_refs:
            return []  # a recursive model: this pair is already being compared further up
        self.open_refs.add(refs)
        try:
            return compare(old, new, path)
        finally:
            self.open_refs.discard(refs)

    def _object(self, old: Schema, new: Schema, path: str) -> list[BreakingChange]:
        changes = []
        old_fields, new_fields = old.get("properties", {}), new.get("properties", {})
        for name, old_field in old_fields.items():
            here = f"{path}.{name}" if path else name
            if name not in new_fields:
                changes.append(BreakingChange(
                    here, "removed", "field removed (or renamed: a rename is a removal plus an addition)"))
            else:
                changes += self.compare(old_field, new_fields[name], here)
        for name in sorted(set(new.get("required", ())) - set(old.get("required", ()))):
            here = f"{path}.{name}" if path else name
            changes.append(BreakingChange(here, "newly_required", "field is now required (old events lack it)"))
        old_values, new_values = old.get("additionalProperties"), new.get("additionalProperties")
        if isinstance(old_values, Mapping) and isinstance(new_values, Mapping):
            changes += self.compare(old_values, new_values, f"{path}{{}}")
        return changes

    def _array(self, old: Schema, new: Schema, path: str) -> list[BreakingChange]:
        return self.compare(old.get("items", {}), new.get("items", {}), f"{path}[]")


def _resolve(node: Schema, root: Schema) -> Schema:
    while "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/"):
            raise ValueError(f"only local references can be compared, not {ref!r}")
        target: Any = root
        for part in ref[2:].split("/"):
            target = target[part]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}, _ORIGIN: ref}
    return node


def _variants(node: Schema, root: Schema) -> list[Schema]:
    """The alternatives a value may take: anyOf/oneOf flattened, single-item allOf and $ref resolved."""
    node = _resolve(node, root)
    if len(node.get("allOf", ())) == 1:
        node = {**_resolve(node["allOf"][0], root), **{k: v for k, v in node.items() if k != "allOf"}}
    alternatives = node.get("anyOf") or node.get("oneOf")
    if alternatives:
        return [variant for alternative in alternatives for variant in _variants(alternative, root)]
    if isinstance(node.get("type"), list):
        return [{**node, "type": one} for one in node["type"]]
    return [node]


def _type_of(variant: Schema) -> str:
    if "type" in variant:
        return variant["type"]
    if "properties" in variant:
        return "object"
    values = variant.get("enum", [variant["const"]] if "const" in variant else None)
    if values:
        return {str: "string", bool: "boolean", int: "integer", float: "number"}.get(type(values[0]), "any")
    return "any"


def _types(variants: list[Schema]) -> frozenset[str]:
    """Types with their string formats: `date` to `date-time` is a retype like `string` to `integer`."""
    return frozenset(
        f"{_type_of(v)}:{v['format']}" if _type_of(v) == "string" and "format" in v else _type_of(v)
        for v in variants
    )


def _allowed_values(variants: list[Schema]) -> set[Any] | None:
    """The closed set of values the variants allow, or None when any non-null value is allowed."""
    values: set[Any] = set()
    for variant in variants:
        if _type_of(variant) == "null":
            continue
        if "const" in variant:
            values.add(variant["const"])
        elif "enum" in variant:
            values.update(variant["enum"])
        else:
            return None
    return values


def _enum_narrowing(old: list[Schema], new: list[Schema], path: str) -> list[BreakingChange]:
    old_values, new_values = _allowed_values(old), _allowed_values(new)
    if new_values is None or (old_values is not None and old_values <= new_values):
        return []
    dropped = "any value" if old_values is None else ", ".join(sorted(map(repr, old_values - new_values)))
    return [BreakingChange(path, "enum_narrowed", f"allowed values narrowed: {dropped} no longer allowed")]


def _show(types: frozenset[str]) -> str:
    return " | ".join(sorted(types)) or "any"
