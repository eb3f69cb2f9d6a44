"""Refresh-token families: every use rotates the token; a second use of one revokes the family.

Why: a refresh token lives for days, so theft must be detectable. A family is one sign-in session;
each refresh spends the presented token and issues its successor. Only one party can hold the live
token, so when a spent token comes back, either the thief or the user is replaying it: the whole
family is revoked and both must sign in again (OAuth 2.0 Security BCP, refresh token rotation).
The store keeps SHA-256 hashes only and must spend a token atomically (update where not rotated).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID

from .errors import InvalidRefreshToken
from .opaque_tokens import hash_opaque_token, new_opaque_token


class RevocationReason(StrEnum):
    LOGOUT = "logout"
    DEACTIVATION = "deactivation"
    REUSE = "reuse"


@dataclass(frozen=True)
class RefreshPolicy:
    token_ttl: timedelta = timedelta(days=14)  # unused this long, the session ends
    family_ttl: timedelta = timedelta(days=30)  # however active, sign in again after this


@dataclass(frozen=True)
class RefreshFamily:
    id: UUID
    user_id: UUID
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None
    revocation_reason: RevocationReason | None = None


@dataclass(frozen=True)
class RefreshToken:
    """A stored token: its hash, never the token."""

    token_hash: str
    family_id: UUID
    issued_at: datetime
    expires_at: datetime
    rotated_at: datetime | None = None


@dataclass(frozen=True)
class IssuedRefreshToken:
    raw: str  # for the client, once; never stored
    record: RefreshToken


@dataclass(frozen=True)
class SessionStarted:
    family: RefreshFamily
    token: IssuedRefreshToken


@dataclass(frozen=True)
class Rotated:
    family: RefreshFamily
    spent: RefreshToken
    token: IssuedRefreshToken


@dataclass(frozen=True)
class ReuseDetected:
    """Save the revoked family, record the security event, then answer RefreshTokenReused."""

    family: RefreshFamily


def start_session(*, family_id: UUID, user_id: UUID, now: datetime,
                  policy: RefreshPolicy = RefreshPolicy()) -> SessionStarted:
    family = RefreshFamily(id=family_id, user_id=user_id, created_at=now, expires_at=now + policy.family_ttl)
    return SessionStarted(family, _issue(family, now, policy))


def rotate(family: RefreshFamily, presented: RefreshToken, *, now: datetime,
           policy: RefreshPolicy = RefreshPolicy()) -> Rotated | ReuseDetected:
    """Spend `presented` (found by the hash of what the client sent) and issue its successor."""
    if presented.family_id != family.id:
        raise ValueError("the token does not belong to this family")
    if family.revoked_at is not None:
        raise InvalidRefreshToken()
    if presented.rotated_at is not None:
        return ReuseDetected(revoke(family, RevocationReason.REUSE, now=now))
    if now >= presented.expires_at or now >= family.expires_at:
        raise InvalidRefreshToken()
    spent = replace(presented, rotated_at=now)
    return Rotated(family, spent, _issue(family, now, policy))


def revoke(family: RefreshFamily, reason: RevocationReason, *, now: datetime) -> RefreshFamily:
    """Idempotent: a family already revoked keeps its first reason."""
    if family.revoked_at is not None:
        return family
    return replace(family, revoked_at=now, revocation_reason=reason)


def revoke_all(families: Iterable[RefreshFamily], reason: RevocationReason, *,
               now: datetime) -> list[RefreshFamily]:
    """The families that this revocation changes, ready to save."""
    return [revoke(family, reason, now=now) for family in families if family.revoked_at is None]


def _issue(family: RefreshFamily, now: datetime, policy: RefreshPolicy) -> IssuedRefreshToken:
    raw = new_opaque_token()
    record = RefreshToken(token_hash=hash_opaque_token(raw), family_id=family.id, issued_at=now,
                          expires_at=min(now + policy.token_ttl, family.expires_at))
    return IssuedRefreshToken(raw, record)
