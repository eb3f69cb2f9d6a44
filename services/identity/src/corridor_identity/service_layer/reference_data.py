"""The Leningrad region's reference organisations, and the use case that loads them (idempotently).

What is real and what is not: the names, kinds, municipalities (OKTMO), resources and short codes are
the region's. Of the identifiers, only ПАО «Россети Ленэнерго»'s INN and OGRN are its published ones.
Every other INN is a PLACEHOLDER from the non-existent tax office 4799 with a correct check digit
(the directory requires an INN of everyone, and a made-up number must still pass validation), and
their OGRNs are left out; replace them with the registry's (ЕГРЮЛ) before going live.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from corridor_identity.domain.municipalities import MUNICIPALITIES, Municipality
from corridor_identity.domain.organisations import OrganizationKind, Resource
from corridor_identity.service_layer.organisations import OrganizationDetails, enter_organization

Kind = OrganizationKind

AGENCY = OrganizationDetails(
    kind=Kind.AGENCY, inn="4799000017", short_name="ГКУ «АЭРЛО»",
    full_name="Государственное казённое учреждение «Агентство экономического развития Ленинградской области»")

REGIONAL_BODIES = tuple(OrganizationDetails(kind=Kind.REGIONAL_BODY, full_name=name, inn=inn) for inn, name in (
    ("4799000024", "Комитет экономического развития и инвестиционной деятельности Ленинградской области"),
    ("4799000031", "Комитет по строительству Ленинградской области"),
    ("4799000049", "Комитет градостроительной политики Ленинградской области"),
    ("4799000056", "Ленинградский областной комитет по управлению государственным имуществом"),
    ("4799000063", "Комитет по топливно-энергетическому комплексу Ленинградской области"),
    ("4799000070", "Комитет по жилищно-коммунальному хозяйству Ленинградской области"),
)) + (
    # The requests service's routing rules name these by their short codes (permits; road junctions).
    OrganizationDetails(kind=Kind.REGIONAL_BODY, inn="4799001116", short_name="Госстройнадзор ЛО",
                        full_name="Комитет государственного строительного надзора и государственной экспертизы "
                                  "Ленинградской области", short_code="gosstroynadzor-lo"),
    OrganizationDetails(kind=Kind.REGIONAL_BODY, inn="4799001123", short_name="ГКУ «Ленавтодор»",
                        full_name="Государственное казённое учреждение Ленинградской области «Управление "
                                  "автомобильных дорог Ленинградской области»", short_code="lenavtodor"),
)

# Title registration and the cadastre; the routing rule for title registration names its short code.
FEDERAL_BODIES = (
    OrganizationDetails(kind=Kind.FEDERAL_BODY, inn="4799001109", short_name="Управление Росреестра по ЛО",
                        full_name="Управление Федеральной службы государственной регистрации, кадастра и "
                                  "картографии по Ленинградской области", short_code="rosreestr-lo"),
)

SUPPLIERS = (
    OrganizationDetails(kind=Kind.SUPPLIER, full_name="Публичное акционерное общество «Россети Ленэнерго»",
                        short_name="ПАО «Россети Ленэнерго»", inn="7803002209", ogrn="1027809170300",
                        resources=(Resource.ELECTRICITY,), short_code="lenenergo"),
    OrganizationDetails(kind=Kind.SUPPLIER, full_name="АО «Газпром газораспределение Ленинградская область»",
                        inn="4799000088", resources=(Resource.GAS,), short_code="gazprom-lo"),
    OrganizationDetails(kind=Kind.SUPPLIER, full_name="ГУП «Леноблводоканал»", inn="4799000095",
                        resources=(Resource.WATER, Resource.SEWERAGE), short_code="lenoblvodokanal"),
)

# One administration per municipality, in the order of MUNICIPALITIES.
_MUNICIPAL_INNS = (
    "4799000105", "4799000112", "4799000120", "4799000137", "4799000144", "4799000151", "4799000169",
    "4799000176", "4799000183", "4799000190", "4799000200", "4799000218", "4799000225", "4799000232",
    "4799000240", "4799000257", "4799000264", "4799000271",
)


def _administration(municipality: Municipality, inn: str) -> OrganizationDetails:
    genitive = (municipality.name_ru.replace("ский муниципальный район", "ского муниципального района")
                .replace("ский городской округ", "ского городского округа"))
    return OrganizationDetails(kind=Kind.MUNICIPALITY, full_name=f"Администрация {genitive} Ленинградской области",
                               short_name=f"Администрация {genitive}", inn=inn, municipality=municipality.code)


MUNICIPAL_ADMINISTRATIONS = tuple(_administration(m, inn) for m, inn in zip(MUNICIPALITIES, _MUNICIPAL_INNS,
                                                                            strict=True))

REFERENCE_ORGANIZATIONS: tuple[OrganizationDetails, ...] = (
    AGENCY, *REGIONAL_BODIES, *FEDERAL_BODIES, *MUNICIPAL_ADMINISTRATIONS, *SUPPLIERS)


@dataclass(frozen=True)
class ReferenceDataLoaded:
    created: list[str]
    already_present: list[str]


async def load_reference_data(session: AsyncSession, *, now: datetime) -> ReferenceDataLoaded:
    """Enter every reference organisation not yet in the directory (found by INN); publish the new ones."""
    created, present = [], []
    for details in REFERENCE_ORGANIZATIONS:
        organization, is_new = await enter_organization(session, details=details, now=now)
        (created if is_new else present).append(organization.short_name)
    return ReferenceDataLoaded(created, present)
