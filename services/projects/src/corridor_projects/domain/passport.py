"""The investment project passport: what the investor fills first, field by field.

Why every field is optional: a draft is saved at any point and completed later, so this model only says
what a value must look like when it is there (types, ranges, check digits, known codes); whether the
passport is complete enough to submit is `completeness.passport_problems`. Unknown fields are refused,
so a misspelt field name is reported rather than silently dropped.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from .identifiers import check_inn, check_ogrn
from .municipalities import Municipality

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
Inn = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(check_inn)]
Ogrn = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(check_ogrn)]
Kpp = Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^\d{4}[0-9A-Z]{2}\d{3}$")]
Okved = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\d{2}(\.\d{1,2}){0,3}$")]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\+?[0-9][0-9 ()-]{4,24}$")]
Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=320, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
CadastralNumber = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\d{2}:\d{2}:\d{6,7}:\d{1,7}$")]
Roubles = Annotated[int, Field(ge=0, le=10**13)]
# Upper bounds catch unit mistakes (watts typed as kilowatts) rather than describe real limits.
Kilowatts = Annotated[float, Field(ge=0, le=5_000_000)]
CubicMetres = Annotated[float, Field(ge=0, le=1_000_000)]
Gigacalories = Annotated[float, Field(ge=0, le=10_000)]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ContactPerson(_Part):
    full_name: Text | None = None
    phone: Phone | None = None
    email: Email | None = None


class Applicant(_Part):
    full_name: Text | None = Field(default=None, description="Full legal name, e.g. Общество с ограниченной ответственностью «МолПром».")
    short_name: Text | None = None
    legal_form: Text | None = Field(default=None, description="ООО, АО, ПАО, ИП …")
    inn: Inn | None = Field(default=None, description="10 digits (organisation) or 12 (entrepreneur), check digits verified.")
    ogrn: Ogrn | None = Field(default=None, description="OGRN (13 digits) or OGRNIP (15), check digit verified.")
    kpp: Kpp | None = Field(default=None, description="Organisations only (not entrepreneurs).")
    okved_codes: list[Okved] | None = Field(default=None, max_length=50)
    address: Text | None = None
    contact: ContactPerson | None = None
    headcount: int | None = Field(default=None, ge=0, le=1_000_000)
    state_support_received: LongText | None = Field(default=None, description="Support already received, if any.")


class ProjectStage(StrEnum):
    IDEA = "idea"
    FEASIBILITY = "feasibility"  # business plan, site search
    DESIGN = "design"
    CONSTRUCTION = "construction"
    EXPANSION = "expansion"  # an operating plant grows


class ProjectDetails(_Part):
    name: Text | None = None
    description: LongText | None = None
    industry_okved: Okved | None = Field(default=None, description="Main OKVED code of the project, e.g. 10.51.")
    stage: ProjectStage | None = None
    design_capacity: Text | None = Field(default=None, description="e.g. 60 000 t of dairy products a year.")


class Coordinates(_Part):
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)


class Site(_Part):
    municipality_code: Municipality | None = None
    address: Text | None = None
    cadastral_number: CadastralNumber | None = Field(default=None, description="If a plot is known, e.g. 47:07:0000000:123.")
    coordinates: Coordinates | None = None
    land_area_ha: float | None = Field(default=None, ge=0, le=100_000, description="Land needed, hectares.")


class InvestmentYear(_Part):
    year: int = Field(ge=2000, le=2100)
    own_rub: Roubles = 0
    borrowed_rub: Roubles = 0

    @property
    def total_rub(self) -> int:
        return self.own_rub + self.borrowed_rub


class Phases(_Part):
    investment_starts_on: date | None = None
    investment_ends_on: date | None = None
    operation_starts_on: date | None = None


class UtilityNeeds(_Part):
    electric_power_kw: Kilowatts | None = None
    gas_m3_per_hour: CubicMetres | None = None
    water_m3_per_day: CubicMetres | None = None
    sewerage_m3_per_day: CubicMetres | None = None
    heat_gcal_per_hour: Gigacalories | None = None


class SupportMeasure(StrEnum):
    LAND_WITHOUT_AUCTION = "land_without_auction"
    TAX_RELIEF = "tax_relief"
    PREFERENTIAL_LOANS = "preferential_loans"
    INFRASTRUCTURE = "infrastructure"
    EXPORT_SUPPORT = "export_support"


class Passport(_Part):
    """The whole passport as the investor last saved it; a draft may leave anything out."""

    applicant: Applicant | None = None
    project: ProjectDetails | None = None
    site: Site | None = None
    investment: list[InvestmentYear] | None = Field(default=None, max_length=50, description="By year and source.")
    jobs_created: int | None = Field(default=None, ge=0, le=1_000_000)
    phases: Phases | None = None
    utilities: UtilityNeeds | None = Field(default=None, description="Say 0 for a resource the project does not need.")
    support_requested: list[SupportMeasure] | None = Field(default=None, max_length=len(SupportMeasure))

    @property
    def total_investment_rub(self) -> int:
        return sum(year.total_rub for year in self.investment or ())
