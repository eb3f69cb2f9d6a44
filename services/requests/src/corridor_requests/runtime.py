"""The chassis runtime, plus what this service starts beside it.

Why: the supplier responses need a consumer that sees record headers (entrypoints/supplier_responses.py),
which the chassis' `subscribe` cannot build; and on start the catalogue is seeded into a new store and
every known supplier's request topic is made to exist before the relay may publish to it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy.exc import IntegrityError

from corridor_chassis.messaging.consumer import Handler
from corridor_chassis.runtime import ServiceRuntime
from corridor_contracts.events.suppliers import SupplierResponded
from corridor_contracts.topics import SUPPLIER_RESPONSES
from corridor_requests.adapters.catalogue_store import seed_if_empty
from corridor_requests.adapters.directory import supplier_short_codes
from corridor_requests.adapters.supplier_topics import SupplierTopics
from corridor_requests.entrypoints.supplier_responses import SupplierResponseConsumer

log = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class RequestsRuntime(ServiceRuntime):
    clock: Callable[[], datetime] = utc_now
    supplier_topics: SupplierTopics | None = None
    supplier_response_handler: Handler | None = None
    supplier_response_group: str = "requests.supplier-responses"
    _own_tasks: list[asyncio.Task] = field(default_factory=list)

    async def start(self) -> None:
        await super().start()
        try:
            async with self.session_factory() as session, session.begin():
                await seed_if_empty(session, at=self.clock())
        except IntegrityError:
            log.info("another replica seeded the catalogue first")
        async with self.session_factory() as session:
            await self.supplier_topics.ensure(await supplier_short_codes(session))
        consumer = SupplierResponseConsumer(
            name=self.supplier_response_group, topics=[SUPPLIER_RESPONSES],
            handlers={SupplierResponded: self.supplier_response_handler}, session_factory=self.session_factory,
            producer=self.producer, kafka_options=self.settings.kafka_client_options(),
            max_attempts=self.settings.consumer_max_attempts,
            retry_base_seconds=self.settings.consumer_retry_base_seconds)
        self.consumers.append(consumer)
        self._own_tasks.append(asyncio.create_task(consumer.run(), name=f"{self.service}-{consumer.name}"))

    async def stop(self) -> None:
        for task in self._own_tasks:
            task.cancel()
        await asyncio.gather(*self._own_tasks, return_exceptions=True)
        self._own_tasks.clear()
        await super().stop()
