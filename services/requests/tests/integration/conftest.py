"""A running requests service on a real database and the real broker, with a cast of organisations and people.

`service` starts the app through its lifespan (migrations, topics, relay, consumers). Projections are
filled by handing identity's and projects' events to the service's own registered handlers — the
code the consumers run — so tests do not depend on what else travels on the shared topics. Consumer
groups are unique per test and start at the end of their topics for the same reason.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from sqlalchemy import func, select

from corridor_chassis.messaging.admin import ensure_topics
from corridor_chassis.messaging.tables import outbox
from corridor_chassis.testing import TokenMint
from corridor_contracts import (
    Envelope, Event, OrganizationKind, OrganizationRegistered, ProjectAccepted, ProjectSummary, Resource,
)
from corridor_contracts.topics import SUPPLIER_RESPONSES, TOPICS
from corridor_requests.adapters import tables
from corridor_requests.bootstrap import build_app
from corridor_requests.settings import Settings

MSK = ZoneInfo("Europe/Moscow")
START = datetime(2025, 3, 14, 10, 30, tzinfo=MSK)  # a Friday
PROBLEM = "urn:green-corridor:problem:"
# What a request step may write; "nothing written" is checked on these and the outbox.
REQUEST_TABLES = (tables.requests, tables.request_steps, tables.documents, tables.supplier_responses, outbox)


class Clock:
    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass(frozen=True)
class Person:
    subject: uuid.UUID
    organization_id: uuid.UUID | None
    roles: tuple[str, ...]
    kind: str | None = None


@dataclass(frozen=True)
class Org:
    organization_id: uuid.UUID
    short_code: str
    kind: OrganizationKind
    name: str


@dataclass
class Cast:
    """The organisations and people of one test; codes carry the test's unique suffix."""

    unique: str
    agency: Org = None
    investor_org: Org = None
    other_investor_org: Org = None
    municipality: Org = None
    other_municipality: Org = None
    supplier: Org = None
    other_supplier: Org = None
    people: dict[str, Person] = field(default_factory=dict)
    municipality_code: str = ""
    project_id: uuid.UUID = None

    def colleague(self, person: Person) -> Person:
        """Another person of the same organisation with the same roles."""
        return Person(uuid.uuid4(), person.organization_id, person.roles, person.kind)

    def __getattr__(self, name: str) -> Person:
        try:
            return self.__dict__["people"][name]
        except KeyError:
            raise AttributeError(name) from None



async def start_groups_at_end(bootstrap: str, groups: dict[str, list[str]]) -> None:
    """Commit each group's offsets at the current end of its topics, so it reads only what comes next."""
    await ensure_topics({"bootstrap_servers": bootstrap}, [TOPICS[name] for names in groups.values() for name in names])
    for group, topics in groups.items():
        consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False)
        await consumer.start()
        try:
            partitions = [TopicPartition(topic, p) for topic in topics for p in range(TOPICS[topic].partitions)]
            consumer.assign(partitions)
            await consumer.commit(dict(await consumer.end_offsets(partitions)))
        finally:
            await consumer.stop()


async def delete_topics_of(bootstrap: str, unique: str) -> None:
    """Remove the supplier topics a test created, so the shared broker does not collect them run after run."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        mine = [name for name in await admin.list_topics() if name.startswith("requests.supplier.") and unique in name]
        if mine:
            await admin.delete_topics(mine)
    finally:
        await admin.close()


class Service:
    def __init__(self, app, client: httpx.AsyncClient, mint: TokenMint, clock: Clock, handlers: dict) -> None:
        self.app, self.client, self.mint, self.clock, self.handlers = app, client, mint, clock, handlers
        self.runtime = app.state.runtime

    def auth(self, person: Person) -> dict[str, str]:
        token = self.mint.token(roles=person.roles, organization_id=person.organization_id,
                                organization_kind=person.kind, subject=person.subject,
                                service_account="supplier_system" in person.roles)
        return {"Authorization": f"Bearer {token}"}

    async def deliver(self, event: Event) -> None:
        """Apply an event as the consumer would: its registered handler, in one transaction."""
        async with self.runtime.session_factory() as session, session.begin():
            await self.handlers[type(event)](session, Envelope.wrap(event))

    async def accept_project(self, cast: "Cast", investor: "Org", manager: Person) -> uuid.UUID:
        project_id = uuid.uuid4()
        await self.deliver(ProjectAccepted(
            occurred_at=START, project_id=project_id, manager_user_id=manager.subject, actor_id=manager.subject,
            project=ProjectSummary(name="Завод молочной продукции", investor_organization_id=investor.organization_id,
                                   municipality_code=cast.municipality_code, site_address="промзона «Восточная»",
                                   cadastral_number="47:07:0000000:123", industry_okved="10.51")))
        return project_id

    async def count(self, table, *where) -> int:
        async with self.runtime.session_factory() as session:
            return (await session.execute(select(func.count()).select_from(table).where(*where))).scalar_one()

    async def snapshot(self) -> dict[str, int]:
        return {table.name: await self.count(table) for table in REQUEST_TABLES}

    async def outbox(self) -> list[tuple[str, str, str]]:
        """(event name, topic, value) of every enqueued event, oldest first."""
        async with self.runtime.session_factory() as session:
            rows = await session.execute(select(outbox.c.event_type, outbox.c.topic, outbox.c.value)
                                         .order_by(outbox.c.position))
            return [(event_type.split(".")[-2], topic, value) for event_type, topic, value in rows]

    async def upload(self, person: Person, content: bytes, name: str = "документ.pdf", kind: str | None = None,
                     content_type: str = "application/octet-stream") -> dict:
        response = await self.client.post("/documents", headers=self.auth(person),
                                          files={"file": (name, content, content_type)},
                                          data={"kind": kind} if kind else None)
        assert response.status_code == 201, response.text
        return response.json()

    async def file(self, cast: "Cast", samples: dict, *, type_code: str = "gpzu", payload: dict | None = None,
                   investor: Person | None = None, project_id=None,
                   document_kinds: tuple[str, ...] = ("title-document",), **extra) -> dict:
        """File a request through the API with the documents its type requires; returns the created request."""
        investor = investor or cast.investor
        documents = [(await self.upload(investor, samples["pdf"], f"{kind}.pdf", kind))["document_id"]
                     for kind in document_kinds]
        body = {"project_id": str(project_id or cast.project_id), "request_type_code": type_code,
                "subject": "Прошу выдать", "payload": {"cadastral_number": "47:07:0000000:123"}
                if payload is None else payload, "document_ids": documents, **extra}
        response = await self.client.post("/requests", json=body, headers=self.auth(investor))
        assert response.status_code == 201, response.text
        return response.json()

    async def step(self, person: Person, request_id: str, action: str, body: dict | None = None,
                   expect: int = 200) -> dict:
        response = await self.client.post(f"/requests/{request_id}/{action}", json=body, headers=self.auth(person))
        assert response.status_code == expect, response.text
        return response.json()

    async def detail(self, person: Person, request_id: str) -> dict:
        response = await self.client.get(f"/requests/{request_id}", headers=self.auth(person))
        assert response.status_code == 200, response.text
        return response.json()


def make_settings(database_url: str, kafka_bootstrap: str, tmp_path, unique: str, **overrides) -> Settings:
    return Settings(database_url=database_url, kafka_bootstrap_servers=kafka_bootstrap, data_dir=tmp_path,
                    environment="test", log_json=False, consumer_group_prefix=f"requests-test-{unique}",
                    public_base_url="http://requests.test", fallback_organization_short_code=f"aerlo-{unique}",
                    relay_poll_seconds=0.1, **overrides)


@pytest.fixture
def service_settings(database_url, kafka_bootstrap, tmp_path, unique) -> Settings:
    return make_settings(database_url, kafka_bootstrap, tmp_path, unique)


async def running(settings: Settings, unique: str, *, consumers: bool) -> AsyncIterator[Service]:
    """The app with its lifespan; `consumers=False` keeps only the supplier-response consumer."""
    clock = Clock()
    app = build_app(settings, clock=clock)
    runtime = app.state.runtime
    handlers = {event: handler for subscription in runtime.subscriptions
                for event, handler in subscription.handlers.items()}
    if not consumers:
        runtime.subscriptions[:] = [s for s in runtime.subscriptions if s.topics == [SUPPLIER_RESPONSES]]
    groups = {s.group: s.topics for s in runtime.subscriptions}
    await start_groups_at_end(settings.kafka_bootstrap_servers, groups)
    mint = TokenMint(kid=f"test-{uuid.uuid4().hex[:8]}")
    try:
        async with app.router.lifespan_context(app):
            mint.install(runtime.keyring)  # pinned: published keys do not evict it
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                         base_url="http://requests.test") as client:
                yield Service(app, client, mint, clock, handlers)
    finally:
        await delete_topics_of(settings.kafka_bootstrap_servers, unique)


@pytest.fixture
def with_consumers() -> bool:
    """A module whose tests need the consumers of identity's, projects' and sla's topics overrides this."""
    return False


@pytest.fixture
async def service(service_settings, with_consumers, unique) -> AsyncIterator[Service]:
    async for started in running(service_settings, unique, consumers=with_consumers):
        yield started


def organization(kind: OrganizationKind, name: str, code: str, *, municipality: str | None = None,
                 resource: Resource | None = None, inn: str = "4703000000") -> OrganizationRegistered:
    return OrganizationRegistered(
        occurred_at=START, organization_id=uuid.uuid4(), kind=kind, full_name=f"{name} (полное наименование)",
        short_name=name, short_code=code, inn=inn, ogrn=None, municipality_code=municipality, resource=resource,
        resources=[resource] if resource else [])


async def build_cast(service: Service, unique: str) -> Cast:
    """Agency, two investors, two district administrations, two electricity suppliers, an accepted project."""
    cast = Cast(unique=unique, municipality_code=f"district-{unique}")
    specs = {
        "agency": (OrganizationKind.AGENCY, "АЭРЛО", f"aerlo-{unique}", None, None),
        "investor_org": (OrganizationKind.INVESTOR, "ООО «МолПром»", f"molprom-{unique}", None, None),
        "other_investor_org": (OrganizationKind.INVESTOR, "АО «Чужой»", f"other-{unique}", None, None),
        "municipality": (OrganizationKind.MUNICIPALITY, "Администрация района", f"admin-{unique}",
                         cast.municipality_code, None),
        "other_municipality": (OrganizationKind.MUNICIPALITY, "Администрация соседнего района", f"admin2-{unique}",
                               f"next-{unique}", None),
        "supplier": (OrganizationKind.SUPPLIER, "Россети Ленэнерго", f"lenenergo-{unique}", cast.municipality_code,
                     Resource.ELECTRICITY),
        "other_supplier": (OrganizationKind.SUPPLIER, "Газпром газораспределение", f"gaz-{unique}", None,
                           Resource.GAS),
    }
    for attribute, (kind, name, code, municipality, resource) in specs.items():
        event = organization(kind, name, code, municipality=municipality, resource=resource)
        await service.deliver(event)
        setattr(cast, attribute, Org(event.organization_id, code, kind, name))
    people = {
        "investor": (cast.investor_org, ("investor",), "investor"),
        "other_investor": (cast.other_investor_org, ("investor",), "investor"),
        "official": (cast.municipality, ("official",), "municipality"),
        "other_official": (cast.other_municipality, ("official",), "municipality"),
        "supplier_official": (cast.supplier, ("official",), "supplier"),
        "supplier_system": (cast.supplier, ("supplier_system",), "supplier"),
        "other_supplier_system": (cast.other_supplier, ("supplier_system",), "supplier"),
        "manager": (cast.agency, ("manager",), "agency"),
        "other_manager": (cast.agency, ("manager",), "agency"),
        "agency_head": (cast.agency, ("agency_head",), "agency"),
    }
    cast.people = {name: Person(uuid.uuid4(), org.organization_id, roles, kind)
                   for name, (org, roles, kind) in people.items()}
    cast.project_id = await service.accept_project(cast, cast.investor_org, cast.manager)
    return cast


@pytest.fixture
async def cast(service, unique) -> Cast:
    return await build_cast(service, unique)

