"""The organisations directory: who an organisation is and which details its kind requires.

Why: routing, permissions and supplier integration all hang on an organisation's kind, its
municipality and (for a supplier) its resources and short code, so they are checked once, here.
Kinds and resources are the contracts' vocabulary, so the directory, the tokens' `org_kind` claim
and the published events spell them the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from corridor_contracts.vocabulary import OrganizationKind, Resource

from .errors import InvalidOrganization, InvalidShortCode
from .identifiers import ensure_same_registrant, validate_inn, validate_kpp, validate_ogrn
from .municipalities import find_municipality

__all__ = ["Organization", "OrganizationKind", "Resource", "register_organization", "validate_short_code"]

# Part of Kafka topic and ACL names: no '.' (the topic names' own separator), no '_' (Kafka's metric
# names confuse it with '.'), no upper case, no leading, trailing or doubled hyphen.
_SHORT_CODE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SHORT_CODE_LENGTH = range(2, 33)
FULL_NAME_LENGTH = range(1, 501)
SHORT_NAME_LENGTH = range(1, 201)


@dataclass(frozen=True)
class Organization:
    id: UUID
    kind: OrganizationKind
    full_name: str
    short_name: str
    inn: str
    ogrn: str | None = None
    kpp: str | None = None
    municipality: str | None = None
    resources: frozenset[Resource] = frozenset()
    short_code: str | None = None

    @property
    def supplied(self) -> list[Resource]:
        """The resources in the vocabulary's order, so a water and sewerage company lists water first."""
        return [resource for resource in Resource if resource in self.resources]


def validate_short_code(value: str) -> str:
    if len(value) not in SHORT_CODE_LENGTH:
        raise InvalidShortCode(f"a short code has 2 to 32 characters, not {len(value)}")
    if not _SHORT_CODE.fullmatch(value):
        raise InvalidShortCode(f"{value!r}: use lowercase latin letters and digits, joined by single hyphens")
    return value


def register_organization(
    *, organization_id: UUID, kind: OrganizationKind, full_name: str, short_name: str | None = None,
    inn: str, ogrn: str | None = None, kpp: str | None = None, municipality: str | None = None,
    resources: Iterable[Resource] = (), short_code: str | None = None,
) -> Organization:
    """A new directory entry, or the first rule it breaks.

    Every organisation, public bodies included, is a taxpayer with an INN, and the published
    OrganizationRegistered event requires it. An investor must also give its OGRN (it is identified
    by both); public bodies may be entered without. An ОМСУ is the administration of a municipality,
    so it names one. Only an РСО supplies resources, and it must name at least one and a short code
    for its request topic.
    """
    full_name = _name(full_name, FULL_NAME_LENGTH, "full name")
    short_name = _name(short_name, SHORT_NAME_LENGTH, "short name") if short_name else full_name
    if len(short_name) not in SHORT_NAME_LENGTH:
        raise InvalidOrganization("give a short name of at most 200 characters")
    resources = frozenset(resources)
    if kind is OrganizationKind.INVESTOR and not ogrn:
        raise InvalidOrganization("an investor company must give its INN and OGRN")
    inn = validate_inn(inn)
    ogrn = validate_ogrn(ogrn) if ogrn else None
    if ogrn:
        ensure_same_registrant(inn, ogrn)
    if kpp:
        kpp = validate_kpp(kpp)
        if len(inn) == 12:
            raise InvalidOrganization("an individual entrepreneur has no KPP")
    if municipality:
        municipality = find_municipality(municipality).code
    elif kind is OrganizationKind.MUNICIPALITY:
        raise InvalidOrganization("an ОМСУ must name its municipality")
    if (kind is OrganizationKind.SUPPLIER) != bool(resources):
        raise InvalidOrganization("an РСО names the resources it supplies, and only an РСО does")
    if short_code:
        short_code = validate_short_code(short_code)
    elif kind is OrganizationKind.SUPPLIER:
        raise InvalidOrganization("an РСО needs a short code for its request topic")
    return Organization(id=organization_id, kind=kind, full_name=full_name, short_name=short_name, inn=inn,
                        ogrn=ogrn, kpp=kpp or None, municipality=municipality, resources=resources,
                        short_code=short_code)


def _name(value: str, allowed: range, what: str) -> str:
    name = value.strip()
    if not name:
        raise InvalidOrganization(f"the {what} is empty")
    if len(name) not in allowed:
        raise InvalidOrganization(f"the {what} has more than {allowed.stop - 1} characters")
    return name
