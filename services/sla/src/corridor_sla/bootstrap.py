"""Composition root of the sla service: the chassis runtime, the faust worker inside it, the HTTP app.

Nothing connects here; the app's lifespan starts the chassis (migrations, topics, producer, outbox
relay), then the stream worker in the background, and /readyz reports ready once it has recovered.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from aiokafka.admin import NewTopic
from fastapi import FastAPI

from corridor_chassis.messaging.admin import create_topics
from corridor_chassis.runtime import ServiceRuntime, create_service_app
from corridor_contracts.topics import REQUESTS_REQUEST, TOPICS
from corridor_sla.adapters.metrics import publish_compliance
from corridor_sla.adapters.stream import ClockStream
from corridor_sla.domain.policy import SlaPolicy
from corridor_sla.entrypoints.http import routers
from corridor_sla.entrypoints.stream import ClockWorker
from corridor_sla.service_layer.clocks import EscalationTargets
from corridor_sla.service_layer.queries import dashboard_stats
from corridor_sla.service_layer.rules import RuleDefaults
from corridor_sla.settings import Settings

MIGRATIONS = Path(__file__).parent / "migrations"
log = logging.getLogger(__name__)


def system_now() -> datetime:
    return datetime.now(timezone.utc)


def clock_for(settings: Settings) -> Callable[[], datetime]:
    """The system clock, moved by GC_SLA_CLOCK_OFFSET_SECONDS (a development and test hook, see settings)."""
    if not settings.sla_clock_offset_seconds:
        return system_now
    offset = timedelta(seconds=settings.sla_clock_offset_seconds)
    return lambda: system_now() + offset


@dataclass
class SlaRuntime(ServiceRuntime):
    """The chassis runtime plus the clock worker and the compliance gauges' refresher."""

    worker: ClockWorker | None = None
    stream: ClockStream | None = None

    async def start(self) -> None:
        await super().start()
        settings: Settings = self.settings
        await create_topics(self.settings.kafka_client_options(), [NewTopic(
            self.stream.ticks_topic, self.stream.partitions, settings.sla_topic_replication_factor,
            topic_configs={"retention.ms": str(24 * 3600 * 1000)})])
        await self.worker.load_rules()
        await self.stream.start()
        self._tasks.append(asyncio.create_task(self._refresh_metrics_forever(), name="sla-metrics"))

    async def stop(self) -> None:
        await self.stream.stop()  # first: it flushes the changelog and writes to the store
        await super().stop()

    def readiness(self) -> dict[str, bool]:
        return super().readiness() | {"stream": self.stream.ready}

    async def refresh_metrics(self) -> None:
        window = timedelta(days=self.settings.sla_metrics_window_days)
        async with self.session_factory() as session:
            stats = await dashboard_stats(session, closed_since=(self.worker.now() - window).date())
        publish_compliance(stats)

    async def _refresh_metrics_forever(self) -> None:
        while True:
            try:
                await self.refresh_metrics()
            except Exception:
                log.exception("could not refresh the compliance gauges")
            await asyncio.sleep(self.settings.sla_metrics_refresh_seconds)


def build_runtime(settings: Settings, *, now: Callable[[], datetime] = system_now) -> SlaRuntime:
    runtime = SlaRuntime.build(settings, migrations=MIGRATIONS)
    source = TOPICS[REQUESTS_REQUEST]
    if settings.sla_source_topic != source.name:
        runtime.extra_topics.append(replace(source, name=settings.sla_source_topic))
    defaults = RuleDefaults(settings.sla_time_zone,
                            SlaPolicy("default", target_working_days=settings.sla_default_target_working_days))
    runtime.worker = ClockWorker(session_factory=runtime.session_factory, defaults=defaults,
                                 targets=EscalationTargets(settings.sla_agency_organization_id), now=now)
    runtime.stream = ClockStream(settings, partitions=source.partitions, handler=runtime.worker.handle,
                                 max_attempts=settings.consumer_max_attempts,
                                 retry_base_seconds=settings.consumer_retry_base_seconds)
    runtime.worker.stream = runtime.stream
    runtime.stream.add_timer(settings.sla_timer_seconds, runtime.worker.sweep)
    return runtime


def build_app(settings: Settings | None = None, *, now: Callable[[], datetime] = system_now) -> FastAPI:
    settings = settings or Settings()
    runtime = build_runtime(settings, now=now)
    app = create_service_app(runtime, title="SLA: working-day clocks and compliance", routers=routers(),
                             description="Production calendar, SLA policies, request clocks and compliance.")
    app.state.sla_defaults = runtime.worker.defaults
    app.state.now = now
    return app
