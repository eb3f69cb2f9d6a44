"""The shipped request types and routing rules: well formed, and every type reaches a body of its kind.

Why: the seed files are data nobody compiles; a type whose rule names an unknown type, or whose rule
sends it to the wrong kind of organisation, would quietly land in the agency's queue.
"""

from __future__ import annotations

import uuid

import pytest
import yaml

from corridor_contracts.vocabulary import OrganizationKind as Kind
from corridor_requests.adapters.catalogue_store import SEED_DIR, request_type_from_dict, rule_from_dict
from corridor_requests.domain.catalogue import FormField, RequestType, validate_payload
from corridor_requests.domain.routing import Organization, RoutingSubject, check_rules, route

TYPES = [request_type_from_dict(data) for data in
         yaml.safe_load((SEED_DIR / "request_types.yaml").read_text(encoding="utf-8"))]
RULES = [rule_from_dict(data) for data in yaml.safe_load((SEED_DIR / "routing_rules.yaml").read_text(encoding="utf-8"))]
DISTRICT = "41618000"


def org(name: str, kind: Kind, short_code: str | None = None, **extra) -> Organization:
    return Organization(uuid.uuid4(), kind, name, short_code=short_code, **extra)


AGENCY = org("АЭРЛО", Kind.AGENCY, "aerlo")
# The region as identity's reference data describes it (short codes are what the rules name).
REGION = [
    AGENCY, org("Администрация Гатчинского района", Kind.MUNICIPALITY, municipality_code=DISTRICT),
    org("Россети Ленэнерго", Kind.SUPPLIER, "lenenergo", resources=frozenset({"electricity"})),
    org("Газпром газораспределение ЛО", Kind.SUPPLIER, "gazprom-lo", resources=frozenset({"gas"})),
    org("Леноблводоканал", Kind.SUPPLIER, "lenoblvodokanal", resources=frozenset({"water", "sewerage"})),
    org("Леноблтеплоснаб", Kind.SUPPLIER, "lenobltepl", resources=frozenset({"heat"})),
    org("Госстройнадзор ЛО", Kind.REGIONAL_BODY, "gosstroynadzor-lo"),
    org("ГКУ «Ленавтодор»", Kind.REGIONAL_BODY, "lenavtodor"),
    org("Управление Росреестра по ЛО", Kind.FEDERAL_BODY, "rosreestr-lo"),
]


def acceptable(form_field: FormField) -> str | float | bool:
    if form_field.choices:
        return form_field.choices[0]
    if form_field.type in ("number", "integer"):
        return max(form_field.minimum or 0, 1)
    return True if form_field.type == "boolean" else "47:23:0000000:1234"


def filled_form(request_type: RequestType, **values) -> dict:
    """A form with every required field filled, checked as a submission would be."""
    form = {f.code: acceptable(f) for f in request_type.form_fields if f.required}
    return validate_payload(request_type, form | values)


def test_the_seed_files_are_well_formed_and_rules_name_only_shipped_types() -> None:
    check_rules(RULES)
    codes = {request_type.code for request_type in TYPES}
    assert len(codes) == len(TYPES)
    unknown = {(rule.rule_id, code) for rule in RULES for code in rule.request_types if code not in codes}
    assert not unknown, f"rules name types the catalogue lacks: {sorted(unknown)}"


@pytest.mark.parametrize("request_type", [t for t in TYPES if t.recipient_kind is not Kind.AGENCY],
                         ids=lambda request_type: request_type.code)
def test_every_shipped_type_is_routed_to_a_body_of_its_kind(request_type: RequestType) -> None:
    decision = route(RoutingSubject(request_type.code, request_type.recipient_kind, DISTRICT,
                                    filled_form(request_type)), RULES, REGION, AGENCY)
    assert decision.rule_id is not None, decision.explanation
    assert decision.recipient.kind is request_type.recipient_kind


@pytest.mark.parametrize(("power_kw", "rule_id"), [(150, "grid-up-to-150kw"), (1200, "grid-over-150kw")])
def test_one_grid_connection_type_serves_both_algorithms_and_power_decides_the_rule(power_kw, rule_id) -> None:
    grid = next(t for t in TYPES if t.code == "grid-connection")
    assert {(s.algorithm_code, s.step) for s in grid.roadmap_steps} == {
        ("grid-connection-150kw", "application"), ("grid-connection-over-150kw", "application")}
    decision = route(RoutingSubject(grid.code, grid.recipient_kind, DISTRICT,
                                    filled_form(grid, max_power_kw=power_kw)), RULES, REGION, AGENCY)
    assert decision.rule_id == rule_id
