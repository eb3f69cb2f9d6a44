"""The notifications service on its real store, the real broker and a real SMTP server.

Each test starts the service app (its lifespan: migrations, topics, relay, fan-out consumer,
delivery worker) with a consumer group of its own, positioned at the end of the topics, so that the
other events on the shared broker are none of its business. Events are published as the producing
services would (CloudEvents records on their topics); e-mail lands in an aiosmtpd server on a free
port; tokens are real ES256 signatures verified by the runtime's KeyRing.
"""

from __future__ import annotations

import asyncio
import email
import json
import socket
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.policy import default as default_policy
from typing import Any

import httpx
import pytest
import uvicorn
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiosmtpd.controller import Controller
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy import func, select

from corridor_chassis.database import create_engine, create_session_factory
from corridor_chassis.messaging.admin import ensure_topics
from corridor_chassis.migrations import upgrade_to_head
from corridor_chassis.testing import TokenMint
from corridor_contracts import TOPICS, UserRegistered, topics_consumed_by, topics_produced_by
from corridor_contracts.base import Event
from corridor_contracts.envelope import Envelope, to_kafka
from corridor_notifications.adapters.tables import person
from corridor_notifications.bootstrap import MIGRATIONS, build_app
from corridor_notifications.domain.signatures import ReplayGuard, WebhookRejected, verify_webhook
from corridor_notifications.entrypoints.consumers import FAN_OUT_TOPICS
from corridor_notifications.settings import Settings

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def eventually(condition: Callable[[], Awaitable[bool]], timeout: float = 20.0, what: str = "condition") -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not await condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"{what} not reached in {timeout} s")
        await asyncio.sleep(0.05)


@dataclass
class MovableClock:
    """Real time plus an offset the test moves forward, instead of sleeping through a backoff."""

    offset: timedelta = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(timezone.utc) + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += timedelta(seconds=seconds)


class MailSink:
    """An aiosmtpd handler that keeps every message it accepts, parsed."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [message for message in self.messages if message["To"] == address]


@pytest.fixture
def mail() -> MailSink:
    sink = MailSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    sink.port = controller.port
    yield sink
    controller.stop()


@dataclass
class Service:
    app: Any
    client: httpx.AsyncClient
    mint: TokenMint
    producer: AIOKafkaProducer
    clock: MovableClock
    mail: MailSink
    settings: Settings
    users: dict[uuid.UUID, UserRegistered] = field(default_factory=dict)

    async def publish(self, event: Event | Envelope) -> Envelope:
        """Publish as the producing service would; publishing the same envelope again is a duplicate delivery."""
        envelope = event if isinstance(event, Envelope) else Envelope.wrap(event)
        record = to_kafka(envelope)
        await self.producer.send_and_wait(record.topic, value=record.value, key=record.key, headers=record.headers)
        if isinstance(envelope.data, UserRegistered):
            self.users[envelope.data.user_id] = envelope.data
        return envelope

    def auth(self, user: UserRegistered | None = None, **claims: Any) -> dict[str, str]:
        """A bearer header: the registered user's own token, or one made of the given claims."""
        if user is not None:
            claims = {"subject": user.user_id, "roles": [r.value for r in user.roles],
                      "organization_id": user.organization_id, "organization_kind": user.organization_kind.value,
                      "email": user.email} | claims
        return {"Authorization": f"Bearer {self.mint.token(**claims)}"}

    async def until_known(self, *users: UserRegistered) -> None:
        """Wait until the identity projection holds these people (topics are consumed side by side, so an
        event on another topic may otherwise overtake their registration)."""
        await self.until_present(person, person.c.user_id.in_([user.user_id for user in users]), rows=len(users))

    async def until_present(self, table, *where, rows: int = 1) -> None:
        async def present() -> bool:
            return await self.count(table, *where) == rows

        await eventually(present, what=f"{rows} row(s) in {table.name}")

    async def rows(self, table, *where) -> list[Any]:
        async with self.app.state.runtime.session_factory() as session:
            return (await session.execute(select(table).where(*where))).all()

    async def count(self, table, *where) -> int:
        async with self.app.state.runtime.session_factory() as session:
            return (await session.execute(select(func.count()).select_from(table).where(*where))).scalar_one()


async def start_group_at_the_end(bootstrap: str, group: str) -> None:
    """Commit the group's offsets at the topics' current ends: the service hears only this test's events."""
    options = {"bootstrap_servers": bootstrap}
    await ensure_topics(options, [*topics_consumed_by("notifications"), *topics_produced_by("notifications")])
    partitions = [TopicPartition(topic, p) for topic in FAN_OUT_TOPICS for p in range(TOPICS[topic].partitions)]
    consumer = AIOKafkaConsumer(group_id=group, enable_auto_commit=False, **options)
    await consumer.start()
    try:
        consumer.assign(partitions)
        ends = await consumer.end_offsets(partitions)
        await consumer.commit({partition: offset for partition, offset in ends.items()})
    finally:
        await consumer.stop()



@pytest.fixture
async def producer(kafka_bootstrap: str) -> AsyncIterator[AIOKafkaProducer]:
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap, enable_idempotence=True, acks="all")
    await producer.start()
    yield producer
    await producer.stop()


@pytest.fixture
def start_service(database_url, kafka_bootstrap, tmp_path, unique, mail, producer):
    """`async with start_service(**settings) as service:` runs the app for the body of the block."""

    @asynccontextmanager
    async def start(random: Callable[[], float] = lambda: 0.5, **overrides: Any) -> AsyncIterator[Service]:
        group = f"notifications.test-{unique}"
        settings = Settings(**{
            "database_url": database_url, "kafka_bootstrap_servers": kafka_bootstrap, "data_dir": tmp_path,
            "environment": "test", "log_json": False, "fan_out_group": group, "smtp_port": mail.port,
            "delivery_poll_seconds": 0.05, "relay_poll_seconds": 0.1, "feed_keepalive_seconds": 0.5,
            "delivery_backoff_base_seconds": 60, "delivery_max_attempts": 3, **overrides})
        await start_group_at_the_end(kafka_bootstrap, group)
        clock = MovableClock()
        app = build_app(settings, clock=clock, random=random)
        mint = TokenMint(kid=f"test-{unique}")
        async with app.router.lifespan_context(app):
            mint.install(app.state.runtime.keyring)  # pinned: published keys do not evict it
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://notifications") as client:
                yield Service(app=app, client=client, mint=mint, producer=producer, clock=clock, mail=mail,
                              settings=settings)

    return start


@pytest.fixture
async def service(start_service) -> AsyncIterator[Service]:
    async with start_service() as running:
        yield running


class Receiver:
    """An organisation's endpoint doing exactly the check docs/webhooks.md prescribes, on a real HTTP
    server on loopback. `failing` makes it answer 500 after verifying (and forget the id, as documented)."""

    def __init__(self) -> None:
        self.secret = ""
        self.clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)
        self.guard = ReplayGuard()
        self.failing = False
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.processed: list[dict] = []
        self.rejected: list[str] = []
        self.app = FastAPI()
        self.app.post("/hook")(self.hook)

    async def hook(self, request: Request) -> JSONResponse:
        body = await request.body()
        self.received.append((dict(request.headers), body))
        try:
            webhook_id = verify_webhook(self.secret, request.headers, body, now=int(self.clock().timestamp()),
                                        guard=self.guard)
        except WebhookRejected as rejected:
            self.rejected.append(rejected.reason)
            if rejected.reason == "replayed":
                return JSONResponse({"status": "duplicate, not processed again"})
            return JSONResponse({"rejected": rejected.reason}, status_code=401)
        if self.failing:
            self.guard.forget(webhook_id)
            return JSONResponse({"error": "database is down"}, status_code=500)
        self.processed.append(json.loads(body))
        return JSONResponse({"status": "processed"})


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    endpoint = Receiver()
    server = uvicorn.Server(uvicorn.Config(endpoint.app, host="127.0.0.1", port=free_port(), lifespan="off",
                                           log_level="warning"))
    serving = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.02)
    endpoint.url = f"http://127.0.0.1:{server.config.port}/hook"
    yield endpoint
    server.should_exit = True
    await serving


@pytest.fixture
async def sessions(database_url) -> AsyncIterator:
    """A migrated store and its session factory, for tests that drive the service layer directly."""
    engine = create_engine(database_url)
    await upgrade_to_head(engine, MIGRATIONS)
    yield create_session_factory(engine)
    await engine.dispose()
