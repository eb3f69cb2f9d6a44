"""Shared makings for the identity domain specifications: a fixed clock, a fast hasher, a directory."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from argon2 import PasswordHasher

from corridor_identity.domain.organisations import Organization, OrganizationKind, Resource, register_organization
from corridor_identity.domain.passwords import PasswordHashing
from corridor_identity.domain.roles import Role
from corridor_identity.domain.users import User, new_user

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


class CountingHasher(PasswordHasher):
    """argon2id with the cheapest parameters, counting verifications (tests only)."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
        self.verifications = 0

    def verify(self, hash, password):  # noqa: A002 - the library's parameter name
        self.verifications += 1
        return super().verify(hash, password)


@pytest.fixture
def now() -> datetime:
    return NOW


@pytest.fixture
def hasher() -> CountingHasher:
    return CountingHasher()


@pytest.fixture
def hashing(hasher: CountingHasher) -> PasswordHashing:
    return PasswordHashing(hasher)


# Placeholder INNs with correct check digits, for public bodies whose real numbers the tests do not need.
AGENCY_INN, MUNICIPALITY_INN = "4703000019", "4703000026"
VSEVOLOZHSKY = "41612000"


@pytest.fixture
def agency() -> Organization:
    return register_organization(organization_id=uuid.uuid4(), kind=OrganizationKind.AGENCY,
                                 full_name="ГКУ «АЭРЛО»", inn=AGENCY_INN)


@pytest.fixture
def investor_company() -> Organization:
    return register_organization(organization_id=uuid.uuid4(), kind=OrganizationKind.INVESTOR,
                                 full_name="ПАО Сбербанк", inn="7707083893", ogrn="1027700132195")


@pytest.fixture
def power_supplier() -> Organization:
    return register_organization(organization_id=uuid.uuid4(), kind=OrganizationKind.SUPPLIER,
                                 full_name="ПАО «Россети Ленэнерго»", inn="7803002209", ogrn="1027809170300",
                                 resources={Resource.ELECTRICITY}, short_code="lenenergo")


@pytest.fixture
def municipal_administration() -> Organization:
    return register_organization(organization_id=uuid.uuid4(), kind=OrganizationKind.MUNICIPALITY,
                                 full_name="Администрация Всеволожского района", inn=MUNICIPALITY_INN,
                                 municipality=VSEVOLOZHSKY)


def _member(organization: Organization, *roles: Role, password_hash: str | None = None,
            email: str | None = None) -> User:
    return new_user(user_id=uuid.uuid4(), email=email or f"{uuid.uuid4().hex[:8]}@example.ru",
                    full_name="Иван Петров", organization=organization, roles=roles,
                    password_hash=password_hash, now=NOW)


@pytest.fixture
def member():
    """make a user: member(organization, *roles, password_hash=None, email=None)"""
    return _member


@pytest.fixture
def administrator(agency: Organization) -> User:
    return _member(agency, Role.ADMINISTRATOR)


@pytest.fixture
def manager(agency: Organization) -> User:
    return _member(agency, Role.MANAGER)
