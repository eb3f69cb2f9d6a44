"""Service accounts: how a supplier's system authenticates (OAuth 2.0 client credentials).

Why: an РСО's system answers requests through Kafka and the requests service checks that the
answering principal is the assigned organisation, so each account belongs to exactly one РСО and
its tokens carry that organisation and the supplier_system role only. An organisation may hold
several accounts: create the next one, switch the system over, deactivate the old one — that is
how a secret is rotated without downtime.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import datetime
from uuid import UUID

from .errors import AlreadyDeactivated, InvalidClient, NotPermitted, RoleNotAllowed
from .opaque_tokens import hash_opaque_token, new_opaque_token, opaque_token_matches
from .organisations import Organization, OrganizationKind
from .roles import Permission, Role, ensure_roles_fit, require_permission
from .tokens import AccessClaims
from .users import User

# Compared against when the client id is unknown, so the answer costs the same either way.
_NO_SUCH_SECRET_HASH = hash_opaque_token(new_opaque_token())


@dataclass(frozen=True)
class ServiceAccount:
    id: UUID  # the tokens' `sub`: every principal is named by a UUID
    client_id: str
    organization_id: UUID
    organization_kind: OrganizationKind
    secret_hash: str
    created_at: datetime
    deactivated_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.deactivated_at is None


@dataclass(frozen=True)
class ClientCredentialsIssued:
    account: ServiceAccount
    client_secret: str  # shown to the administrator once; never stored


def create_service_account(*, account_id: UUID, organization: Organization, actor: User,
                           now: datetime) -> ClientCredentialsIssued:
    _require_admin(actor)
    ensure_roles_fit({Role.SUPPLIER_SYSTEM}, organization.kind)
    if not organization.short_code:
        raise RoleNotAllowed("the supplier has no short code for its topics")
    client_secret = new_opaque_token()
    account = ServiceAccount(id=account_id, client_id=f"{organization.short_code}-{secrets.token_hex(4)}",
                             organization_id=organization.id, organization_kind=organization.kind,
                             secret_hash=hash_opaque_token(client_secret), created_at=now)
    return ClientCredentialsIssued(account, client_secret)


def deactivate_service_account(account: ServiceAccount, *, actor: User, now: datetime) -> ServiceAccount:
    _require_admin(actor)
    if not account.active:
        raise AlreadyDeactivated(f"the service account {account.client_id} was deactivated before")
    return replace(account, deactivated_at=now)


def authenticate_client(account: ServiceAccount | None, client_secret: str) -> ServiceAccount:
    """`account` is whatever the presented client id found, or None; one answer for every failure."""
    matches = opaque_token_matches(client_secret, account.secret_hash if account else _NO_SUCH_SECRET_HASH)
    if account is None or not matches or not account.active:
        raise InvalidClient()
    return account


def claims_for_service_account(account: ServiceAccount) -> AccessClaims:
    return AccessClaims(subject=str(account.id), organization_id=str(account.organization_id),
                        organization_kind=str(account.organization_kind),
                        roles=frozenset({str(Role.SUPPLIER_SYSTEM)}), principal_type="service",
                        client_id=account.client_id)


def _require_admin(actor: User) -> None:
    if not actor.active:
        raise NotPermitted("a deactivated user manages nothing")
    require_permission(actor.roles, Permission.MANAGE_SERVICE_ACCOUNTS)
