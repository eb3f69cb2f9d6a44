"""The fan-out consumer: one handler for every event this service hears, inside the inbox transaction.

For each event: update the projections it feeds, re-resolve the intents that were waiting on those
rows, then record the event's own notifications. One consumer group over all five topics, so the
projection change and the notifications it unblocks commit together with the inbox row. The group
runs in the chassis' batch mode: the events of one polled batch of a partition share a transaction
(and the lookups remembered in it), which is what lets the fan-out keep up with a busy corridor.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from corridor_chassis.messaging.consumer import Handler
from corridor_contracts.base import Event
from corridor_contracts.envelope import Envelope
from corridor_contracts.topics import IDENTITY_ORGANIZATION, IDENTITY_USER, PROJECTS_PROJECT, REQUESTS_REQUEST, SLA_CLOCK
from corridor_notifications.domain.audience import NOTIFYING_EVENTS
from corridor_notifications.service_layer.fan_out import FanOut, record_event, resolve_waiting
from corridor_notifications.service_layer.projections import PROJECTED_EVENTS, apply_to_projections

FAN_OUT_TOPICS = [IDENTITY_ORGANIZATION, IDENTITY_USER, PROJECTS_PROJECT, REQUESTS_REQUEST, SLA_CLOCK]


def fan_out_handlers(fan_out: FanOut, clock: Callable[[], datetime]) -> dict[type[Event], Handler]:
    async def on_event(session: AsyncSession, envelope: Envelope) -> None:
        now = clock()
        changed = await apply_to_projections(session, envelope.data)
        await resolve_waiting(session, keys=changed, fan_out=fan_out, now=now)
        await record_event(session, envelope, fan_out=fan_out, now=now)

    return {event_type: on_event for event_type in (*PROJECTED_EVENTS, *NOTIFYING_EVENTS)}
