"""Forms: typed values out of what a person typed, and the services' complaints put next to fields.

Why: a form must keep everything typed when something is wrong, and say what is wrong beside the
field it concerns. Values that are not even of the right kind (letters in a number) are caught here
before anything is sent; everything else is the services' judgement, whose problem+json `errors`
(pydantic-style `loc`) or `missing` lists are mapped back to the form's field names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class FieldError:
    type: str  # what kind of mistake: missing, invalid, number, integer, date, … (an i18n key error.<type>)
    msg: str = ""  # the service's own wording, shown when there is no translation for the type


class NotOfKind(ValueError):
    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def coerce(kind: str, raw: str) -> Any:
    """A typed value from the text of one input; raises NotOfKind naming what was expected."""
    raw = raw.strip()
    if kind in ("text", "textarea", "choice"):
        return raw
    if kind == "integer":
        try:
            return int(raw.replace(" ", "").replace("\u202f", ""))
        except ValueError:
            raise NotOfKind("integer") from None
    if kind == "number":
        try:
            return float(raw.replace(" ", "").replace("\u202f", "").replace(",", "."))
        except ValueError:
            raise NotOfKind("number") from None
    if kind == "date":
        try:
            return date.fromisoformat(raw).isoformat()
        except ValueError:
            raise NotOfKind("date") from None
    if kind == "boolean":
        return raw.lower() in ("1", "true", "on", "yes", "да")
    if kind == "list":
        return [part for part in raw.replace(";", ",").replace(" ", ",").split(",") if part]
    raise ValueError(f"unknown field kind {kind}")


PYDANTIC_TYPES = {
    "missing": "missing", "string_pattern_mismatch": "format", "float_parsing": "number", "int_parsing": "integer",
    "int_from_float": "integer", "date_parsing": "date", "date_from_datetime_parsing": "date",
    "greater_than_equal": "too_small", "greater_than": "too_small", "less_than_equal": "too_large",
    "less_than": "too_large", "string_too_long": "too_long", "string_too_short": "missing", "too_long": "too_many",
    "enum": "choice", "literal_error": "choice", "uuid_parsing": "invalid", "extra_forbidden": "invalid",
}


def field_path(loc: Any) -> str:
    """`["body", "applicant", "inn"]` or `"payload.max_power_kw"` → `applicant.inn`, `payload.max_power_kw`."""
    parts = loc.split(".") if isinstance(loc, str) else [str(part) for part in loc]
    while parts and parts[0] in ("body", "query"):
        parts = parts[1:]
    return ".".join(parts)


def errors_from_problem(body: Mapping[str, Any], *, renames: Mapping[str, str] | None = None,
                        slug_fields: Mapping[str, str] | None = None) -> dict[str, FieldError]:
    """Field errors from a problem document: its `errors` list, `missing` documents, or a slug that
    names one field (identity's `invalid-inn` is about the INN). Unplaced errors go under "" (the form)."""
    found: dict[str, FieldError] = {}
    for error in body.get("errors") or ():
        path = field_path(error.get("loc", ()))
        path = (renames or {}).get(path, path)
        kind = PYDANTIC_TYPES.get(str(error.get("type")), str(error.get("type") or "invalid"))
        found.setdefault(path, FieldError(kind, str(error.get("msg") or "")))
    for document in body.get("missing") or ():
        if isinstance(document, Mapping) and "code" in document:
            found.setdefault(f"document.{document['code']}", FieldError("document_missing", str(document.get("title"))))
    slug = str(body.get("type", "")).rpartition(":")[2]
    if not found and slug in (slug_fields or {}):
        found[slug_fields[slug]] = FieldError(slug, str(body.get("detail") or body.get("title") or ""))
    if not found:
        found[""] = FieldError(slug or "invalid", str(body.get("detail") or body.get("title") or ""))
    return found
