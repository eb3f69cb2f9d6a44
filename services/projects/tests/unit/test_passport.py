"""The passport: a draft may be partial, but what is there must be well-formed; submission needs it
complete and consistent, and says exactly which fields are missing or wrong."""

import pytest
from pydantic import ValidationError

from corridor_projects.domain.completeness import REQUIRED, passport_problems
from corridor_projects.domain.passport import Passport


def problems_of(data: dict) -> dict[str, str]:
    return {problem.pointer: problem.type for problem in passport_problems(Passport.model_validate(data))}


def field_errors(data: dict) -> dict[tuple, str]:
    with pytest.raises(ValidationError) as raised:
        Passport.model_validate(data)
    return {error["loc"]: error["type"] for error in raised.value.errors()}


class TestDrafts:
    def test_a_complete_passport_has_nothing_missing(self, passport):
        assert passport_problems(Passport.model_validate(passport)) == []

    def test_any_part_may_be_left_out_of_a_draft(self):
        draft = Passport.model_validate({"project": {"name": "Склад"}, "jobs_created": 12})
        assert draft.project.name == "Склад" and draft.applicant is None

    @pytest.mark.parametrize("change, loc", [
        ({"applicant": {"inn": "7707083894"}}, ("applicant", "inn")),
        ({"applicant": {"ogrn": "1027700132196"}}, ("applicant", "ogrn")),
        ({"applicant": {"kpp": "47030100"}}, ("applicant", "kpp")),
        ({"site": {"municipality_code": "45000000"}}, ("site", "municipality_code")),
        ({"site": {"cadastral_number": "47-07-123"}}, ("site", "cadastral_number")),
        ({"jobs_created": -1}, ("jobs_created",)),
        ({"jobs_created": "many"}, ("jobs_created",)),
        ({"utilities": {"electric_power_kw": 9_000_000}}, ("utilities", "electric_power_kw")),
        ({"investment": [{"year": 1999}]}, ("investment", 0, "year")),
        ({"phases": {"investment_starts_on": "next spring"}}, ("phases", "investment_starts_on")),
        ({"support_requested": ["free_money"]}, ("support_requested", 0)),
        ({"project": {"name": "   "}}, ("project", "name")),
        ({"project": {"title": "misspelt field"}}, ("project", "title")),
    ])
    def test_a_malformed_value_is_refused_even_in_a_draft(self, change, loc):
        assert loc in field_errors(change)


class TestSubmission:
    def test_an_empty_passport_lists_every_required_field_by_path(self):
        found = problems_of({})
        assert len(found) == len(REQUIRED)
        assert set(found.values()) == {"missing"}
        for pointer in ("#/applicant/inn", "#/applicant/contact/email", "#/site/municipality_code", "#/investment",
                        "#/phases/operation_starts_on", "#/utilities/heat_gcal_per_hour", "#/support_requested"):
            assert pointer in found

    def test_an_empty_list_counts_as_missing(self, passport):
        passport["support_requested"] = []
        passport["applicant"]["okved_codes"] = []
        assert problems_of(passport) == {"#/support_requested": "missing", "#/applicant/okved_codes": "missing"}

    def test_zero_is_an_answer_for_a_utility_the_project_does_not_need(self, passport):
        passport["utilities"]["gas_m3_per_hour"] = 0
        assert problems_of(passport) == {}

    def test_an_organisation_needs_a_kpp(self, passport):
        del passport["applicant"]["kpp"]
        assert problems_of(passport) == {"#/applicant/kpp": "missing"}

    def test_an_entrepreneur_has_a_12_digit_inn_a_15_digit_ogrnip_and_no_kpp(self, passport):
        passport["applicant"] |= {"inn": "470300000134", "ogrn": "304470300000014"}
        assert problems_of(passport) == {"#/applicant/kpp": "invalid"}
        del passport["applicant"]["kpp"]
        assert problems_of(passport) == {}

    def test_inn_and_ogrn_of_different_kinds_of_registrant_do_not_go_together(self, passport):
        passport["applicant"]["ogrn"] = "304470300000014"
        assert problems_of(passport) == {"#/applicant/ogrn": "invalid"}

    def test_the_investment_must_add_up_to_something(self, passport):
        passport["investment"] = [{"year": 2025, "own_rub": 0, "borrowed_rub": 0}]
        assert problems_of(passport) == {"#/investment": "invalid"}

    def test_each_year_of_investment_once_and_within_the_investment_phase(self, passport):
        passport["investment"] += [{"year": 2026, "own_rub": 1}, {"year": 2028, "own_rub": 1}]
        assert problems_of(passport) == {"#/investment/2/year": "invalid", "#/investment/3/year": "invalid"}

    def test_phases_run_forward(self, passport):
        passport["phases"] = {"investment_starts_on": "2025-03-01", "investment_ends_on": "2024-12-31",
                              "operation_starts_on": "2025-01-01"}
        assert problems_of(passport) == {"#/phases/investment_ends_on": "invalid",
                                         "#/phases/operation_starts_on": "invalid"}

    def test_total_investment_sums_every_year_and_source(self, passport):
        assert Passport.model_validate(passport).total_investment_rub == 1_200_000_000
