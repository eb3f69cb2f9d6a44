"""Forms: typed values from typed text, and services' complaints placed next to the right field."""

from __future__ import annotations

import pytest

from corridor_web.domain.forms import FieldError, NotOfKind, coerce, errors_from_problem, field_path


@pytest.mark.parametrize(("kind", "raw", "value"), [
    ("integer", " 1 200 ", 1200), ("number", "12,5", 12.5), ("number", "1\u202f000.25", 1000.25),
    ("date", "2026-03-01", "2026-03-01"), ("list", "10.51, 46.33;01.1", ["10.51", "46.33", "01.1"]),
    ("boolean", "on", True), ("boolean", "", False), ("text", "  ООО «Ромашка» ", "ООО «Ромашка»"),
])
def test_text_becomes_the_value_of_its_kind(kind: str, raw: str, value: object) -> None:
    assert coerce(kind, raw) == value


@pytest.mark.parametrize(("kind", "raw"), [("integer", "12.5"), ("number", "много"), ("date", "01.03.2026")])
def test_text_of_the_wrong_kind_is_named_for_what_was_expected(kind: str, raw: str) -> None:
    with pytest.raises(NotOfKind) as wrong:
        coerce(kind, raw)
    assert wrong.value.kind == kind


def test_locations_of_pydantic_and_of_the_requests_service_become_field_names() -> None:
    assert field_path(["body", "applicant", "inn"]) == "applicant.inn"
    assert field_path(["body", "investment", 1, "year"]) == "investment.1.year"
    assert field_path("payload.max_power_kw") == "payload.max_power_kw"


def test_validation_errors_land_on_their_fields_with_a_kind_the_page_can_translate() -> None:
    problem = {"type": "urn:green-corridor:problem:validation-error", "errors": [
        {"loc": ["body", "utilities", "electric_power_kw"], "msg": "Input should be a valid number",
         "type": "float_parsing"},
        {"loc": ["body", "investment", 0, "year"], "msg": "too small", "type": "greater_than_equal"}]}
    found = errors_from_problem(problem, renames={"investment.0.year": "investment.2.year"})
    assert found == {"utilities.electric_power_kw": FieldError("number", "Input should be a valid number"),
                     "investment.2.year": FieldError("too_small", "too small")}


def test_missing_documents_and_slugs_that_name_a_field_are_placed_too() -> None:
    missing = {"type": "urn:green-corridor:problem:missing-documents", "detail": "attach: …",
               "missing": [{"code": "site-plan", "title": "План"}]}
    assert errors_from_problem(missing) == {"document.site-plan": FieldError("document_missing", "План")}
    inn = {"type": "urn:green-corridor:problem:invalid-inn", "title": "The INN is not valid", "detail": "check digit"}
    assert errors_from_problem(inn, slug_fields={"invalid-inn": "company.inn"}) == {
        "company.inn": FieldError("invalid-inn", "check digit")}


def test_a_complaint_about_no_field_in_particular_belongs_to_the_whole_form() -> None:
    conflict = {"type": "urn:green-corridor:problem:project-not-accepted", "title": "Not accepted"}
    assert errors_from_problem(conflict) == {"": FieldError("project-not-accepted", "Not accepted")}
