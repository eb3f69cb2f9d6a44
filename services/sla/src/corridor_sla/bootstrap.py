"""Composition root of the sla service: the chassis runtime, the faust worker inside it, the HTTP app.

Nothing connects here; the app's lifespan starts the chassis (migrations, topics, producer), whose
start-up steps create the clock-ticks topic, add the shipped named SLA policies the store lacks and
load the rules; then the outbox relay, and the stream worker as a background task: /readyz reports
ready once it has recovered.
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
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from corridor_chassis.messaging.admin import create_topics
from corridor_chassis.runtime import ServiceRuntime, create_service_app
from corridor_contracts.topics import REQUESTS_REQUEST, TOPICS
from corridor_sla.adapters.metrics import publish_compliance
from corridor_sla.adapters.policy_seed import shipped_named_policies
from corridor_sla.adapters.stream import ClockStream
from corridor_sla.domain.policy import SlaPolicy
from corridor_sla.entrypoints.http import routers
from corridor_sla.entrypoints.stream import ClockWorker
from corridor_sla.service_layer.clocks import EscalationTargets
from corridor_sla.service_layer.queries import dashboard_stats
from corridor_sla.service_layer.rules import RuleDefaults, seed_named_policies
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
class ClockService:
    """What the sla service runs beside the chassis' parts: the faust clock stream and its worker, and
    the compliance gauges. The chassis runtime starts them (start-up steps, background tasks) and
    stops the stream before the store closes, so its last changelog and store writes land."""

    settings: Settings
    session_factory: async_sessionmaker[AsyncSession]
    worker: ClockWorker
    stream: ClockStream

    def attach(self, runtime: ServiceRuntime) -> None:
        runtime.add_startup_step("clock ticks topic", self.create_ticks_topic)
        runtime.add_startup_step("shipped SLA policies", self.seed_named_policies)
        runtime.add_startup_step("SLA rules", self.worker.load_rules)
        runtime.add_background_task("stream", self.run_stream, healthy=lambda: self.stream.ready)
        runtime.add_background_task("compliance gauges", self.refresh_metrics_forever)

    async def create_ticks_topic(self) -> None:
        await create_topics(self.settings.kafka_client_options(), [NewTopic(
            self.stream.ticks_topic, self.stream.partitions, self.settings.sla_topic_replication_factor,
            topic_configs={"retention.ms": str(24 * 3600 * 1000)})])

    async def seed_named_policies(self) -> None:
        try:
            async with self.session_factory() as session, session.begin():
                added = await seed_named_policies(session, policies=shipped_named_policies(), now=self.worker.now())
        except IntegrityError:
            log.info("another replica added the shipped SLA policies first")
            return
        if added:
            log.info("added the shipped SLA policies %s", ", ".join(added))

    async def run_stream(self) -> None:
        await self.stream.start()
        try:
            await asyncio.Event().wait()  # until the runtime cancels it at stop
        finally:
            await self.stream.stop()

    async def refresh_metrics(self) -> None:
        window = timedelta(days=self.settings.sla_metrics_window_days)
        async with self.session_factory() as session:
            stats = await dashboard_stats(session, closed_since=(self.worker.now() - window).date())
        publish_compliance(stats)

    async def refresh_metrics_forever(self) -> None:
        while True:
            try:
                await self.refresh_metrics()
            except Exception:
                log.exception("could not refresh the compliance gauges")
            await asyncio.sleep(self.settings.sla_metrics_refresh_seconds)


def build_runtime(settings: Settings, *, now: Callable[[], datetime] = system_now) -> tuple[ServiceRuntime, ClockService]:
    runtime = ServiceRuntime.build(settings, migrations=MIGRATIONS)
    source = TOPICS[REQUESTS_REQUEST]
    if settings.sla_source_topic != source.name:
        runtime.extra_topics.append(replace(source, name=settings.sla_source_topic))
    defaults = RuleDefaults(settings.sla_time_zone,
                            SlaPolicy("default", target_working_days=settings.sla_default_target_working_days))
    worker = ClockWorker(session_factory=runtime.session_factory, defaults=defaults,
                         targets=EscalationTargets(settings.sla_agency_organization_id), now=now)
    stream = ClockStream(settings, partitions=source.partitions, handler=worker.handle,
                         max_attempts=settings.consumer_max_attempts,
                         retry_base_seconds=settings.consumer_retry_base_seconds)
    worker.stream = stream
    stream.add_timer(settings.sla_timer_seconds, worker.sweep)
    clocks = ClockService(settings, runtime.session_factory, worker, stream)
    clocks.attach(runtime)
    return runtime, clocks


def build_app(settings: Settings | None = None, *, now: Callable[[], datetime] = system_now) -> FastAPI:
    settings = settings or Settings()
    runtime, clocks = build_runtime(settings, now=now)
    app = create_service_app(runtime, title="SLA: working-day clocks and compliance", routers=routers(),
                             description="Production calendar, SLA policies, request clocks and compliance.")
    app.state.clocks = clocks
    app.state.sla_defaults = clocks.worker.defaults
    app.state.now = now
    return app
