"""Identity events: who exists, what kind of organisation they are, and what they may do.

Why: every other service authorises and addresses people from a local projection of these facts, so
they carry what a projection needs (kind, roles, municipality, locale) and never a credential.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field, model_validator

from corridor_contracts.base import DomainEvent
from corridor_contracts.topics import IDENTITY_ORGANIZATION, IDENTITY_SIGNING_KEYS, IDENTITY_USER
from corridor_contracts.vocabulary import (
    ActorId, Locale, MunicipalityCode, OrganizationId, OrganizationKind, Resource, Role, ShortCode, UserId,
)


class OrganizationRegistered(DomainEvent):
    """An organisation joined the corridor: the agency, a body, a supplier or an investor company."""

    topic: ClassVar[str] = IDENTITY_ORGANIZATION
    key_field: ClassVar[str] = "organization_id"

    organization_id: OrganizationId
    kind: OrganizationKind = Field(description="What the organisation is; routing and roles depend on it.")
    full_name: str = Field(min_length=1, max_length=500, description="Full legal name.")
    short_name: str = Field(min_length=1, max_length=200, description="Short name for lists and messages.")
    short_code: ShortCode | None = Field(description="Required for suppliers, whose request topic it names.")
    inn: str = Field(pattern=r"^\d{10}(\d{2})?$", description="INN: 10 digits (organisation) or 12 (entrepreneur).")
    ogrn: str | None = Field(pattern=r"^\d{13}(\d{2})?$", description="OGRN (13 digits) or OGRNIP (15).")
    municipality_code: MunicipalityCode | None = Field(
        description="For a municipality its own district; for others the district of the legal address, if known.")
    resource: Resource | None = Field(description="What a supplier supplies; null for other kinds.")
    resources: list[Resource] = Field(
        default_factory=list,
        description="Everything a supplier supplies (`resource` is the first of them); empty for other kinds.")

    @model_validator(mode="after")
    def _supplier_has_code_and_resource(self) -> "OrganizationRegistered":
        if self.kind is OrganizationKind.SUPPLIER and (self.short_code is None or self.resource is None):
            raise ValueError("a supplier organisation needs short_code and resource")
        return self


class UserRegistered(DomainEvent):
    """A person or service account can now sign in, on behalf of one organisation."""

    topic: ClassVar[str] = IDENTITY_USER
    key_field: ClassVar[str] = "user_id"

    user_id: UserId
    organization_id: OrganizationId
    organization_kind: OrganizationKind = Field(description="Kind of the user's organisation, for authorisation.")
    email: str = Field(min_length=3, max_length=320, description="Address notifications are sent to.")
    full_name: str = Field(min_length=1, max_length=300, description="Name shown to other participants.")
    locale: Locale = Field(description="Language of the user's notifications.")
    roles: list[Role] = Field(description="Roles granted at registration.")


class UserRolesChanged(DomainEvent):
    """The user's set of roles was replaced; `roles` is the whole new set, not a difference."""

    topic: ClassVar[str] = IDENTITY_USER
    key_field: ClassVar[str] = "user_id"

    user_id: UserId
    organization_id: OrganizationId
    roles: list[Role] = Field(description="All roles the user holds from now on.")
    previous_roles: list[Role] = Field(description="The roles held before the change.")
    actor_id: ActorId


class UserDeactivated(DomainEvent):
    """The user can no longer sign in; consumers stop addressing work and notifications to them."""

    topic: ClassVar[str] = IDENTITY_USER
    key_field: ClassVar[str] = "user_id"

    user_id: UserId
    organization_id: OrganizationId
    reason: str | None = Field(description="Why, for the audit trail.")
    actor_id: ActorId


class SigningKeysPublished(DomainEvent):
    """The public keys that currently sign access tokens; the whole set, newest first.

    Published on a compacted topic keyed by issuer, so a starting service reads the latest set and
    verifies tokens locally. A rotation publishes the new key beside the previous ones until tokens
    signed with those have expired.
    """

    topic: ClassVar[str] = IDENTITY_SIGNING_KEYS
    key_field: ClassVar[str] = "issuer"

    issuer: str = Field(min_length=1, max_length=200, description="The `iss` claim of tokens these keys sign.")
    jwks: dict[str, Any] = Field(description="A JSON Web Key Set of public keys only: {'keys': [...]}.")
    active_key_id: str = Field(min_length=1, max_length=200, description="The `kid` new tokens are signed with.")
