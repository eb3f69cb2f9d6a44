"""The request types catalogue: what an investor may ask, of whom, and what the form must contain.

Why: the catalogue is data the agency edits (new request types appear without a release), but the
rules it imposes are code: the form fields a type declares are checked on submission, the documents
it requires must be attached, and the recipient kind it names keeps routing honest.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from corridor_contracts.vocabulary import OrganizationKind

from .errors import InvalidPayload, InvalidRequestType, MissingDocuments

FieldType = Literal["integer", "number", "string", "boolean"]
FormValue = str | int | float | bool | None
CODE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


@dataclass(frozen=True)
class FormField:
    code: str
    label: str
    type: FieldType
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    max_length: int = 2000


@dataclass(frozen=True)
class RequiredDocument:
    code: str
    title: str


@dataclass(frozen=True)
class RoadmapStep:
    """A step of the investment rules (СИП) a request of this type serves, by the projects service's codes.

    A type may serve several: one grid connection application serves both the up-to-150 kW and the
    above-150 kW algorithms.
    """

    algorithm_code: str
    step: str  # the step's code within the algorithm


@dataclass(frozen=True)
class RequestType:
    code: str
    name: str
    recipient_kind: OrganizationKind
    sla_policy_code: str
    target_working_days: int
    description: str = ""
    required_documents: tuple[RequiredDocument, ...] = ()
    form_fields: tuple[FormField, ...] = ()
    roadmap_steps: tuple[RoadmapStep, ...] = ()
    active: bool = True

    def __post_init__(self) -> None:
        problems = []
        if not CODE.fullmatch(self.code):
            problems.append(f"code {self.code!r} must be lower-case letters, digits and dashes")
        if not 1 <= self.target_working_days <= 60:
            problems.append("target_working_days must be between 1 and 60")
        for duplicates, what in ((_repeated(f.code for f in self.form_fields), "form field"),
                                 (_repeated(d.code for d in self.required_documents), "required document"),
                                 (_repeated(f"{s.algorithm_code}/{s.step}" for s in self.roadmap_steps),
                                  "roadmap step")):
            problems += [f"{what} {code!r} is declared twice" for code in duplicates]
        for form_field in self.form_fields:
            if form_field.minimum is not None and form_field.maximum is not None \
                    and form_field.minimum > form_field.maximum:
                problems.append(f"form field {form_field.code!r}: minimum is above maximum")
        if problems:
            raise InvalidRequestType("; ".join(problems), errors=problems)


def validate_payload(request_type: RequestType, payload: Mapping[str, Any]) -> dict[str, FormValue]:
    """The payload with only declared fields, each checked against its declaration; else InvalidPayload."""
    errors: list[dict[str, str]] = []
    declared = {form_field.code: form_field for form_field in request_type.form_fields}
    for unknown in sorted(set(payload) - set(declared)):
        errors.append({"loc": f"payload.{unknown}", "msg": f"{request_type.code} has no field {unknown!r}"})
    clean: dict[str, FormValue] = {}
    for code, form_field in declared.items():
        value = payload.get(code)
        if value is None:
            if form_field.required:
                errors.append({"loc": f"payload.{code}", "msg": f"{form_field.label} is required"})
            continue
        problem = _check(form_field, value)
        if problem:
            errors.append({"loc": f"payload.{code}", "msg": problem})
        else:
            clean[code] = value
    if errors:
        raise InvalidPayload("; ".join(f"{e['loc']}: {e['msg']}" for e in errors), errors=errors)
    return clean


def _check(form_field: FormField, value: object) -> str | None:
    if form_field.type == "boolean":
        return None if isinstance(value, bool) else "must be true or false"
    if form_field.type == "string":
        if not isinstance(value, str):
            return "must be text"
        if len(value) > form_field.max_length:
            return f"must be at most {form_field.max_length} characters"
        if form_field.choices and value not in form_field.choices:
            return f"must be one of {', '.join(form_field.choices)}"
        return None
    numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
    if not numeric or (form_field.type == "integer" and not isinstance(value, int)):
        return "must be a whole number" if form_field.type == "integer" else "must be a number"
    if isinstance(value, float) and not math.isfinite(value):
        return "must be a finite number"
    if form_field.minimum is not None and value < form_field.minimum:
        return f"must be at least {form_field.minimum:g}"
    if form_field.maximum is not None and value > form_field.maximum:
        return f"must be at most {form_field.maximum:g}"
    return None


def ensure_required_documents(request_type: RequestType, attached_kinds: Iterable[str | None]) -> None:
    kinds = set(attached_kinds)
    missing = [document for document in request_type.required_documents if document.code not in kinds]
    if missing:
        raise MissingDocuments(
            "attach: " + "; ".join(f"{d.title} ({d.code})" for d in missing),
            missing=[{"code": d.code, "title": d.title} for d in missing])


def _repeated(codes: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    return sorted({code for code in codes if code in seen or seen.add(code)})
