"""Composition root of the identity service: builds the runtime, the authority and the HTTP app.

Nothing connects here. The app's lifespan is the chassis' (migrate, start the producer, the relay and
the key follower), with identity's own start-up step: make sure a signing key set exists and is
published before the first token is asked for.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from argon2 import PasswordHasher, Type
from fastapi import FastAPI

from corridor_chassis.runtime import ServiceRuntime, create_service_app
from corridor_identity.adapters.key_store import OwnKeyRing, SigningKeyStore
from corridor_identity.domain.passwords import PasswordHashing
from corridor_identity.domain.refresh import RefreshPolicy
from corridor_identity.entrypoints.http import routers
from corridor_identity.entrypoints.http.deps import Clock, IdentityState
from corridor_identity.entrypoints.http.problems import install_identity_problems
from corridor_identity.service_layer.authority import Authority, TokenPolicy
from corridor_identity.service_layer.signing_keys import ensure_signing_keys
from corridor_identity.settings import Settings

MIGRATIONS = Path(__file__).parent / "migrations"


def utc_now() -> datetime:
    return datetime.now(UTC)


def build_runtime(settings: Settings) -> ServiceRuntime:
    return ServiceRuntime.build(settings, migrations=MIGRATIONS)


def build_authority(settings: Settings) -> Authority:
    hasher = PasswordHasher(time_cost=settings.argon2_time_cost, memory_cost=settings.argon2_memory_kib,
                            parallelism=settings.argon2_parallelism, type=Type.ID)
    keys = SigningKeyStore(issuer=settings.token_issuer, passphrase=settings.key_encryption_secret.encode(),
                           keyring=OwnKeyRing(settings.token_issuer))
    tokens = TokenPolicy(
        issuer=settings.token_issuer, audience=settings.token_audience,
        access_ttl=timedelta(seconds=settings.access_token_ttl_seconds),
        refresh=RefreshPolicy(token_ttl=timedelta(days=settings.refresh_token_ttl_days),
                              family_ttl=timedelta(days=settings.refresh_session_ttl_days)))
    return Authority(hashing=PasswordHashing(hasher), keys=keys, tokens=tokens,
                     invitation_ttl=timedelta(days=settings.invitation_ttl_days))


def build_app(settings: Settings | None = None, *, clock: Clock = utc_now) -> FastAPI:
    settings = settings or Settings()
    runtime = build_runtime(settings)
    authority = build_authority(settings)
    app = create_service_app(runtime, title="Identity: organisations, people, roles and tokens",
                             description="Registration, sign-in (OAuth 2.0 token endpoint), the directory, "
                                         "invitations, service accounts and the signing keys' JWKS.",
                             routers=routers())
    # Identity verifies tokens with the keys in its own store (see adapters/key_store.py).
    app.state.keyring = authority.keys.keyring
    app.state.identity = state = IdentityState(authority=authority, clock=clock, sessions=runtime.session_factory)
    install_identity_problems(app)

    async def make_sure_of_signing_keys() -> None:
        async with state.sessions() as session:
            await ensure_signing_keys(session, authority=authority, now=state.clock())

    runtime.add_startup_step("signing keys", make_sure_of_signing_keys)
    return app
