"""What a passport needs before the agency can review it, said field by field.

Why separate from the passport model: a draft may be incomplete, so the model accepts missing values;
submission asks this module, which lists every missing or inconsistent field at once (not the first
one), by path, so a web form can show each message next to its field.
"""

from __future__ import annotations

from collections.abc import Iterator

from .errors import FieldProblem
from .identifiers import is_entrepreneur
from .passport import Passport

REQUIRED: tuple[tuple[str, ...], ...] = tuple(tuple(path.split(".")) for path in (
    "applicant.full_name", "applicant.short_name", "applicant.legal_form", "applicant.inn", "applicant.ogrn",
    "applicant.okved_codes", "applicant.address", "applicant.contact.full_name", "applicant.contact.phone",
    "applicant.contact.email",
    "project.name", "project.description", "project.industry_okved", "project.stage",
    "site.municipality_code", "site.address", "site.land_area_ha",
    "investment", "jobs_created",
    "phases.investment_starts_on", "phases.investment_ends_on", "phases.operation_starts_on",
    "utilities.electric_power_kw", "utilities.gas_m3_per_hour", "utilities.water_m3_per_day",
    "utilities.sewerage_m3_per_day", "utilities.heat_gcal_per_hour",
    "support_requested",
))


def passport_problems(passport: Passport) -> list[FieldProblem]:
    """Everything that stands between this passport and submission; empty when it is complete."""
    missing = [FieldProblem(path, "missing", "required") for path in REQUIRED if _empty(_value_at(passport, path))]
    return missing + list(_inconsistencies(passport))


def _value_at(passport: Passport, path: tuple[str, ...]) -> object:
    value: object = passport
    for name in path:
        value = getattr(value, name, None)
        if value is None:
            return None
    return value


def _empty(value: object) -> bool:
    return value is None or value == []


def _inconsistencies(passport: Passport) -> Iterator[FieldProblem]:
    applicant = passport.applicant
    if applicant and applicant.inn:
        entrepreneur = is_entrepreneur(applicant.inn)
        if applicant.ogrn and entrepreneur != (len(applicant.ogrn) == 15):
            yield FieldProblem(("applicant", "ogrn"), "invalid",
                               "a 10-digit INN goes with a 13-digit OGRN, a 12-digit INN with a 15-digit OGRNIP")
        if not entrepreneur and not applicant.kpp:
            yield FieldProblem(("applicant", "kpp"), "missing", "required for an organisation")
        if entrepreneur and applicant.kpp:
            yield FieldProblem(("applicant", "kpp"), "invalid", "an entrepreneur has no KPP")
    yield from _investment_problems(passport)
    yield from _phase_problems(passport)


def _investment_problems(passport: Passport) -> Iterator[FieldProblem]:
    if not passport.investment:
        return
    if passport.total_investment_rub == 0:
        yield FieldProblem(("investment",), "invalid", "the total investment must be more than zero")
    phases = passport.phases
    first = phases.investment_starts_on if phases else None
    last = phases.investment_ends_on if phases else None
    seen: set[int] = set()
    for index, year in enumerate(passport.investment):
        if year.year in seen:
            yield FieldProblem(("investment", index, "year"), "invalid", f"{year.year} is listed twice")
        elif first and last and first <= last and not first.year <= year.year <= last.year:
            yield FieldProblem(("investment", index, "year"), "invalid",
                               f"outside the investment phase ({first.year}–{last.year})")
        seen.add(year.year)


def _phase_problems(passport: Passport) -> Iterator[FieldProblem]:
    phases = passport.phases
    if not phases or not phases.investment_starts_on:
        return
    if phases.investment_ends_on and phases.investment_ends_on < phases.investment_starts_on:
        yield FieldProblem(("phases", "investment_ends_on"), "invalid", "before the investment phase starts")
    if phases.operation_starts_on and phases.operation_starts_on < phases.investment_starts_on:
        yield FieldProblem(("phases", "operation_starts_on"), "invalid", "before the investment phase starts")
