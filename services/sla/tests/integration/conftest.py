"""The sla service under test: real HTTP app and lifespan, real store, real broker, controlled time.

Each test gets its own faust app id (consumer group and changelog topics) and its own source topic
standing in for requests.request.v1, so tests never see each other's requests on the shared broker.
The timer is set to an hour: tests sweep explicitly, under a clock they move by hand.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import httpx
import pytest
from aiokafka import AIOKafkaProducer
from fastapi import FastAPI
from sqlalchemy import select

from corridor_chassis.messaging.tables import outbox
from corridor_chassis.testing import TokenMint
from corridor_contracts.envelope import Envelope, from_kafka, to_kafka
from corridor_contracts.events.requests import (
    ClarificationProvided, ClarificationRequested, RequestAnswered, RequestRedirected, RequestRouted,
    RequestSubmitted, RequestWithdrawn,
)
from corridor_contracts.vocabulary import OrganizationKind
from corridor_sla.bootstrap import build_app
from corridor_sla.settings import Settings

MSK = ZoneInfo("Europe/Moscow")
AGENCY = uuid.UUID(int=1)


def msk(month: int, day: int, hour: int = 0, minute: int = 0, year: int = 2025) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=MSK)


class ControlledClock:
    """`now` for the service: stands still until a test moves it."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def set(self, moment: datetime) -> None:
        self.now = moment


@dataclass
class Story:
    """One request's lifecycle events, as the requests service would publish them."""

    request_type: str = "consultation"
    policy_code: str | None = None  # the sla_policy_code its request type names in the requests catalogue
    request_id: uuid.UUID = field(default_factory=uuid.uuid4)
    project_id: uuid.UUID = field(default_factory=uuid.uuid4)
    investor: uuid.UUID = field(default_factory=uuid.uuid4)
    recipient: uuid.UUID = field(default_factory=uuid.uuid4)

    @property
    def ids(self) -> dict:
        return {"request_id": self.request_id, "project_id": self.project_id}

    def submitted(self, at: datetime) -> RequestSubmitted:
        return RequestSubmitted(**self.ids, occurred_at=at, investor_organization_id=self.investor,
                                request_type_code=self.request_type, subject="Технические условия",
                                registered_at=at, documents=[], actor_id=None, sla_policy_code=self.policy_code)

    def routed(self, at: datetime) -> RequestRouted:
        return RequestRouted(**self.ids, occurred_at=at, investor_organization_id=self.investor,
                             request_type_code=self.request_type, subject="Технические условия",
                             recipient_organization_id=self.recipient, recipient_kind=OrganizationKind.SUPPLIER,
                             rule_id=None, explanation="by request type", sla_policy_code=self.policy_code)

    def paused(self, at: datetime) -> ClarificationRequested:
        return ClarificationRequested(**self.ids, occurred_at=at, recipient_organization_id=self.recipient,
                                      question="Уточните мощность", actor_id=None)

    def resumed(self, at: datetime) -> ClarificationProvided:
        return ClarificationProvided(**self.ids, occurred_at=at, recipient_organization_id=self.recipient,
                                     text="150 кВт", documents=[], actor_id=None)

    def redirected(self, at: datetime, to: uuid.UUID) -> RequestRedirected:
        event = RequestRedirected(**self.ids, occurred_at=at, from_organization_id=self.recipient,
                                  to_organization_id=to, to_organization_kind=OrganizationKind.MUNICIPALITY,
                                  reason="не наш вопрос", actor_id=None)
        self.recipient = to
        return event

    def answered(self, at: datetime) -> RequestAnswered:
        return RequestAnswered(**self.ids, occurred_at=at, recipient_organization_id=self.recipient,
                               text="Ответ", documents=[], actor_id=None)

    def withdrawn(self, at: datetime) -> RequestWithdrawn:
        return RequestWithdrawn(**self.ids, occurred_at=at, reason=None, actor_id=None)


@dataclass
class Sla:
    """A running sla service and the levers a test pulls."""

    app: FastAPI
    client: httpx.AsyncClient
    clock: ControlledClock
    mint: TokenMint
    producer: AIOKafkaProducer
    source_topic: str

    @property
    def runtime(self):
        return self.app.state.runtime

    @property
    def clocks(self):
        return self.app.state.clocks

    async def publish(self, *events) -> list[Envelope]:
        """Publish request events on the source topic and wait until the worker has applied them."""
        envelopes = [Envelope.wrap(event) for event in events]
        for envelope in envelopes:
            record = to_kafka(envelope)
            await self.producer.send_and_wait(self.source_topic, key=record.key, value=record.value,
                                              headers=record.headers)
        await self.processed(envelopes)
        return envelopes

    async def processed(self, envelopes: Iterable[Envelope], timeout: float = 30) -> None:
        wanted = {(str(e.data.request_id), e.id) for e in envelopes}
        for _ in range(int(timeout / 0.05)):
            applied = {(t.request_id, event_id) for t in self.clocks.stream.tracked()
                       for event_id in t.applied_event_ids}
            if wanted <= applied:
                return
            await asyncio.sleep(0.05)
        raise AssertionError(f"the worker did not apply {wanted - applied}")

    async def at(self, moment: datetime) -> int:
        """Move time to `moment` and run the timer's sweep to completion; the number of clocks ticked."""
        self.clock.set(moment)
        for _ in range(200):
            ticked = await self.clocks.worker.sweep(wait=True)
            if ticked is not None:
                return ticked
            await asyncio.sleep(0.05)  # the agent is still acknowledging the last request event
        raise AssertionError("the worker never caught up with the request events")

    async def published(self, story: Story | None = None) -> list[Envelope]:
        """The clock events the service has committed to publish (its outbox), oldest first."""
        async with self.runtime.session_factory() as session:
            query = select(outbox).order_by(outbox.c.position)
            if story is not None:
                query = query.where(outbox.c.key == str(story.request_id))
            rows = (await session.execute(query)).all()
        return [from_kafka(row.key.encode(), row.value.encode(), [(k, v.encode()) for k, v in row.headers])
                for row in rows]

    async def kinds(self, story: Story) -> list[str]:
        return [type(envelope.data).__name__ for envelope in await self.published(story)]

    agency = AGENCY

    @staticmethod
    def story(**fields) -> Story:
        return Story(**fields)

    def token(self, *roles: str, organization: uuid.UUID | None = AGENCY,
              kind: OrganizationKind | None = OrganizationKind.AGENCY) -> dict[str, str]:
        token = self.mint.token(roles=roles, organization_id=organization, organization_kind=kind)
        return {"Authorization": f"Bearer {token}"}


def settings_for(database_url: str, kafka_bootstrap: str, data_dir, unique: str) -> Settings:
    return Settings(database_url=database_url, kafka_bootstrap_servers=kafka_bootstrap, data_dir=data_dir,
                    environment="test", log_json=False, sla_agency_organization_id=AGENCY,
                    sla_stream_id=f"sla-test-{unique}", sla_source_topic=f"sla-test-{unique}.requests",
                    sla_timer_seconds=3600, sla_metrics_refresh_seconds=3600)


@asynccontextmanager
async def running(settings: Settings, clock: ControlledClock) -> AsyncIterator[Sla]:
    app = build_app(settings, now=clock)
    mint = TokenMint(kid=f"test-{uuid.uuid4().hex[:8]}")
    async with app.router.lifespan_context(app):
        mint.install(app.state.keyring)  # pinned: keys other suites publish on the shared broker do not evict it
        transport = httpx.ASGITransport(app=app)
        producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers, acks="all")
        await producer.start()
        async with httpx.AsyncClient(transport=transport, base_url="http://sla") as client:
            try:
                for _ in range(300):
                    if (await client.get("/readyz")).status_code == 200:
                        break
                    await asyncio.sleep(0.1)
                else:
                    raise AssertionError((await client.get("/readyz")).json())
                yield Sla(app, client, clock, mint, producer, settings.sla_source_topic)
            finally:
                await producer.stop()


@pytest.fixture
def clock() -> ControlledClock:
    return ControlledClock(msk(3, 14, 19, 30))


@pytest.fixture
def settings(database_url, kafka_bootstrap, tmp_path, unique) -> Settings:
    return settings_for(database_url, kafka_bootstrap, tmp_path, unique)


@pytest.fixture
async def sla(settings, clock) -> AsyncIterator[Sla]:
    async with running(settings, clock) as service:
        yield service


@pytest.fixture
def start_sla(settings, clock):
    """Start (and stop) the service by hand, e.g. twice on the same store and changelog."""
    return lambda: running(settings, clock)

