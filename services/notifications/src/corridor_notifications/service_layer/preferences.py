"""Each person's choice of channels per notification kind: defaults, overridden where they said so."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_contracts.events.notifications import Channel
from corridor_notifications.adapters.tables import preference
from corridor_notifications.adapters.transaction_cache import forget, remembered
from corridor_notifications.adapters.upserts import upsert
from corridor_notifications.domain.kinds import PERSONAL_CHANNELS, NotificationKind, enabled_by_default

Matrix = dict[NotificationKind, dict[Channel, bool]]


async def preference_matrix(session: AsyncSession, *, user_id: uuid.UUID) -> Matrix:
    """Every kind × personal channel, on or off, for this person."""
    known = remembered(session, "preference")
    if user_id not in known:
        known[user_id] = {(row.kind, row.channel): row.enabled for row in
                          await session.execute(select(preference).where(preference.c.user_id == user_id))}
    overrides = known[user_id]
    return {kind: {channel: overrides.get((kind.value, channel.value), enabled_by_default(kind, channel))
                   for channel in PERSONAL_CHANNELS} for kind in NotificationKind}


async def enabled_channels(session: AsyncSession, *, user_id: uuid.UUID, kind: NotificationKind) -> list[Channel]:
    matrix = await preference_matrix(session, user_id=user_id)
    return [channel for channel, enabled in matrix[kind].items() if enabled]


async def set_preferences(session: AsyncSession, *, user_id: uuid.UUID,
                          choices: Iterable[tuple[NotificationKind, Channel, bool]]) -> Matrix:
    """Record the choices given (the rest stay as they were) and return the whole matrix."""
    forget(session, "preference")
    for kind, channel, enabled in choices:
        await upsert(session, preference, {"user_id": user_id, "kind": kind.value, "channel": channel.value,
                                           "enabled": enabled}, ["user_id", "kind", "channel"])
    return await preference_matrix(session, user_id=user_id)
