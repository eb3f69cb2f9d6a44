"""How organisations, users and service accounts look in the API's answers (never a secret)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from corridor_contracts.vocabulary import Locale
from corridor_identity.domain.organisations import Organization, OrganizationKind, Resource
from corridor_identity.domain.roles import Role
from corridor_identity.domain.service_accounts import ServiceAccount
from corridor_identity.domain.users import User


class Closed(BaseModel):
    """Request bodies refuse unknown fields, so a misspelt field is a 422, not silently ignored."""

    model_config = ConfigDict(extra="forbid")


class OrganizationOut(BaseModel):
    id: UUID
    kind: OrganizationKind
    full_name: str
    short_name: str
    inn: str
    ogrn: str | None
    kpp: str | None
    municipality_code: str | None
    resources: list[Resource]
    short_code: str | None

    @classmethod
    def of(cls, organization: Organization) -> "OrganizationOut":
        return cls(id=organization.id, kind=organization.kind, full_name=organization.full_name,
                   short_name=organization.short_name, inn=organization.inn, ogrn=organization.ogrn,
                   kpp=organization.kpp, municipality_code=organization.municipality,
                   resources=organization.supplied, short_code=organization.short_code)


class UserOut(BaseModel):
    id: UUID
    email: str
    full_name: str
    organization_id: UUID
    organization_kind: OrganizationKind
    roles: list[Role]
    locale: Locale
    active: bool
    created_at: datetime
    deactivated_at: datetime | None

    @classmethod
    def of(cls, user: User) -> "UserOut":
        return cls(id=user.id, email=user.email, full_name=user.full_name, organization_id=user.organization_id,
                   organization_kind=user.organization_kind, roles=sorted(user.roles), locale=user.locale,
                   active=user.active, created_at=user.created_at, deactivated_at=user.deactivated_at)


class MemberOut(BaseModel):
    user_id: UUID
    full_name: str
    roles: list[Role]
    active: bool
    email: str | None = Field(default=None, description="Administrators only; absent for everyone else.")

    @classmethod
    def of(cls, user: User, *, with_email: bool) -> "MemberOut":
        return cls(user_id=user.id, full_name=user.full_name, roles=sorted(user.roles), active=user.active,
                   email=user.email if with_email else None)


class MembersOut(BaseModel):
    items: list[MemberOut]
    total: int = Field(description="How many members match, on every page.")


class ServiceAccountOut(BaseModel):
    id: UUID
    client_id: str
    organization_id: UUID
    organization_kind: OrganizationKind
    roles: list[Role] = [Role.SUPPLIER_SYSTEM]
    active: bool
    created_at: datetime
    deactivated_at: datetime | None

    @classmethod
    def of(cls, account: ServiceAccount) -> "ServiceAccountOut":
        return cls(id=account.id, client_id=account.client_id, organization_id=account.organization_id,
                   organization_kind=account.organization_kind, active=account.active,
                   created_at=account.created_at, deactivated_at=account.deactivated_at)
