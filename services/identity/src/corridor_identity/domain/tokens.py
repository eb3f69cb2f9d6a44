"""Access tokens: short-lived JWTs carrying who the caller is, their organisation and their roles.

Why: every service authorises locally from these claims (corridor_chassis.auth verifies them with
the published keys), so a token says exactly what they need and nothing personal: `sub` (the user's
or the service account's id), `org`, `org_kind`, `roles`, `typ` ("user" or "service", the claim the
chassis' Principal reads), for a service account its `client_id` (RFC 9068), plus the registered
claims. The `typ` header "at+jwt" (RFC 9068) marks the JWT as an access token for verifiers that
check it; it is a header, so it never collides with the `typ` claim.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

import jwt

from .signing_keys import ALGORITHM, KeySet
from .users import User

ACCESS_TOKEN_TYPE = "at+jwt"
ACCESS_TOKEN_TTL = timedelta(minutes=10)


@dataclass(frozen=True)
class AccessClaims:
    subject: str
    organization_id: str
    organization_kind: str
    roles: frozenset[str]
    principal_type: Literal["user", "service"] = "user"
    client_id: str | None = None


@dataclass(frozen=True)
class IssuedAccessToken:
    token: str
    token_id: str
    expires_at: datetime


def claims_for_user(user: User) -> AccessClaims:
    return AccessClaims(subject=str(user.id), organization_id=str(user.organization_id),
                        organization_kind=str(user.organization_kind), roles=frozenset(map(str, user.roles)))


def issue_access_token(keys: KeySet, claims: AccessClaims, *, issuer: str, audience: str, now: datetime,
                       ttl: timedelta = ACCESS_TOKEN_TTL) -> IssuedAccessToken:
    now = now.replace(microsecond=0)  # JWT times are whole seconds; report what the token says
    token_id = str(uuid.uuid4())
    expires_at = now + ttl
    payload = {
        "iss": issuer,
        "sub": claims.subject,
        "aud": audience,
        "iat": now,
        "exp": expires_at,
        "jti": token_id,
        "typ": claims.principal_type,
        "org": claims.organization_id,
        "org_kind": claims.organization_kind,
        "roles": sorted(claims.roles),
    }
    if claims.client_id:
        payload["client_id"] = claims.client_id
    signer = keys.active
    token = jwt.encode(payload, signer.private_key, algorithm=ALGORITHM,
                       headers={"kid": signer.kid, "typ": ACCESS_TOKEN_TYPE})
    return IssuedAccessToken(token, token_id, expires_at)
