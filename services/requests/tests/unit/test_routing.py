"""Routing: first match in order, municipality and form conditions, recipients resolved, fallback, explanation."""

from __future__ import annotations

import uuid

import pytest

from corridor_contracts.vocabulary import OrganizationKind as Kind
from corridor_requests.domain.errors import InvalidRoutingRules, NoRecipient
from corridor_requests.domain.routing import (
    Condition, Organization, Recipient, RoutingRule, RoutingSubject, check_rules, route,
)


def org(name, kind, **extra) -> Organization:
    return Organization(uuid.uuid4(), kind, name, **extra)


AGENCY = org("АЭРЛО", Kind.AGENCY, short_code="aerlo")
VYBORG = org("Администрация Выборгского района", Kind.MUNICIPALITY, short_code="vyborg", municipality_code="vyborgsky")
GATCHINA = org("Администрация Гатчинского района", Kind.MUNICIPALITY, municipality_code="gatchinsky")
LENENERGO = org("Россети Ленэнерго", Kind.SUPPLIER, short_code="lenenergo", resources=frozenset({"electricity"}))
LOCAL_GRID = org("Выборгская электросеть", Kind.SUPPLIER, short_code="vyborg-grid", municipality_code="vyborgsky",
                 resources=frozenset({"electricity"}))
GAS = org("Газпром газораспределение ЛО", Kind.SUPPLIER, short_code="gaz-lo", resources=frozenset({"gas"}))
DIRECTORY = [AGENCY, VYBORG, GATCHINA, LENENERGO, LOCAL_GRID, GAS]


def subject(type_code="gpzu", municipality="vyborgsky", kind=Kind.MUNICIPALITY, **payload) -> RoutingSubject:
    return RoutingSubject(type_code, kind, municipality, payload)


def rule(rule_id, name, by, value=None, *, types=(), municipalities=(), conditions=()) -> RoutingRule:
    return RoutingRule(rule_id, name, Recipient(by, value), frozenset(types), frozenset(municipalities),
                       tuple(conditions))


GRID = {"type_code": "grid-connection", "kind": Kind.SUPPLIER}
RULES = [
    rule("gpzu-gatchina", "Гатчинский район → администрация", "project_municipality", types=["gpzu"],
         municipalities=["gatchinsky"]),
    rule("grid-small", "до 150 кВт → местная сеть", "supplier_of", "electricity", types=["grid-connection"],
         conditions=[Condition("max_power_kw", "le", 150)]),
    rule("vyborg-all", "Выборгский район → администрация", "short_code", "vyborg", municipalities=["vyborgsky"]),
    rule("grid-big", "свыше 150 кВт → Ленэнерго", "short_code", "lenenergo", types=["grid-connection"]),
]


def test_the_first_matching_rule_wins_and_says_why() -> None:
    decision = route(subject("gpzu", "vyborgsky"), RULES, DIRECTORY, AGENCY)
    assert decision.recipient == VYBORG and decision.rule_id == "vyborg-all"
    assert decision.explanation == ("rule #3 'Выборгский район → администрация' matched: municipality=vyborgsky "
                                    "→ «Администрация Выборгского района»")


def test_rule_order_decides_between_two_rules_that_both_match() -> None:
    both = [rule("by-code", "Гатчина по коду", "short_code", "vyborg", municipalities=["gatchinsky"]),
            *RULES]
    assert route(subject("gpzu", "gatchinsky"), RULES, DIRECTORY, AGENCY).recipient == GATCHINA
    assert route(subject("gpzu", "gatchinsky"), both, DIRECTORY, AGENCY).rule_id == "by-code"


def test_the_municipality_of_the_project_selects_the_rule_and_its_administration() -> None:
    decision = route(subject("gpzu", "gatchinsky"), RULES, DIRECTORY, AGENCY)
    assert decision.recipient == GATCHINA
    assert "type=gpzu, municipality=gatchinsky" in decision.explanation


def test_form_conditions_split_by_power_and_the_local_supplier_is_preferred() -> None:
    small = route(subject(**GRID, municipality="vyborgsky", max_power_kw=150), RULES, DIRECTORY, AGENCY)
    assert small.recipient == LOCAL_GRID and "max_power_kw=150 ≤ 150" in small.explanation
    elsewhere = route(subject(**GRID, municipality="luzhsky", max_power_kw=100), RULES, DIRECTORY, AGENCY)
    assert elsewhere.recipient == LENENERGO  # the only region-wide electricity supplier outside Vyborg
    # In Vyborg a 400 kW connection skips the small-power rule; the all-types Vyborg rule names a
    # municipality, which grid requests do not go to, so the big-power rule takes it.
    big = route(subject(**GRID, municipality="vyborgsky", max_power_kw=400), RULES, DIRECTORY, AGENCY)
    assert big.recipient == LENENERGO and big.rule_id == "grid-big"
    assert "rule #3 'Выборгский район → администрация' matched but was skipped: «Администрация Выборгского " \
           "района» is a municipality, grid-connection goes to a supplier" in big.explanation


def test_a_condition_on_a_missing_or_mistyped_field_does_not_match() -> None:
    assert not Condition("max_power_kw", "le", 150).holds({})
    assert not Condition("max_power_kw", "le", 150).holds({"max_power_kw": "сто"})
    assert Condition("category", "in", ["I", "II"]).holds({"category": "II"})
    assert Condition("temporary", "eq", True).holds({"temporary": True})


def test_when_no_rule_matches_the_agency_queue_takes_it_and_the_explanation_says_so() -> None:
    decision = route(subject("general-question", "luzhsky", Kind.AGENCY), RULES, DIRECTORY, AGENCY)
    assert decision.recipient == AGENCY and decision.rule_id is None
    assert decision.explanation == ("no rule matched type=general-question, municipality=luzhsky (4 rules checked); "
                                    "fallback to the agency queue → «АЭРЛО»")


def test_a_rule_whose_recipient_is_unknown_is_skipped_visibly() -> None:
    missing = [rule("gas", "Газ → ПСК", "short_code", "psk-gas", types=["gas-connection"])]
    decision = route(subject("gas-connection", "luzhsky", Kind.SUPPLIER), missing, DIRECTORY, AGENCY)
    assert decision.recipient == AGENCY
    assert "rule #1 'Газ → ПСК' matched but was skipped: no organisation is organisation 'psk-gas'" \
        in decision.explanation


def test_two_candidate_suppliers_are_ambiguous_and_skipped() -> None:
    second = org("Ещё одна сеть", Kind.SUPPLIER, municipality_code="vyborgsky", resources=frozenset({"electricity"}))
    decision = route(subject(**GRID, municipality="vyborgsky", max_power_kw=10), RULES[1:2], [*DIRECTORY, second],
                     AGENCY)
    assert decision.recipient == AGENCY and "more than one organisation" in decision.explanation


def test_a_rule_can_name_an_organisation_by_id() -> None:
    by_id = [rule("fixed", "всё газовое → газовики", "organization_id", str(GAS.organization_id))]
    assert route(subject("gas-connection", "kirovsky", Kind.SUPPLIER), by_id, DIRECTORY, AGENCY).recipient == GAS


def test_without_a_match_and_without_an_agency_there_is_no_recipient() -> None:
    with pytest.raises(NoRecipient):
        route(subject("general-question", kind=Kind.AGENCY), RULES, DIRECTORY, None)


@pytest.mark.parametrize(("rules", "problem"), [
    ([rule("a", "one", "project_municipality"), rule("a", "two", "project_municipality")], "used twice"),
    ([rule("Bad Id", "x", "project_municipality")], "must be lower-case"),
    ([rule("a", "  ", "project_municipality")], "needs a name"),
    ([rule("a", "x", "short_code")], "needs a value"),
    ([rule("a", "x", "organization_id", "not-a-uuid")], "not a UUID"),
    ([rule("a", "x", "project_municipality", conditions=[Condition("f", "in", 3)])], "needs a list"),
])
def test_rule_sets_an_editor_could_not_have_meant_are_refused(rules, problem) -> None:
    with pytest.raises(InvalidRoutingRules) as raised:
        check_rules(rules)
    assert problem in raised.value.detail


def test_a_sensible_rule_set_passes_the_check() -> None:
    check_rules(RULES)
