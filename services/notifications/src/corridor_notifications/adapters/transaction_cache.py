"""Lookups remembered until the end of the transaction that made them, and forgotten by the writes
that change them.

Why: the fan-out consumer applies a polled batch of events in one transaction, and one event after
another names the same organisations, people, projects, preferences and webhooks; asking the store
again each time was six of the 21 statements a filed request cost the fan-out. Nothing outlives its
transaction (a new one starts with nothing remembered), and each write of a remembered table in this
service forgets what it may have changed, so a transaction still reads its own writes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

_KEY = "corridor_notifications.remembered"


def remembered(session: AsyncSession, name: str) -> dict[Any, Any]:
    """The lookups called `name` made so far in the session's current transaction (fill it as you look)."""
    transaction = session.sync_session.get_transaction()
    if transaction is None:
        return {}  # no transaction yet: nothing to remember it by
    kept = session.info.get(_KEY)
    if kept is None or kept[0] is not transaction:
        kept = session.info[_KEY] = (transaction, {})
    return kept[1].setdefault(name, {})


def forget(session: AsyncSession, *names: str) -> None:
    """Drop what the current transaction remembered under `names` (a write is about to change it)."""
    if (kept := session.info.get(_KEY)) is not None:
        for name in names:
            kept[1].pop(name, None)
