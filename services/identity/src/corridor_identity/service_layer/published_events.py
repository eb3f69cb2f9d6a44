"""The contracts' events built from domain values: what identity tells the other services.

Why here: the domain knows nothing of the contracts' envelope, and the use cases should read as
"save this, publish that"; the mapping (and the promise that no secret crosses) lives in one place.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from corridor_contracts.events.identity import (
    OrganizationRegistered, SigningKeysPublished, UserDeactivated, UserRegistered, UserRolesChanged,
)
from corridor_identity.domain.organisations import Organization
from corridor_identity.domain.signing_keys import KeySet
from corridor_identity.domain.users import User


def organization_registered(organization: Organization, *, now: datetime) -> OrganizationRegistered:
    resources = organization.supplied
    return OrganizationRegistered(
        occurred_at=now, organization_id=organization.id, kind=organization.kind, full_name=organization.full_name,
        short_name=organization.short_name, short_code=organization.short_code, inn=organization.inn,
        ogrn=organization.ogrn, municipality_code=organization.municipality,
        resource=resources[0] if resources else None, resources=resources)


def user_registered(user: User, *, now: datetime) -> UserRegistered:
    return UserRegistered(
        occurred_at=now, user_id=user.id, organization_id=user.organization_id,
        organization_kind=user.organization_kind, email=user.email, full_name=user.full_name, locale=user.locale,
        roles=sorted(user.roles))


def user_roles_changed(user: User, *, previous: User, actor_id: UUID, now: datetime) -> UserRolesChanged:
    return UserRolesChanged(occurred_at=now, user_id=user.id, organization_id=user.organization_id,
                            roles=sorted(user.roles), previous_roles=sorted(previous.roles), actor_id=actor_id)


def user_deactivated(user: User, *, reason: str | None, actor_id: UUID, now: datetime) -> UserDeactivated:
    return UserDeactivated(occurred_at=now, user_id=user.id, organization_id=user.organization_id, reason=reason,
                           actor_id=actor_id)


def signing_keys_published(keys: KeySet, *, issuer: str, now: datetime) -> SigningKeysPublished:
    return SigningKeysPublished(occurred_at=now, issuer=issuer, jwks=keys.jwks(), active_key_id=keys.active.kid)
