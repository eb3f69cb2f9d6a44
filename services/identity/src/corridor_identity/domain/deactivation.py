"""Deactivation: an administrator ends a user's access; every session of theirs ends with it.

Why: deactivating a user while their refresh tokens still work would leave them signed in for
weeks. Access tokens already issued stay valid until they expire (at most their 10-minute TTL);
other services learn of the deactivation from the UserDeactivated event.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from .errors import AlreadyDeactivated, NotPermitted
from .refresh import RefreshFamily, RevocationReason, revoke_all
from .roles import Permission, require_permission
from .users import User


@dataclass(frozen=True)
class Deactivated:
    user: User
    revoked_sessions: list[RefreshFamily]


def deactivate_user(target: User, *, actor: User, sessions: Iterable[RefreshFamily],
                    now: datetime) -> Deactivated:
    """`sessions` are the target's refresh families; those still live come back revoked, to save."""
    if not actor.active:
        raise NotPermitted("a deactivated user deactivates nobody")
    require_permission(actor.roles, Permission.DEACTIVATE_USER)
    if actor.id == target.id:
        raise NotPermitted("administrators cannot deactivate themselves")
    if not target.active:
        raise AlreadyDeactivated(f"the user was deactivated on {target.deactivated_at:%Y-%m-%d}")
    sessions = list(sessions)
    if any(session.user_id != target.id for session in sessions):
        raise ValueError("a session of another user was given")
    return Deactivated(replace(target, deactivated_at=now),
                       revoke_all(sessions, RevocationReason.DEACTIVATION, now=now))
