"""The identity service on a real database (SQLite, then PostgreSQL) and the real Kafka broker.

Every test gets its own store and its own token issuer: the signing-keys topic is shared by every
test on the broker, and the other services' key followers accept only the chassis' issuer, so the
keys these tests publish reach nobody else (tests/test_tokens_verified_elsewhere.py uses the real
issuer on purpose). Passwords are hashed with argon2id at its cheapest, to keep the suite fast.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from corridor_chassis.messaging.tables import outbox
from corridor_identity.adapters import tables
from corridor_identity.bootstrap import build_app
from corridor_identity.service_layer import organisations, reference_data, users
from corridor_identity.settings import Settings

PROBLEM = "urn:green-corridor:problem:"
PASSWORD = "зелёный коридор 2025"
AGENCY_INN = reference_data.AGENCY.inn
VSEVOLOZHSKY = "41612000"

pytestmark = pytest.mark.kafka


class Clock:
    """The service's clock, moved by the test. Tokens are still checked against real time by PyJWT."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def investor_registration(email: str, inn: str = "7707083893", ogrn: str = "1027700132195",
                          password: str = PASSWORD, **company: Any) -> dict[str, Any]:
    return {"company": {"full_name": "ООО «МолПром»", "inn": inn, "ogrn": ogrn, **company},
            "person": {"email": email, "full_name": "Иванова Мария Сергеевна", "password": password}}


@dataclass
class Identity:
    app: FastAPI
    client: httpx.AsyncClient
    clock: Clock
    settings: Settings

    @property
    def sessions(self):
        return self.app.state.identity.sessions

    def client_from(self, ip: str) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.ASGITransport(app=self.app, client=(ip, 40000)),
                                 base_url="http://identity")

    async def login(self, email: str, password: str = PASSWORD) -> dict[str, Any]:
        response = await self.client.post("/token", data={"grant_type": "password", "username": email,
                                                          "password": password})
        assert response.status_code == 200, response.json()
        return response.json()

    async def agency(self) -> uuid.UUID:
        async with self.sessions() as session:
            agency, _ = await organisations.enter_organization(session, details=reference_data.AGENCY,
                                                               now=self.clock())
        return agency.id

    async def administrator(self, email: str = "admin@aerlo.example") -> dict[str, str]:
        """An administrator made as the command line makes one; returns their Authorization header."""
        agency_id = await self.agency()
        async with self.sessions() as session:
            await users.create_agency_administrator(
                session, organization_id=agency_id, email=email, full_name="Администратор АЭРЛО",
                password=PASSWORD, locale="ru", authority=self.app.state.identity.authority, now=self.clock())
        return bearer((await self.login(email))["access_token"])

    async def organization(self, admin: dict[str, str], **details: Any) -> dict[str, Any]:
        response = await self.client.post("/organizations", json=details, headers=admin)
        assert response.status_code == 201, response.json()
        return response.json()

    async def municipality(self, admin: dict[str, str]) -> dict[str, Any]:
        return await self.organization(admin, kind="municipality", full_name="Администрация Всеволожского района",
                                       inn="4703000026", municipality_code=VSEVOLOZHSKY)

    async def member(self, admin: dict[str, str], organization_id: str, email: str, *roles: str) -> dict[str, str]:
        """Someone invited by the administrator who accepted; returns their Authorization header."""
        invited = await self.client.post("/invitations", headers=admin, json={
            "email": email, "organization_id": organization_id, "roles": list(roles)})
        assert invited.status_code == 201, invited.json()
        accepted = await self.client.post("/invitations/accept", json={
            "token": invited.json()["token"], "full_name": "Анна Смирнова", "password": PASSWORD})
        assert accepted.status_code == 201, accepted.json()
        return bearer((await self.login(email))["access_token"])

    async def investor(self, email: str = "director@molprom.example", **registration: Any) -> dict[str, Any]:
        response = await self.client.post("/registrations/investor",
                                          json=investor_registration(email, **registration))
        assert response.status_code == 202, response.json()
        return await self.login(email)

    async def stored(self) -> dict[str, list[tuple]]:
        """Every row of every table, security bookkeeping (audit, login throttles) aside, and the outbox's
        event ids (the relay marks rows as it publishes them): what a refused request must not change."""
        selections = [select(*table.c) for table in tables.metadata.sorted_tables
                      if table not in (tables.audit_records, tables.login_throttles)]
        async with self.sessions() as session:
            snapshot = {str(query.get_final_froms()[0]): sorted(map(tuple, (await session.execute(query)).all()),
                                                                key=repr)
                        for query in selections}
            snapshot["outbox"] = sorted((await session.execute(select(outbox.c.event_id))).scalars())
        return snapshot

    async def events(self, event_name: str) -> list[dict[str, Any]]:
        async with self.sessions() as session:
            rows = (await session.execute(select(outbox.c.value).where(
                outbox.c.event_type.like(f"%.{event_name}.v%")).order_by(outbox.c.position))).scalars()
            return [json.loads(value) for value in rows]

    async def audit(self, kind: str) -> list[Any]:
        async with self.sessions() as session:
            return (await session.execute(
                select(tables.audit_records).where(tables.audit_records.c.kind == kind))).all()


@pytest.fixture
async def identity(database_url: str, kafka_bootstrap: str, tmp_path, unique: str) -> AsyncIterator[Identity]:
    settings = Settings(database_url=database_url, kafka_bootstrap_servers=kafka_bootstrap, data_dir=tmp_path,
                        environment="test", log_json=False, token_issuer=f"identity-test-{unique}",
                        argon2_time_cost=1, argon2_memory_kib=8, argon2_parallelism=1)
    clock = Clock()
    app = build_app(settings, clock=clock)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://identity") as client:
            yield Identity(app, client, clock, settings)


def assert_problem(response: httpx.Response, status: int, slug: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == PROBLEM + slug, body
    return body
