"""What identity signs and checks with: password hashing, the signing keys and the token lifetimes.

Why one object: nearly every use case that touches credentials needs some of these, and the
composition root (bootstrap.py) builds them once from the settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from corridor_identity.adapters.key_store import SigningKeyStore
from corridor_identity.domain.invitations import INVITATION_TTL
from corridor_identity.domain.passwords import PasswordHashing, PasswordPolicy
from corridor_identity.domain.refresh import RefreshPolicy
from corridor_identity.domain.tokens import ACCESS_TOKEN_TTL, AccessClaims, IssuedAccessToken, issue_access_token

# Verifiers' clocks may run a little behind ours; a retired key stays published this much longer.
CLOCK_LEEWAY = timedelta(minutes=1)


@dataclass(frozen=True)
class TokenPolicy:
    issuer: str
    audience: str
    access_ttl: timedelta = ACCESS_TOKEN_TTL
    refresh: RefreshPolicy = field(default_factory=RefreshPolicy)

    @property
    def keep_retired_keys_for(self) -> timedelta:
        """A retired key verifies the tokens it signed until the last of them has expired."""
        return self.access_ttl + CLOCK_LEEWAY


@dataclass(frozen=True)
class Authority:
    hashing: PasswordHashing
    keys: SigningKeyStore
    tokens: TokenPolicy
    passwords: PasswordPolicy = field(default_factory=PasswordPolicy)
    invitation_ttl: timedelta = INVITATION_TTL

    async def sign(self, session: AsyncSession, claims: AccessClaims, *, now: datetime) -> IssuedAccessToken:
        """An access token signed with the active key as stored now (another replica may have rotated)."""
        stored = await self.keys.load(session)
        if stored is None:
            raise RuntimeError("no signing keys yet: the service creates them at start")
        return issue_access_token(stored.keys, claims, issuer=self.tokens.issuer, audience=self.tokens.audience,
                                  now=now, ttl=self.tokens.access_ttl)
