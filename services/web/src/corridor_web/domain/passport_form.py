"""The project passport as an HTML form: its sections and fields, and the passport JSON each way.

Why here and not in the projects service: the service owns what a passport is and what makes it
complete (it lists every missing field when asked to submit); this module only says how the form lays
it out and turns flat inputs (`applicant.inn`, `investment.1.own_rub`) into the nested document and
back, keeping the text typed so that nothing is lost when a value is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from corridor_web.domain.forms import FieldError, NotOfKind, coerce

STAGES = ("idea", "feasibility", "design", "construction", "expansion")
SUPPORT_MEASURES = ("land_without_auction", "tax_relief", "preferential_loans", "infrastructure", "export_support")
INVESTMENT_FIELDS = ("year", "own_rub", "borrowed_rub")
MIN_INVESTMENT_ROWS = 3


@dataclass(frozen=True)
class Field:
    path: str  # also the input's name and the i18n key passport.<path>
    kind: str = "text"  # text, textarea, integer, number, date, choice, list, multi
    choices: tuple[str, ...] = ()  # none for municipalities: the page lists identity's directory
    hint: bool = False  # an i18n hint passport.<path>.hint exists


@dataclass(frozen=True)
class Section:
    key: str
    fields: tuple[Field, ...] = field(default_factory=tuple)


SECTIONS = (
    Section("applicant", (
        Field("applicant.full_name"), Field("applicant.short_name"), Field("applicant.legal_form", hint=True),
        Field("applicant.inn", hint=True), Field("applicant.ogrn", hint=True), Field("applicant.kpp"),
        Field("applicant.okved_codes", "list", hint=True), Field("applicant.address"),
        Field("applicant.headcount", "integer"), Field("applicant.state_support_received", "textarea"))),
    Section("contact", (
        Field("applicant.contact.full_name"), Field("applicant.contact.phone", hint=True),
        Field("applicant.contact.email"))),
    Section("project", (
        Field("project.name"), Field("project.description", "textarea"),
        Field("project.industry_okved", hint=True), Field("project.stage", "choice", STAGES),
        Field("project.design_capacity", hint=True), Field("jobs_created", "integer"))),
    Section("site", (
        Field("site.municipality_code", "choice"), Field("site.address"),
        Field("site.cadastral_number", hint=True), Field("site.land_area_ha", "number"),
        Field("site.coordinates.latitude", "number"), Field("site.coordinates.longitude", "number"))),
    Section("phases", (
        Field("phases.investment_starts_on", "date"), Field("phases.investment_ends_on", "date"),
        Field("phases.operation_starts_on", "date"))),
    Section("utilities", (
        Field("utilities.electric_power_kw", "number", hint=True), Field("utilities.gas_m3_per_hour", "number"),
        Field("utilities.water_m3_per_day", "number"), Field("utilities.sewerage_m3_per_day", "number"),
        Field("utilities.heat_gcal_per_hour", "number"))),
    Section("support", (Field("support_requested", "multi", SUPPORT_MEASURES),)),
)
FIELDS = {f.path: f for section in SECTIONS for f in section.fields}


class FormInput(Protocol):
    def get(self, key: str, default: Any = None) -> Any: ...
    def getlist(self, key: str) -> list[Any]: ...


@dataclass
class PassportForm:
    """What the person typed (kept as text), the passport built from it, and what was wrong."""

    values: dict[str, Any]
    investment_rows: int
    passport: dict[str, Any]
    errors: dict[str, FieldError]
    # The passport's investment list skips empty rows; its error paths are renamed to the form's rows.
    renames: dict[str, str]


def _put(document: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for name in parents:
        document = document.setdefault(name, {})
    document[last] = value


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def read_form(form: FormInput) -> PassportForm:
    values: dict[str, Any] = {}
    passport: dict[str, Any] = {}
    errors: dict[str, FieldError] = {}
    for path, spec in FIELDS.items():
        if spec.kind == "multi":
            chosen = [value for value in form.getlist(path) if value in spec.choices]
            values[path] = chosen
            if chosen:
                _put(passport, path, chosen)
            continue
        raw = _text(form.get(path)).strip()
        values[path] = raw
        if not raw:
            continue
        try:
            _put(passport, path, coerce(spec.kind, raw))
        except NotOfKind as wrong:
            errors[path] = FieldError(wrong.kind)
    rows, renames = _read_investment(form, values, passport, errors)
    return PassportForm(values, rows, passport, errors, renames)


def _read_investment(form: FormInput, values: dict[str, Any], passport: dict[str, Any],
                     errors: dict[str, FieldError]) -> tuple[int, dict[str, str]]:
    row_count = sum(1 for name in _form_keys(form) if name.startswith("investment.") and name.endswith(".year"))
    investment: list[dict[str, Any]] = []
    renames: dict[str, str] = {}
    for row in range(row_count):
        raw = {name: _text(form.get(f"investment.{row}.{name}")).strip() for name in INVESTMENT_FIELDS}
        values.update({f"investment.{row}.{name}": text for name, text in raw.items()})
        if not any(raw.values()):
            continue
        entry: dict[str, Any] = {}
        for name, text in raw.items():
            if not text:
                continue
            try:
                entry[name] = coerce("integer", text)
            except NotOfKind:
                errors[f"investment.{row}.{name}"] = FieldError("integer")
        renames.update({f"investment.{len(investment)}.{name}": f"investment.{row}.{name}"
                        for name in INVESTMENT_FIELDS})
        renames[f"investment.{len(investment)}"] = f"investment.{row}.year"
        investment.append(entry)
    if investment:
        passport["investment"] = investment
    return max(row_count, MIN_INVESTMENT_ROWS), renames


def _form_keys(form: FormInput) -> Iterable[str]:
    keys = getattr(form, "keys", None)
    return list(keys()) if keys else []


def values_of(passport: dict[str, Any] | None) -> tuple[dict[str, Any], int]:
    """The form's text values for a saved passport, and how many investment rows to show."""
    passport = passport or {}
    values: dict[str, Any] = {}
    for path, spec in FIELDS.items():
        value: Any = passport
        for name in path.split("."):
            value = value.get(name) if isinstance(value, dict) else None
        if spec.kind == "multi":
            values[path] = list(value or [])
        elif spec.kind == "list":
            values[path] = ", ".join(value or [])
        elif isinstance(value, float) and value.is_integer():
            values[path] = str(int(value))
        else:
            values[path] = _text(value)
    years = passport.get("investment") or []
    for row, entry in enumerate(years):
        for name in INVESTMENT_FIELDS:
            values[f"investment.{row}.{name}"] = _text(entry.get(name))
    return values, max(len(years) + 1, MIN_INVESTMENT_ROWS)
