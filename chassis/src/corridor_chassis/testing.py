"""Test support for services: real ES256 keys and tokens, loaded into a service's KeyRing.

Tests of a service (projects, requests, …) need access tokens without importing identity. These are
real signatures verified by the real KeyRing code path; only the issuer is the test.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterable

import jwt
from cryptography.hazmat.primitives.asymmetric import ec

from corridor_chassis.auth import AUDIENCE, ISSUER, KeyRing


class TokenMint:
    def __init__(self, kid: str = "test-key") -> None:
        self.kid = kid
        self.private_key = ec.generate_private_key(ec.SECP256R1())

    def jwks(self) -> dict:
        public = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(self.private_key.public_key()))
        return {"keys": [public | {"kid": self.kid, "alg": "ES256", "use": "sig"}]}

    def install(self, keyring: KeyRing) -> None:
        """Pin this mint's key, so keys published on a shared broker later do not evict it."""
        keyring.pin(self.jwks())

    def token(self, *, roles: Iterable[str], organization_id: uuid.UUID | None = None,
              organization_kind: str | None = None, subject: uuid.UUID | None = None, ttl: int = 600,
              service_account: bool = False, email: str | None = None) -> str:
        now = int(time.time())
        claims = {"sub": str(subject or uuid.uuid4()), "roles": sorted(roles), "iss": ISSUER, "aud": AUDIENCE,
                  "iat": now, "exp": now + ttl, "jti": uuid.uuid4().hex,
                  "typ": "service" if service_account else "user"}
        if organization_id:
            claims["org"] = str(organization_id)
        if organization_kind:
            claims["org_kind"] = organization_kind
        if email:
            claims["email"] = email
        return jwt.encode(claims, self.private_key, algorithm="ES256", headers={"kid": self.kid})
