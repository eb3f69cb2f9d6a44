"""Token verification every service does locally, from public keys it learned through Kafka.

Why: a service must know who is asking and for which organisation without calling identity on each
request. Identity publishes its public signing keys (a JWKS, as a SigningKeysPublished event) on the
compacted topic `identity.signing-keys.v1`; each service follows that topic into a KeyRing and verifies access tokens
(asymmetric signatures) with it. Keys rotate without downtime: identity publishes the new key beside
the old ones until tokens signed with the old key have expired.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Annotated, Any

import jwt
from aiokafka import AIOKafkaConsumer, ConsumerRecord
from fastapi import Depends, Request

from corridor_contracts.envelope import MalformedEvent, from_kafka
from corridor_contracts.events.identity import SigningKeysPublished
from corridor_contracts.topics import IDENTITY_SIGNING_KEYS
from corridor_chassis.errors import Forbidden, Unauthorized

log = logging.getLogger(__name__)

SIGNING_KEYS_TOPIC = IDENTITY_SIGNING_KEYS
ISSUER = "green-corridor-identity"
AUDIENCE = "green-corridor"
ALGORITHMS = ["ES256", "EdDSA"]


@dataclass(frozen=True)
class Principal:
    """Who is calling: a person (roles within one organisation) or a supplier's service account."""

    subject: uuid.UUID
    roles: frozenset[str]
    organization_id: uuid.UUID | None = None
    organization_kind: str | None = None
    is_service_account: bool = False
    email: str | None = None

    def has_any_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    def belongs_to(self, organization_id: uuid.UUID | None) -> bool:
        return organization_id is not None and self.organization_id == organization_id

    @classmethod
    def from_claims(cls, claims: dict[str, Any]) -> "Principal":
        try:
            return cls(
                subject=uuid.UUID(claims["sub"]),
                roles=frozenset(claims.get("roles", ())),
                organization_id=uuid.UUID(claims["org"]) if claims.get("org") else None,
                organization_kind=claims.get("org_kind"),
                is_service_account=claims.get("typ") == "service",
                email=claims.get("email"),
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise Unauthorized("The access token lacks required claims", slug="invalid-token") from exc


class KeyRing:
    """The public keys currently trusted, by key id."""

    def __init__(self) -> None:
        self._keys: dict[str, jwt.PyJWK] = {}
        self._pinned: dict[str, jwt.PyJWK] = {}
        self.loaded = asyncio.Event()

    def update(self, jwks: dict[str, Any]) -> None:
        """Replace the published keys with this set (the latest SigningKeysPublished wins)."""
        self._keys = _parse(jwks)
        self.loaded.set()

    def pin(self, jwks: dict[str, Any]) -> None:
        """Trust these keys in addition to the published ones, whatever is published later.

        For keys that do not come from identity's topic: a test's own issuer, or a static key file.
        """
        self._pinned |= _parse(jwks)
        self.loaded.set()

    @property
    def key_ids(self) -> set[str]:
        return set(self._keys) | set(self._pinned)

    def verify(self, token: str, *, audience: str = AUDIENCE, issuer: str = ISSUER) -> dict[str, Any]:
        try:
            kid = jwt.get_unverified_header(token).get("kid")
        except jwt.PyJWTError as exc:
            raise Unauthorized("The access token is malformed", slug="invalid-token") from exc
        key = self._keys.get(kid or "") or self._pinned.get(kid or "")
        if key is None:
            raise Unauthorized("The access token was signed by an unknown key", slug="invalid-token")
        try:
            return jwt.decode(token, key=key, algorithms=ALGORITHMS, audience=audience, issuer=issuer,
                              options={"require": ["exp", "iat", "sub", "iss", "aud"]})
        except jwt.ExpiredSignatureError as exc:
            raise Unauthorized("The access token has expired", slug="token-expired") from exc
        except jwt.PyJWTError as exc:
            raise Unauthorized("The access token is not valid", slug="invalid-token") from exc


def _parse(jwks: dict[str, Any]) -> dict[str, jwt.PyJWK]:
    keys = {}
    for jwk in jwks.get("keys", []):
        try:
            keys[jwk["kid"]] = jwt.PyJWK(jwk)
        except (KeyError, jwt.PyJWKError) as exc:
            log.error("ignoring an unusable signing key %s: %r", jwk.get("kid"), exc)
    return keys


class KeyRingFollower:
    """Reads the signing-keys topic from the beginning and keeps following it (no consumer group)."""

    def __init__(self, keyring: KeyRing, kafka_options: dict[str, object]) -> None:
        self.keyring = keyring
        self.kafka_options = kafka_options

    async def run(self) -> None:
        while True:
            consumer = AIOKafkaConsumer(SIGNING_KEYS_TOPIC, group_id=None, auto_offset_reset="earliest",
                                        enable_auto_commit=False, **self.kafka_options)
            try:
                await consumer.start()
                async for record in consumer:
                    self._apply(record)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("signing-key follower failed; restarting")
                await asyncio.sleep(2)
            finally:
                await consumer.stop()

    def _apply(self, record: ConsumerRecord) -> None:
        try:
            envelope = from_kafka(record.key, record.value, record.headers)
        except MalformedEvent as exc:
            log.error("ignoring a malformed signing-keys record: %r", exc)
            return
        if isinstance(envelope.data, SigningKeysPublished) and envelope.data.issuer == ISSUER:
            self.keyring.update(envelope.data.jwks)


def bearer_token(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("Send an access token: Authorization: Bearer <token>")
    return token.strip()


def current_principal(request: Request) -> Principal:
    keyring: KeyRing = request.app.state.keyring
    return Principal.from_claims(keyring.verify(bearer_token(request)))


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def require_roles(*roles: str) -> Callable[[Principal], Principal]:
    """A dependency that admits a principal holding any of `roles`."""

    def check(principal: CurrentPrincipal) -> Principal:
        if not principal.has_any_role(*roles):
            raise Forbidden(f"This needs one of the roles: {', '.join(roles)}")
        return principal

    return check


def jwks_of(public_jwks: Iterable[dict[str, Any]]) -> dict[str, Any]:
    return {"keys": list(public_jwks)}
