"""The running parts of one service process and the FastAPI app around them.

A service's composition root (its bootstrap.py) builds a ServiceRuntime: engine, producer, outbox
relay and consumers, plus its own start-up steps and background loops. Nothing connects at import
time; the app's lifespan migrates the store, creates the service's topics, starts the producer, runs
the start-up steps, starts the relay, the consumers and the background loops, and stops them in reverse.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError
from fastapi import APIRouter, FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from corridor_contracts.base import Event
from corridor_contracts.topics import TopicSpec, topics_consumed_by, topics_produced_by
from corridor_chassis.auth import KeyRing, KeyRingFollower
from corridor_chassis.database import create_engine, create_session_factory
from corridor_chassis.errors import install_problem_handlers
from corridor_chassis.health import health_router
from corridor_chassis.messaging.admin import ensure_topics
from corridor_chassis.messaging.consumer import EventConsumer, Handler
from corridor_chassis.messaging.relay import OutboxRelay
from corridor_chassis.migrations import upgrade_to_head
from corridor_chassis.settings import ServiceSettings
from corridor_chassis.telemetry import configure_logging, configure_telemetry, instrument

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Subscription:
    group: str
    topics: list[str]
    handlers: Mapping[type[Event], Handler]
    auto_offset_reset: str = "earliest"
    consumer_class: type[EventConsumer] = EventConsumer
    batch: bool = False


@dataclass(frozen=True)
class StartupStep:
    """One-off work before the service takes traffic (seeding its catalogue, making sure it has keys)."""

    name: str
    run: Callable[[], Awaitable[None]]


@dataclass(frozen=True)
class BackgroundTask:
    """A long-running loop of the service (a delivery worker, a timer) started after the consumers."""

    name: str
    run: Callable[[], Awaitable[None]]
    healthy: Callable[[], bool] = lambda: True


@dataclass
class ServiceRuntime:
    settings: ServiceSettings
    migrations: Path
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    producer: AIOKafkaProducer | None = None
    relay: OutboxRelay | None = None
    consumers: list[EventConsumer] = field(default_factory=list)
    extra_topics: list[TopicSpec] = field(default_factory=list)
    keyring: KeyRing = field(default_factory=KeyRing)
    subscriptions: list[Subscription] = field(default_factory=list)
    startup_steps: list[StartupStep] = field(default_factory=list)
    background: list[BackgroundTask] = field(default_factory=list)
    _tasks: list[asyncio.Task] = field(default_factory=list)

    @classmethod
    def build(cls, settings: ServiceSettings, *, migrations: Path) -> "ServiceRuntime":
        engine = create_engine(settings.database_url)
        return cls(settings=settings, migrations=migrations, engine=engine,
                   session_factory=create_session_factory(engine))

    @property
    def service(self) -> str:
        return self.settings.service_name

    def subscribe(self, topics: Iterable[str], handlers: Mapping[type[Event], Handler], *,
                  group: str | None = None, auto_offset_reset: str = "earliest",
                  consumer_class: type[EventConsumer] = EventConsumer, batch: bool = False) -> None:
        """Register a consumer group of this service; it starts with the runtime.

        `auto_offset_reset` applies only to a group with no committed offsets: "earliest" rebuilds a
        projection from the topic's history, "latest" starts from now. `consumer_class` is for a
        consumer that must see more of a record than its event (e.g. a credential in its headers).
        `batch` applies each polled batch of a partition in one transaction (see EventConsumer).
        """
        topics = list(topics)
        name = group or f"{self.service}.{'+'.join(sorted(topics))}"
        self.subscriptions.append(Subscription(name, topics, handlers, auto_offset_reset, consumer_class, batch))

    def add_startup_step(self, name: str, run: Callable[[], Awaitable[None]]) -> None:
        """Await `run()` at start, in the order added: after the store is migrated and the topics exist
        (so a step may write outbox rows), before the relay, the consumers and the background loops."""
        self.startup_steps.append(StartupStep(name, run))

    def add_background_task(self, name: str, run: Callable[[], Awaitable[None]], *,
                            healthy: Callable[[], bool] = lambda: True) -> None:
        """Run `run()` while the service runs; it is cancelled first at stop and `healthy` joins /readyz."""
        self.background.append(BackgroundTask(name, run, healthy))

    async def start(self) -> None:
        if self.settings.migrate_on_start:
            await upgrade_to_head(self.engine, self.migrations)
        options = self.settings.kafka_client_options()
        await self._wait_for_broker(options)
        self.producer = AIOKafkaProducer(**options, enable_idempotence=True, acks="all",
                                         linger_ms=5, request_timeout_ms=30_000)
        await self.producer.start()
        for step in self.startup_steps:
            log.info("%s start-up: %s", self.service, step.name)
            await step.run()
        self.relay = OutboxRelay(service=self.service, engine=self.engine, session_factory=self.session_factory,
                                 producer=self.producer, batch_size=self.settings.relay_batch_size,
                                 poll_seconds=self.settings.relay_poll_seconds)
        self._tasks.append(asyncio.create_task(self.relay.run(), name=f"{self.service}-relay"))
        follower = KeyRingFollower(self.keyring, options)
        self._tasks.append(asyncio.create_task(follower.run(), name=f"{self.service}-signing-keys"))
        for subscription in self.subscriptions:
            consumer = subscription.consumer_class(
                name=subscription.group, topics=subscription.topics, handlers=subscription.handlers,
                session_factory=self.session_factory,
                producer=self.producer, kafka_options=options, max_attempts=self.settings.consumer_max_attempts,
                retry_base_seconds=self.settings.consumer_retry_base_seconds,
                auto_offset_reset=subscription.auto_offset_reset, batch=subscription.batch)
            self.consumers.append(consumer)
            self._tasks.append(asyncio.create_task(consumer.run(), name=f"{self.service}-{consumer.name}"))
        for task in self.background:
            self._tasks.append(asyncio.create_task(task.run(), name=f"{self.service}-{task.name}"))
        log.info("%s started: database %s, kafka %s", self.service,
                 self.engine.url.render_as_string(hide_password=True), self.settings.kafka_bootstrap_servers)

    async def _wait_for_broker(self, options: Mapping[str, object]) -> None:
        """Create this service's topics, waiting for the broker: processes may start before it answers."""
        specs = [*topics_produced_by(self.service), *topics_consumed_by(self.service), *self.extra_topics]
        deadline = asyncio.get_running_loop().time() + self.settings.kafka_startup_timeout_seconds
        while True:
            try:
                await ensure_topics(options, specs)
                return
            except KafkaError as exc:
                if asyncio.get_running_loop().time() > deadline:
                    raise
                log.warning("Kafka at %s not ready (%r); retrying", self.settings.kafka_bootstrap_servers, exc)
                await asyncio.sleep(1)

    async def stop(self) -> None:
        for task in reversed(self._tasks):  # background tasks first, the relay last
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        self._tasks.clear()
        self.consumers.clear()
        if self.producer is not None:
            await self.producer.stop()
        await self.engine.dispose()

    def readiness(self) -> dict[str, bool]:
        checks = {"relay": bool(self.relay and self.relay.healthy)}
        checks |= {f"consumer:{consumer.name}": consumer.healthy for consumer in self.consumers}
        checks |= {f"task:{task.name}": bool(task.healthy()) for task in self.background}
        return checks


def create_service_app(runtime: ServiceRuntime, *, title: str, routers: Iterable[APIRouter] = (),
                       version: str = "0.1.0", description: str = "") -> FastAPI:
    configure_logging(runtime.settings)
    configure_telemetry(runtime.settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await runtime.start()
        try:
            yield
        finally:
            await runtime.stop()

    app = FastAPI(title=title, version=version, description=description, lifespan=lifespan)
    app.state.runtime = runtime
    app.state.keyring = runtime.keyring
    install_problem_handlers(app)
    app.include_router(health_router(runtime))
    for router in routers:
        app.include_router(router)
    instrument(app, runtime.engine)
    return app
