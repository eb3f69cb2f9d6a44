"""A request type's form and required documents are enforced on submission."""

from __future__ import annotations

import pytest

from corridor_contracts.vocabulary import OrganizationKind
from corridor_requests.domain.catalogue import (
    FormField, RequestType, RequiredDocument, RoadmapStep, ensure_required_documents, validate_payload,
)
from corridor_requests.domain.errors import InvalidPayload, InvalidRequestType, MissingDocuments

GRID = RequestType(
    code="grid-connection", name="Техприсоединение", recipient_kind=OrganizationKind.SUPPLIER,
    sla_policy_code="supplier-7wd", target_working_days=7,
    required_documents=(RequiredDocument("site-plan", "План"), RequiredDocument("title-document", "Право")),
    form_fields=(FormField("max_power_kw", "Мощность", "number", required=True, minimum=0.1, maximum=100_000),
                 FormField("phases", "Фазы", "integer", minimum=1, maximum=3),
                 FormField("category", "Категория", "string", choices=("I", "II", "III")),
                 FormField("temporary", "Временное", "boolean")))


def test_a_correct_form_passes_and_undeclared_empties_are_dropped() -> None:
    payload = {"max_power_kw": 150, "phases": 3, "category": "III", "temporary": False, "phases_note": None}
    with pytest.raises(InvalidPayload):  # an undeclared field is a mistake even when empty
        validate_payload(GRID, payload)
    payload.pop("phases_note")
    assert validate_payload(GRID, payload) == payload
    assert validate_payload(GRID, {"max_power_kw": 15.5, "phases": None}) == {"max_power_kw": 15.5}


@pytest.mark.parametrize(("payload", "where", "message"), [
    ({}, "payload.max_power_kw", "is required"),
    ({"max_power_kw": "150"}, "payload.max_power_kw", "must be a number"),
    ({"max_power_kw": True}, "payload.max_power_kw", "must be a number"),
    ({"max_power_kw": 0}, "payload.max_power_kw", "at least 0.1"),
    ({"max_power_kw": 10**9}, "payload.max_power_kw", "at most 100000"),
    ({"max_power_kw": float("inf")}, "payload.max_power_kw", "finite"),
    ({"max_power_kw": 1, "phases": 2.5}, "payload.phases", "whole number"),
    ({"max_power_kw": 1, "category": "IV"}, "payload.category", "one of I, II, III"),
    ({"max_power_kw": 1, "temporary": "yes"}, "payload.temporary", "true or false"),
    ({"max_power_kw": 1, "colour": "green"}, "payload.colour", "has no field"),
])
def test_each_wrong_field_is_reported_where_it_is(payload, where, message) -> None:
    with pytest.raises(InvalidPayload) as raised:
        validate_payload(GRID, payload)
    assert [error["loc"] for error in raised.value.extensions["errors"]] == [where]
    assert message in raised.value.detail


def test_missing_required_documents_are_named() -> None:
    ensure_required_documents(GRID, ["site-plan", "title-document", None])
    with pytest.raises(MissingDocuments) as raised:
        ensure_required_documents(GRID, ["site-plan", None])
    assert raised.value.extensions["missing"] == [{"code": "title-document", "title": "Право"}]


@pytest.mark.parametrize(("changes", "problem"), [
    ({"code": "Grid Connection"}, "lower-case"),
    ({"target_working_days": 0}, "between 1 and 60"),
    ({"form_fields": (FormField("a", "A", "number"), FormField("a", "B", "string"))}, "declared twice"),
    ({"required_documents": (RequiredDocument("x", "X"), RequiredDocument("x", "Y"))}, "declared twice"),
    ({"form_fields": (FormField("a", "A", "number", minimum=5, maximum=1),)}, "minimum is above maximum"),
    ({"roadmap_steps": (RoadmapStep("gpzu", "issue"), RoadmapStep("gpzu", "issue"))},
     "roadmap step 'gpzu/issue' is declared twice"),
])
def test_a_request_type_that_cannot_work_is_refused(changes, problem) -> None:
    fields = {**vars(GRID), **changes}
    with pytest.raises(InvalidRequestType) as raised:
        RequestType(**fields)
    assert problem in raised.value.detail
