"""Where identity keeps its signing keys, and the key ring it verifies its own tokens with.

Why: the key set lives in the service's database (private halves encrypted with
GC_KEY_ENCRYPTION_SECRET), so every replica signs with the same active key and a restart changes
nothing. A version number on the set makes two replicas rotating at once conflict instead of
publishing two different sets.

Identity verifies the tokens presented to its own API against the keys it read from its store,
not against the signing-keys topic as other services do: it is the source of those keys, and a
topic shared with other identities (tests on one broker) must not change whom it trusts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_chassis.auth import AUDIENCE, KeyRing
from corridor_identity.adapters.tables import signing_key_sets, signing_keys
from corridor_identity.domain.signing_keys import KeySet, SigningKey, load_signing_key


class ConcurrentKeyChange(Exception):
    """Another replica changed the key set since it was read; read it again."""


class OwnKeyRing(KeyRing):
    """The chassis KeyRing, expecting this identity's issuer (configurable for tests)."""

    def __init__(self, issuer: str) -> None:
        super().__init__()
        self.issuer = issuer

    def verify(self, token: str, *, audience: str = AUDIENCE, issuer: str | None = None) -> dict[str, Any]:
        return super().verify(token, audience=audience, issuer=issuer or self.issuer)


@dataclass(frozen=True)
class StoredKeySet:
    keys: KeySet
    version: int


class SigningKeyStore:
    def __init__(self, *, issuer: str, passphrase: bytes, keyring: OwnKeyRing) -> None:
        self.issuer = issuer
        self.passphrase = passphrase
        self.keyring = keyring

    async def load(self, session: AsyncSession) -> StoredKeySet | None:
        """The stored set (None before the first start); the key ring trusts what was read."""
        header = (await session.execute(
            select(signing_key_sets).where(signing_key_sets.c.issuer == self.issuer))).first()
        if header is None:
            return None
        rows = (await session.execute(select(signing_keys).where(signing_keys.c.issuer == self.issuer))).all()
        by_kid = {row.kid: load_signing_key(row.private_key_pem.encode(), self.passphrase,
                                            created_at=row.created_at, retired_at=row.retired_at)
                  for row in rows}
        retired = sorted((key for key in by_kid.values() if key.retired_at), key=lambda key: key.retired_at,
                         reverse=True)
        stored = StoredKeySet(KeySet(active=by_kid[header.active_kid], upcoming=by_kid[header.upcoming_kid],
                                     retired=tuple(retired)), header.version)
        self.trust(stored.keys)
        return stored

    async def create(self, session: AsyncSession, keys: KeySet, *, now: datetime) -> None:
        """Store the first set; a concurrent first start of another replica makes this fail on the key."""
        await session.execute(insert(signing_key_sets).values(
            issuer=self.issuer, version=1, active_kid=keys.active.kid, upcoming_kid=keys.upcoming.kid,
            updated_at=now))
        for key in keys.published():
            await self._insert(session, key)

    async def replace(self, session: AsyncSession, stored: StoredKeySet, keys: KeySet, *, now: datetime) -> None:
        result = await session.execute(
            update(signing_key_sets)
            .where(signing_key_sets.c.issuer == self.issuer, signing_key_sets.c.version == stored.version)
            .values(version=stored.version + 1, active_kid=keys.active.kid, upcoming_kid=keys.upcoming.kid,
                    updated_at=now))
        if result.rowcount != 1:
            raise ConcurrentKeyChange()
        before = {key.kid: key for key in stored.keys.published()}
        after = {key.kid: key for key in keys.published()}
        for kid, key in after.items():
            if kid not in before:
                await self._insert(session, key)
            elif key.retired_at != before[kid].retired_at:
                await session.execute(update(signing_keys).where(signing_keys.c.kid == kid)
                                      .values(retired_at=key.retired_at))
        if dropped := set(before) - set(after):
            # A key no longer published signs nothing and verifies nothing: its private half goes.
            await session.execute(delete(signing_keys).where(signing_keys.c.kid.in_(dropped)))

    def trust(self, keys: KeySet) -> None:
        if self.keyring.key_ids != {key.kid for key in keys.published()}:
            self.keyring.update(keys.jwks())

    async def _insert(self, session: AsyncSession, key: SigningKey) -> None:
        await session.execute(insert(signing_keys).values(
            kid=key.kid, issuer=self.issuer, private_key_pem=key.private_pem(self.passphrase).decode(),
            created_at=key.created_at, retired_at=key.retired_at))
