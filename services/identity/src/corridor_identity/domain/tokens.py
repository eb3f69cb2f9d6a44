"""Access tokens: short-lived JWTs carrying who the caller is, their organisation and their roles.

Why: every service authorises locally from these claims (verification.py), so a token says exactly
what they need and nothing personal: `sub` (user id or service-account client id), `org`,
`org_kind`, `roles`, plus the registered claims. The `typ` header "at+jwt" (RFC 9068) keeps any
other JWT from being accepted as an access token.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt

from .signing_keys import ALGORITHM, KeySet
from .users import User
from .verification import ACCESS_TOKEN_TYPE

ACCESS_TOKEN_TTL = timedelta(minutes=10)


@dataclass(frozen=True)
class AccessClaims:
    subject: str
    organization_id: str
    organization_kind: str
    roles: frozenset[str]


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
        "org": claims.organization_id,
        "org_kind": claims.organization_kind,
        "roles": sorted(claims.roles),
    }
    signer = keys.active
    token = jwt.encode(payload, signer.private_key, algorithm=ALGORITHM,
                       headers={"kid": signer.kid, "typ": ACCESS_TOKEN_TYPE})
    return IssuedAccessToken(token, token_id, expires_at)
