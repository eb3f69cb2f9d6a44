"""Signing keys and their rotation without downtime, published as a JWKS.

Why ES256: it is the asymmetric JWS algorithm every JOSE library, API gateway and language runtime
verifies (RFC 7518 marks it Recommended+); EdDSA (RFC 8037) is smaller and faster but still missing
from some verifiers a supplier or a gateway may bring. Keys are P-256, named by their RFC 7638
thumbprint, so the same key always has the same `kid`.

Rotation: a key set publishes the key that signs (`active`), the one that will sign after the next
rotation (`upcoming`), so every verifier's cached JWKS already holds it when it starts signing, and
keys retired less than a token lifetime ago, so tokens they signed stay verifiable until they expire.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from jwt.algorithms import ECAlgorithm

ALGORITHM = "ES256"


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private_key: ec.EllipticCurvePrivateKey
    created_at: datetime
    retired_at: datetime | None = None

    def public_jwk(self) -> dict[str, Any]:
        jwk = _public_jwk_members(self.private_key.public_key())
        return jwk | {"kid": self.kid, "use": "sig", "alg": ALGORITHM}

    def private_pem(self, passphrase: bytes) -> bytes:
        """The private key for the service's store, encrypted with its key-encryption secret."""
        return self.private_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                              serialization.BestAvailableEncryption(passphrase))


def generate_signing_key(*, now: datetime) -> SigningKey:
    private_key = ec.generate_private_key(ec.SECP256R1())
    return SigningKey(kid=_thumbprint(private_key.public_key()), private_key=private_key, created_at=now)


def load_signing_key(pem: bytes, passphrase: bytes, *, created_at: datetime,
                     retired_at: datetime | None = None) -> SigningKey:
    private_key = serialization.load_pem_private_key(pem, passphrase)
    if not isinstance(private_key, ec.EllipticCurvePrivateKey) or private_key.curve.name != "secp256r1":
        raise ValueError("a signing key is an EC P-256 private key")
    return SigningKey(_thumbprint(private_key.public_key()), private_key, created_at, retired_at)


@dataclass(frozen=True)
class KeySet:
    active: SigningKey
    upcoming: SigningKey
    retired: tuple[SigningKey, ...] = ()

    def published(self) -> tuple[SigningKey, ...]:
        return (self.active, self.upcoming, *self.retired)

    def jwks(self) -> dict[str, Any]:
        """The public JWK Set served at the JWKS endpoint; never a private member."""
        return {"keys": [key.public_jwk() for key in self.published()]}


def start_key_set(*, now: datetime) -> KeySet:
    return KeySet(active=generate_signing_key(now=now), upcoming=generate_signing_key(now=now))


def rotate_keys(keys: KeySet, *, now: datetime, keep_retired_for: timedelta,
                compromised: bool = False) -> KeySet:
    """The upcoming key starts signing, a fresh one is published, the old active key retires.

    `keep_retired_for` is the access-token lifetime plus clock leeway. A compromised active key is
    dropped at once instead: tokens it signed stop verifying and their holders refresh.
    """
    retiring = () if compromised else (replace(keys.active, retired_at=now),)
    rotated = KeySet(active=keys.upcoming, upcoming=generate_signing_key(now=now),
                     retired=(*retiring, *keys.retired))
    return prune_retired(rotated, now=now, keep_retired_for=keep_retired_for)


def prune_retired(keys: KeySet, *, now: datetime, keep_retired_for: timedelta) -> KeySet:
    """Stop publishing retired keys whose every token has expired."""
    kept = tuple(key for key in keys.retired if key.retired_at and now < key.retired_at + keep_retired_for)
    return replace(keys, retired=kept)


def _public_jwk_members(public_key: ec.EllipticCurvePublicKey) -> dict[str, Any]:
    return ECAlgorithm.to_jwk(public_key, as_dict=True)


def _thumbprint(public_key: ec.EllipticCurvePublicKey) -> str:
    jwk = _public_jwk_members(public_key)
    # RFC 7638: the required members only, in lexical order, without whitespace.
    canonical = json.dumps({name: jwk[name] for name in ("crv", "kty", "x", "y")}, separators=(",", ":"),
                           sort_keys=True)
    return base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest()).rstrip(b"=").decode()
