"""Transactional outbox: an event is stored in the same transaction as the change it describes.

Why: publishing to Kafka after a commit loses the event if the process dies in between, and
publishing before it announces changes that may roll back. The relay (relay.py) publishes later.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

from opentelemetry import propagate
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_contracts.base import Event
from corridor_contracts.envelope import Envelope, to_kafka
from corridor_chassis.messaging.tables import outbox

# The relay waits on this between polls; an enqueue in this process wakes it at once (after commit
# the relay finds the row; before commit it finds nothing and polls again, which is harmless).
outbox_wakeup = asyncio.Event()


async def enqueue(session: AsyncSession, event: Event | Envelope, *, source: str | None = None) -> Envelope:
    """Add the event to the outbox inside the caller's transaction; the caller commits."""
    if isinstance(event, Envelope):
        envelope = event
    else:
        carrier: dict[str, str] = {}
        propagate.inject(carrier)
        envelope = Envelope.wrap(event, source=source, trace_headers=carrier)
    record = to_kafka(envelope)
    await session.execute(
        outbox.insert().values(
            event_id=envelope.id,
            event_type=envelope.type,
            topic=record.topic,
            key=record.key.decode(),
            value=record.value.decode(),
            headers=[[name, value.decode()] for name, value in record.headers],
            created_at=datetime.now(timezone.utc),
        )
    )
    outbox_wakeup.set()
    return envelope
