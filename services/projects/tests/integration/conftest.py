"""The projects service on a real database (SQLite, then PostgreSQL) and the real Kafka broker.

Tokens are real ES256 signatures from TokenMint, verified by the chassis' KeyRing. The app gets a
KeyRing of its own holding the mint's keys: the runtime's KeyRing follows identity's signing-keys
topic, and a key set published there by another test (the chassis' own auth test publishes on it)
would replace the test key in the middle of a test.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest
from aiokafka import AIOKafkaProducer
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_chassis.auth import KeyRing
from corridor_chassis.messaging.tables import outbox
from corridor_chassis.testing import TokenMint
from corridor_contracts.base import Event
from corridor_contracts.envelope import Envelope, to_kafka
from corridor_projects.adapters.tables import (
    algorithm_versions, projects, roadmap_tasks, roadmaps, timeline_entries,
)
from corridor_projects.bootstrap import build_app
from corridor_projects.service_layer import projections
from corridor_projects.settings import Settings

MSK = ZoneInfo("Europe/Moscow")
PROBLEM = "urn:green-corridor:problem:"

pytestmark = pytest.mark.kafka


class Clock:
    """The service's clock, set by the test (tokens still use real time: they are checked by PyJWT)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Person:
    user_id: uuid.UUID
    organization_id: uuid.UUID | None
    roles: tuple[str, ...]
    headers: dict[str, str] = field(repr=False)


@dataclass
class Service:
    app: FastAPI
    client: httpx.AsyncClient
    clock: Clock
    mint: TokenMint

    def person(self, *roles: str, organization_id: uuid.UUID | None = None, kind: str | None = None) -> Person:
        user_id = uuid.uuid4()
        token = self.mint.token(roles=roles, organization_id=organization_id, organization_kind=kind,
                                subject=user_id)
        return Person(user_id, organization_id, roles, {"Authorization": f"Bearer {token}"})

    def investor(self, organization_id: uuid.UUID | None = None) -> Person:
        return self.person("investor", organization_id=organization_id or uuid.uuid4(), kind="investor")

    def head(self) -> Person:
        return self.person("agency_head", organization_id=AGENCY, kind="agency")

    def manager(self) -> Person:
        return self.person("manager", organization_id=AGENCY, kind="agency")

    def official(self, organization_id: uuid.UUID) -> Person:
        return self.person("official", organization_id=organization_id, kind="municipality")

    async def in_directory(self, person: Person, full_name: str = "Петров Пётр Петрович") -> Person:
        """Make the person known to the directory projection, as identity's UserRegistered would."""
        async with self.app.state.runtime.session_factory.begin() as session:
            await projections.user_registered(session=session, user_id=person.user_id,
                                              organization_id=person.organization_id, full_name=full_name,
                                              email=f"{person.user_id.hex[:8]}@lenreg.example", roles=person.roles)
        return person

    async def in_session(self, work: Callable[[AsyncSession], Awaitable[object]]) -> object:
        """Run a use case on the service's own store (e.g. a projection, as its consumer would)."""
        async with self.app.state.runtime.session_factory.begin() as session:
            return await work(session)

    async def draft(self, investor: Person, passport: dict) -> str:
        response = await self.client.post("/projects", json=passport, headers=investor.headers)
        assert response.status_code == 201, response.text
        return response.json()["project_id"]

    async def submitted(self, investor: Person, passport: dict) -> str:
        project_id = await self.draft(investor, passport)
        response = await self.client.post(f"/projects/{project_id}/submit", headers=investor.headers)
        assert response.status_code == 200, response.text
        return project_id

    async def accepted(self, investor: Person, passport: dict, manager: Person) -> str:
        project_id = await self.submitted(investor, passport)
        response = await self.client.post(f"/projects/{project_id}/accept", headers=self.head().headers,
                                          json={"manager_user_id": str(manager.user_id)})
        assert response.status_code == 200, response.text
        return project_id

    async def footprint(self) -> dict[str, list]:
        """Every row of the store a write may touch: a refused write must leave all of it as it was."""
        events = select(outbox.c.event_id, outbox.c.event_type, outbox.c.key, outbox.c.value)  # not the relay's marks
        queries = [select(table).order_by(*table.primary_key)
                   for table in (projects, timeline_entries, roadmaps, roadmap_tasks, algorithm_versions)]
        async with self.app.state.runtime.session_factory() as session:
            return {str(query): [tuple(row) for row in await session.execute(query)]
                    for query in [*queries, events.order_by(outbox.c.position)]}

    async def events_of(self, aggregate_id: uuid.UUID) -> list[str]:
        """Names of the events enqueued (in the outbox) for one project, oldest first."""
        async with self.app.state.runtime.session_factory() as session:
            rows = await session.execute(select(outbox.c.event_type).where(outbox.c.key == str(aggregate_id))
                                         .order_by(outbox.c.position))
        return [event_type.split(".")[-2] for event_type in rows.scalars()]

    @staticmethod
    async def eventually(check: Callable[[], Awaitable[bool]], timeout: float = 30.0) -> None:
        """Wait for an asynchronous effect (a consumer, the relay); fail if it has not come by the timeout."""
        deadline = asyncio.get_running_loop().time() + timeout
        while not await check():
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"not reached within {timeout}s")
            await asyncio.sleep(0.1)

    @staticmethod
    def problem(response: httpx.Response, status: int, slug: str) -> dict:
        """Assert an RFC 9457 problem with this status and type; returns its body."""
        assert response.status_code == status, response.text
        assert response.headers["content-type"] == "application/problem+json"
        body = response.json()
        assert body["type"] == PROBLEM + slug, body
        return body



AGENCY = uuid.UUID("00000000-0000-0000-0000-00000000a9e1")


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2025, 4, 28, 10, 0, tzinfo=MSK))


def settings_for(database_url: str, kafka_bootstrap: str, tmp_path: Path, unique: str, **overrides) -> Settings:
    return Settings(database_url=database_url, kafka_bootstrap_servers=kafka_bootstrap, data_dir=tmp_path,
                    environment="test", log_json=False, consumer_group_prefix=f"projects-test-{unique}",
                    relay_poll_seconds=0.2, **overrides)


@asynccontextmanager
async def running(settings: Settings, clock: Clock, *, consumers: bool) -> AsyncIterator[Service]:
    app = build_app(settings, clock=clock)
    if not consumers:
        # HTTP specifications need no consumer groups; sparing them keeps the shared broker's history
        # (every identity and request event other suites published) out of these tests.
        app.state.runtime.subscriptions.clear()
    mint = TokenMint()
    async with app.router.lifespan_context(app):
        app.state.keyring = KeyRing()
        mint.install(app.state.keyring)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
            yield Service(app, client, clock, mint)


@pytest.fixture
def start_service(database_url: str, kafka_bootstrap: str, tmp_path: Path, unique: str,
                  clock: Clock) -> Callable[..., AbstractAsyncContextManager[Service]]:
    """Start (another instance of) the service on this test's database, settings overridden as given."""

    def start(*, consumers: bool = False, **overrides) -> AbstractAsyncContextManager[Service]:
        return running(settings_for(database_url, kafka_bootstrap, tmp_path, unique, **overrides), clock,
                       consumers=consumers)

    return start


@pytest.fixture
async def service(start_service) -> AsyncIterator[Service]:
    async with start_service() as started:
        yield started


@pytest.fixture
async def service_with_consumers(start_service) -> AsyncIterator[Service]:
    async with start_service(consumers=True) as started:
        yield started


@pytest.fixture
async def publish(kafka_bootstrap: str) -> AsyncIterator[Callable[[Event], Awaitable[None]]]:
    """Publish an event as its producing service would (CloudEvents binary mode, keyed by aggregate)."""
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap, enable_idempotence=True, acks="all")
    await producer.start()

    async def send(event: Event) -> None:
        record = to_kafka(Envelope.wrap(event))
        await producer.send_and_wait(record.topic, record.value, key=record.key, headers=record.headers)

    yield send
    await producer.stop()
