"""Use cases of the signing keys: make sure a set exists, rotate it, and publish every change.

Why the outbox: the other services trust exactly the keys they read from the signing-keys topic, so
a change of the stored set and the SigningKeysPublished event describing it commit together — a
rotation is never stored without being published, nor published without being stored.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_chassis.messaging.outbox import enqueue
from corridor_identity.adapters.audit_log import AuditLog
from corridor_identity.adapters.key_store import ConcurrentKeyChange
from corridor_identity.domain.audit import AuditEvent, AuditEventKind
from corridor_identity.domain.roles import Permission, require_permission
from corridor_identity.domain.signing_keys import KeySet, prune_retired, rotate_keys, start_key_set
from corridor_identity.service_layer.actors import require_actor
from corridor_identity.service_layer.authority import Authority
from corridor_identity.service_layer.errors import KeySetChanged
from corridor_identity.service_layer.published_events import signing_keys_published


async def ensure_signing_keys(session: AsyncSession, *, authority: Authority, now: datetime) -> KeySet:
    """At start: create the first key set, or stop publishing retired keys whose tokens have expired.

    Publishes the set whenever it changes. Replicas starting together race on the first set; the
    loser finds the winner's set on its second look.
    """
    for _ in range(2):
        stored = await authority.keys.load(session)
        try:
            if stored is None:
                keys = start_key_set(now=now)
                await authority.keys.create(session, keys, now=now)
                await _publish(session, keys, authority=authority, kind=AuditEventKind.KEYS_CREATED, now=now)
            else:
                keys = prune_retired(stored.keys, now=now, keep_retired_for=authority.tokens.keep_retired_keys_for)
                if _kids(keys) == _kids(stored.keys):
                    await session.rollback()
                    return keys
                await authority.keys.replace(session, stored, keys, now=now)
                await _publish(session, keys, authority=authority, kind=None, now=now)
            await session.commit()
        except (IntegrityError, ConcurrentKeyChange):
            await session.rollback()
            continue
        authority.keys.trust(keys)
        return keys
    raise KeySetChanged("another replica keeps changing the signing keys")


async def rotate_signing_keys(session: AsyncSession, *, actor_id: UUID, compromised: bool, authority: Authority,
                              now: datetime) -> KeySet:
    """The upcoming key starts signing; the old active one retires (or, if compromised, is dropped)."""
    actor = await require_actor(session, actor_id)
    require_permission(actor.roles, Permission.ROTATE_SIGNING_KEYS)
    stored = await authority.keys.load(session)
    if stored is None:
        raise RuntimeError("no signing keys yet: the service creates them at start")
    keys = rotate_keys(stored.keys, now=now, keep_retired_for=authority.tokens.keep_retired_keys_for,
                       compromised=compromised)
    try:
        await authority.keys.replace(session, stored, keys, now=now)
    except ConcurrentKeyChange:
        raise KeySetChanged() from None
    await _publish(session, keys, authority=authority, kind=AuditEventKind.KEY_ROTATED, now=now, actor=actor_id,
                   details={"retired_kid": stored.keys.active.kid, "compromised": str(compromised).lower()})
    await session.commit()
    authority.keys.trust(keys)
    return keys


async def published_keys(session: AsyncSession, *, authority: Authority) -> KeySet:
    stored = await authority.keys.load(session)
    if stored is None:
        raise RuntimeError("no signing keys yet: the service creates them at start")
    return stored.keys


def _kids(keys: KeySet) -> set[str]:
    return {key.kid for key in keys.published()}


async def _publish(session: AsyncSession, keys: KeySet, *, authority: Authority, kind: AuditEventKind | None,
                   now: datetime, actor: UUID | None = None, details: dict[str, str] | None = None) -> None:
    await enqueue(session, signing_keys_published(keys, issuer=authority.tokens.issuer, now=now))
    if kind is not None:
        await AuditLog(session).record(AuditEvent(
            kind, now, actor=str(actor) if actor else None, subject=keys.active.kid,
            details={"published_kids": " ".join(key.kid for key in keys.published()), **(details or {})}))
