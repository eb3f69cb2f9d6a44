"""Verify an access token with nothing but the issuer's JWKS.

Why: every service authorises requests locally, without calling identity. This module imports
nothing from identity (it will move to the service chassis): give it the JWKS dict the caller
fetched and cached, the expected issuer and audience. An unknown `kid` raises UnknownSigningKey so
the caller can refetch the JWKS once (a key was rotated in) before refusing the token.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

ACCESS_TOKEN_TYPE = "at+jwt"
# Fixed, never taken from the token header: no "none", no HMAC with a public key as secret.
ALGORITHMS = ("ES256",)
REQUIRED_CLAIMS = ("iss", "sub", "aud", "iat", "exp", "jti")


class AccessTokenRejected(Exception):
    """The token proves nothing; answer 401. `reason` is for logs, not for the client."""

    slug = "invalid-token"

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class UnknownSigningKey(AccessTokenRejected):
    """Signed by a key the given JWKS lacks: refetch the JWKS once and verify again."""


@dataclass(frozen=True)
class VerifiedAccessToken:
    subject: str
    organization_id: str
    organization_kind: str
    roles: frozenset[str]
    token_id: str
    expires_at: datetime


def verify_access_token(token: str, jwks: Mapping[str, Any], *, issuer: str, audience: str,
                        leeway: timedelta = timedelta(seconds=30)) -> VerifiedAccessToken:
    try:
        header = jwt.get_unverified_header(token)
    except jwt.InvalidTokenError as error:
        raise AccessTokenRejected(f"malformed token: {error}") from None
    if header.get("typ") != ACCESS_TOKEN_TYPE:
        raise AccessTokenRejected(f"not an access token (typ {header.get('typ')!r})")
    if header.get("alg") not in ALGORITHMS:
        raise AccessTokenRejected(f"algorithm {header.get('alg')!r} is not accepted")
    key = _verification_key(jwks, header.get("kid"))
    try:
        claims = jwt.decode(token, key, algorithms=list(ALGORITHMS), audience=audience, issuer=issuer,
                            leeway=leeway, options={"require": list(REQUIRED_CLAIMS)})
    except jwt.InvalidTokenError as error:
        raise AccessTokenRejected(f"{type(error).__name__}: {error}") from None
    return _verified(claims)


def _verification_key(jwks: Mapping[str, Any], kid: object) -> Any:
    if not isinstance(kid, str):
        raise AccessTokenRejected("the token names no key (kid)")
    for jwk in jwks.get("keys", ()):
        if jwk.get("kid") == kid:
            if "d" in jwk:
                raise AccessTokenRejected("the JWKS holds a private key; refusing to use it")
            try:
                return jwt.PyJWK(jwk, algorithm=ALGORITHMS[0]).key
            except jwt.PyJWKError as error:
                raise AccessTokenRejected(f"unusable key {kid}: {error}") from None
    raise UnknownSigningKey(f"no key {kid} in the JWKS")


def _verified(claims: dict[str, Any]) -> VerifiedAccessToken:
    org, org_kind, roles = claims.get("org"), claims.get("org_kind"), claims.get("roles")
    if not (isinstance(org, str) and isinstance(org_kind, str) and isinstance(roles, list)
            and all(isinstance(role, str) for role in roles)):
        raise AccessTokenRejected("the org, org_kind or roles claim is missing or malformed")
    return VerifiedAccessToken(subject=claims["sub"], organization_id=org, organization_kind=org_kind,
                               roles=frozenset(roles), token_id=claims["jti"],
                               expires_at=datetime.fromtimestamp(claims["exp"], UTC))
