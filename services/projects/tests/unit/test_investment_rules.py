"""The shipped investment rules (СИП) of the Leningrad region, and what an algorithm must look like."""

from pathlib import Path

import pytest
from pydantic import ValidationError

import corridor_projects
from corridor_projects.domain.investment_rules import Algorithm, parse_catalogue

SHIPPED = Path(corridor_projects.__file__).parent / "investment_rules" / "leningrad-2025.yaml"


@pytest.fixture(scope="module")
def catalogue():
    return parse_catalogue(SHIPPED.read_text(encoding="utf-8"))


def step(catalogue, algorithm: str, code: str):
    found = next(a for a in catalogue.algorithms if a.code == algorithm)
    return next(s for s in found.steps if s.code == code)


def test_the_catalogue_has_the_typical_procedures(catalogue):
    assert {a.code for a in catalogue.algorithms} >= {
        "land-lease-without-auction", "land-lease-auction", "grid-connection-150kw", "grid-connection-over-150kw",
        "gas-connection", "water-sewerage-connection", "heat-connection", "gpzu", "construction-permit",
        "commissioning-permit", "title-registration"}
    assert catalogue.catalogue == "leningrad" and catalogue.version >= 1


@pytest.mark.parametrize("algorithm, code, term, unit, kind", [
    ("grid-connection-150kw", "application", 3, "working_days", "supplier"),
    ("grid-connection-150kw", "contract", 17, "working_days", "supplier"),
    ("grid-connection-150kw", "works", 365, "calendar_days", "supplier"),
    ("heat-connection", "capacity-enquiry", 5, "working_days", "supplier"),
    ("heat-connection", "technical-conditions", 7, "working_days", "supplier"),
    ("heat-connection", "contract", 20, "working_days", "supplier"),
    ("gpzu", "issue", 14, "working_days", "municipality"),
    ("construction-permit", "permit", 5, "working_days", "regional_body"),
    ("commissioning-permit", "permit", 5, "working_days", "regional_body"),
    ("title-registration", "registration", 7, "working_days", "federal_body"),
    ("land-lease-without-auction", "lease-decision", 20, "calendar_days", "municipality"),
])
def test_normative_terms_of_the_regional_rules(catalogue, algorithm, code, term, unit, kind):
    found = step(catalogue, algorithm, code)
    assert (found.term, found.term_unit, found.responsible_kind) == (term, unit, kind)


STEP = {"code": "issue", "title": "Выдача", "term": 5, "term_unit": "working_days", "responsible_kind": "municipality"}


@pytest.mark.parametrize("change, reason", [
    ({"steps": [STEP, STEP]}, "unique"),
    ({"steps": []}, "at least 1"),
    ({"steps": [STEP | {"term": -1}]}, "greater than or equal"),
    ({"steps": [STEP | {"term_unit": "hours"}]}, "working_days"),
    ({"steps": [STEP | {"responsible_kind": "mayor"}]}, "municipality"),
    ({"code": "Not A Code"}, "pattern"),
    ({"owner": "someone"}, "Extra inputs"),
])
def test_a_malformed_algorithm_is_refused(change, reason):
    with pytest.raises(ValidationError, match=reason):
        Algorithm.model_validate({"code": "gpzu", "title": "ГПЗУ", "steps": [STEP]} | change)
