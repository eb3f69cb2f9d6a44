"""The consumer of `requests.supplier-responses.v1`: the chassis inbox consumer plus the sender's token.

Why: who wrote a record is not in the event but in the record's `authorization` header (ADR 0006), and
the chassis hands handlers only the parsed envelope. This subclass reads the header for each record
and makes it available to the handler through a context variable for the duration of that record, so
inbox de-duplication, retries and dead-lettering stay exactly the chassis'.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextvars import ContextVar
from datetime import datetime

from aiokafka import ConsumerRecord
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_chassis.auth import KeyRing
from corridor_chassis.messaging.consumer import EventConsumer, Handler
from corridor_contracts.envelope import Envelope
from corridor_requests.service_layer.deployment import Deployment
from corridor_requests.service_layer.supplier_responses import apply_supplier_response

AUTHORIZATION_HEADER = "authorization"
_presented_token: ContextVar[str | None] = ContextVar("supplier_access_token", default=None)


def bearer_token(headers: Iterable[tuple[str, bytes]] | None) -> str | None:
    for name, value in headers or ():
        if name.lower() == AUTHORIZATION_HEADER:
            scheme, _, token = value.decode("latin-1").partition(" ")
            return (token.strip() or None) if scheme.lower() == "bearer" else None
    return None


class SupplierResponseConsumer(EventConsumer):
    async def process(self, record: ConsumerRecord) -> None:
        reset = _presented_token.set(bearer_token(record.headers))
        try:
            await super().process(record)
        finally:
            _presented_token.reset(reset)


def supplier_response_handler(*, keyring: KeyRing, deployment: Deployment,
                              clock: Callable[[], datetime]) -> Handler:
    async def on_response(session: AsyncSession, envelope: Envelope) -> None:
        await apply_supplier_response(session=session, keyring=keyring, deployment=deployment, envelope=envelope,
                                      token=_presented_token.get(), now=clock())

    return on_response
