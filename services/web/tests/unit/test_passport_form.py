"""The passport form: flat inputs to the nested passport and back, keeping every typed character."""

from __future__ import annotations

from starlette.datastructures import FormData

from corridor_web.domain.forms import FieldError
from corridor_web.domain.passport_form import FIELDS, MIN_INVESTMENT_ROWS, read_form, values_of


def form(**values: object) -> FormData:
    items = []
    for name, value in values.items():
        for one in value if isinstance(value, list) else [value]:
            items.append((name.replace("__", "."), one))
    return FormData(items)


def test_typed_inputs_become_the_nested_passport_with_typed_values() -> None:
    typed = read_form(form(**{
        "applicant.inn": " 7707083893 ", "applicant.okved_codes": "10.51, 46.33", "project.name": "Завод",
        "utilities.electric_power_kw": "1200,5", "jobs_created": "180", "phases.investment_starts_on": "2026-01-01",
        "support_requested": ["tax_relief", "not-a-measure"], "site.municipality_code": "41612000",
        "investment.0.year": "", "investment.0.own_rub": "", "investment.0.borrowed_rub": "",
        "investment.1.year": "2026", "investment.1.own_rub": "400", "investment.1.borrowed_rub": ""}))
    assert typed.errors == {}
    assert typed.passport == {
        "applicant": {"inn": "7707083893", "okved_codes": ["10.51", "46.33"]}, "project": {"name": "Завод"},
        "utilities": {"electric_power_kw": 1200.5}, "jobs_created": 180,
        "phases": {"investment_starts_on": "2026-01-01"}, "support_requested": ["tax_relief"],
        "site": {"municipality_code": "41612000"}, "investment": [{"year": 2026, "own_rub": 400}]}
    # the service numbers the investment list without the empty row; its complaints return to row 1
    assert typed.renames["investment.0.year"] == "investment.1.year"
    assert typed.investment_rows == MIN_INVESTMENT_ROWS


def test_text_that_is_not_a_number_is_an_error_and_is_kept_as_typed() -> None:
    typed = read_form(form(**{"utilities.gas_m3_per_hour": "много", "project.name": "Завод",
                              "investment.0.year": "двадцать шестой"}))
    assert typed.errors == {"utilities.gas_m3_per_hour": FieldError("number"),
                            "investment.0.year": FieldError("integer")}
    assert typed.values["utilities.gas_m3_per_hour"] == "много"
    assert typed.values["investment.0.year"] == "двадцать шестой"
    assert typed.values["project.name"] == "Завод"


def test_a_saved_passport_fills_the_form_again() -> None:
    saved = {"applicant": {"okved_codes": ["10.51", "46.33"], "contact": {"phone": "+7 812 555-01-02"}},
             "site": {"land_area_ha": 6.0}, "support_requested": ["tax_relief"],
             "investment": [{"year": 2026, "own_rub": 1, "borrowed_rub": 2}] * 3}
    values, rows = values_of(saved)
    assert values["applicant.okved_codes"] == "10.51, 46.33"
    assert values["applicant.contact.phone"] == "+7 812 555-01-02"
    assert values["site.land_area_ha"] == "6"
    assert values["support_requested"] == ["tax_relief"]
    assert values["investment.2.borrowed_rub"] == "2"
    assert rows == 4  # one empty row to add a year
    assert set(FIELDS) <= set(values)
    assert read_form(form(**{k: v for k, v in values.items() if v not in ("", [])})).passport["applicant"] == {
        "okved_codes": ["10.51", "46.33"], "contact": {"phone": "+7 812 555-01-02"}}
