"""The organisations directory: who an organisation is and which details its kind requires.

Why: routing, permissions and supplier integration all hang on an organisation's kind, its
municipality and (for a supplier) its resources and short code, so they are checked once, here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from .errors import InvalidOrganization, InvalidShortCode
from .identifiers import ensure_same_registrant, validate_inn, validate_kpp, validate_ogrn
from .municipalities import find_municipality


class OrganizationKind(StrEnum):
    AGENCY = "agency"
    OIV = "oiv"
    OMSU = "omsu"
    RSO = "rso"
    FEDERAL = "federal"
    INVESTOR = "investor"

    @property
    def label_ru(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    OrganizationKind.AGENCY: "Агентство развития",
    OrganizationKind.OIV: "Орган исполнительной власти (ОИВ)",
    OrganizationKind.OMSU: "Орган местного самоуправления (ОМСУ)",
    OrganizationKind.RSO: "Ресурсоснабжающая организация (РСО)",
    OrganizationKind.FEDERAL: "Федеральный орган",
    OrganizationKind.INVESTOR: "Инвестор",
}


class Resource(StrEnum):
    POWER = "power"
    GAS = "gas"
    WATER = "water"
    SEWERAGE = "sewerage"
    HEAT = "heat"

    @property
    def label_ru(self) -> str:
        return _RESOURCE_LABELS[self]


_RESOURCE_LABELS = {
    Resource.POWER: "Электроснабжение",
    Resource.GAS: "Газоснабжение",
    Resource.WATER: "Водоснабжение",
    Resource.SEWERAGE: "Водоотведение",
    Resource.HEAT: "Теплоснабжение",
}

# Part of Kafka topic and ACL names: no '.' (the topic names' own separator), no '_' (Kafka's metric
# names confuse it with '.'), no upper case, no leading, trailing or doubled hyphen.
_SHORT_CODE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SHORT_CODE_LENGTH = range(2, 33)


@dataclass(frozen=True)
class Organization:
    id: UUID
    kind: OrganizationKind
    name: str
    inn: str | None = None
    ogrn: str | None = None
    kpp: str | None = None
    municipality: str | None = None
    resources: frozenset[Resource] = frozenset()
    short_code: str | None = None


def validate_short_code(value: str) -> str:
    if len(value) not in SHORT_CODE_LENGTH:
        raise InvalidShortCode(f"a short code has 2 to 32 characters, not {len(value)}")
    if not _SHORT_CODE.fullmatch(value):
        raise InvalidShortCode(f"{value!r}: use lowercase latin letters and digits, joined by single hyphens")
    return value


def register_organization(
    *, organization_id: UUID, kind: OrganizationKind, name: str, inn: str | None = None,
    ogrn: str | None = None, kpp: str | None = None, municipality: str | None = None,
    resources: Iterable[Resource] = (), short_code: str | None = None,
) -> Organization:
    """A new directory entry, or the first rule it breaks.

    An investor must give INN and OGRN (it is identified by them); public bodies may be entered
    without. An ОМСУ is the administration of a municipality, so it names one. Only an РСО supplies
    resources, and it must name at least one and a short code for its request topic.
    """
    name = name.strip()
    if not name:
        raise InvalidOrganization("the name is empty")
    resources = frozenset(resources)
    if kind is OrganizationKind.INVESTOR and not (inn and ogrn):
        raise InvalidOrganization("an investor company must give its INN and OGRN")
    inn = validate_inn(inn) if inn else None
    ogrn = validate_ogrn(ogrn) if ogrn else None
    if inn and ogrn:
        ensure_same_registrant(inn, ogrn)
    if kpp:
        kpp = validate_kpp(kpp)
        if inn and len(inn) == 12:
            raise InvalidOrganization("an individual entrepreneur has no KPP")
    if municipality:
        municipality = find_municipality(municipality).code
    elif kind is OrganizationKind.OMSU:
        raise InvalidOrganization("an ОМСУ must name its municipality")
    if (kind is OrganizationKind.RSO) != bool(resources):
        raise InvalidOrganization("an РСО names the resources it supplies, and only an РСО does")
    if short_code:
        short_code = validate_short_code(short_code)
    elif kind is OrganizationKind.RSO:
        raise InvalidOrganization("an РСО needs a short code for its request topic")
    return Organization(id=organization_id, kind=kind, name=name, inn=inn, ogrn=ogrn, kpp=kpp or None,
                        municipality=municipality, resources=resources, short_code=short_code)
