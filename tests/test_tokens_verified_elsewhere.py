"""A token identity issues is verified by another service from keys it received on Kafka, never calling identity.

The other service here is a tiny app built only from the chassis (runtime, auth); it knows the broker's
address and nothing of identity. Identity is shut down before the other service even starts, so the
only way it can learn the keys is the signing-keys topic. Then identity rotates its keys: tokens
signed before keep working while new ones are signed with the new key, and once the old key is
rotated out (its tokens' lifetime after the rotation), the other service refuses tokens it signed.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from fastapi import APIRouter, Depends, FastAPI
from sqlalchemy import func, select

from corridor_chassis.auth import CurrentPrincipal, require_roles
from corridor_chassis.messaging.tables import messaging_metadata, outbox
from corridor_chassis.runtime import ServiceRuntime, create_service_app
from corridor_chassis.settings import ServiceSettings

pytestmark = pytest.mark.kafka

PASSWORD = "зелёный коридор 2025"


def verifier_app(kafka_bootstrap: str, tmp_path: Path) -> FastAPI:
    """Another service: its whole knowledge of identity is the signing-keys topic on the broker."""
    settings = ServiceSettings(service_name="verifier", kafka_bootstrap_servers=kafka_bootstrap, data_dir=tmp_path,
                               environment="test", log_json=False, migrate_on_start=False)
    runtime = ServiceRuntime.build(settings, migrations=tmp_path)
    router = APIRouter()

    @router.get("/whoami")
    async def whoami(principal: CurrentPrincipal) -> dict:
        return {"subject": str(principal.subject), "organization": str(principal.organization_id),
                "kind": principal.organization_kind, "roles": sorted(principal.roles)}

    @router.get("/agency-heads-only", dependencies=[Depends(require_roles("agency_head"))])
    async def agency_heads_only() -> dict:
        return {"ok": True}

    return create_service_app(runtime, title="verifier", routers=[router])


@asynccontextmanager
async def running(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://service") as client:
            yield client


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


async def eventually(check, timeout: float = 30.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not await check():
        assert asyncio.get_running_loop().time() < deadline, "not reached in time"
        await asyncio.sleep(0.2)


async def test_another_service_verifies_identity_tokens_with_keys_from_kafka_only(kafka_bootstrap, tmp_path) -> None:
    from corridor_identity.bootstrap import build_app
    from corridor_identity.service_layer import organisations, reference_data, users
    from corridor_identity.settings import Settings

    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'identity.db'}",
                        kafka_bootstrap_servers=kafka_bootstrap, data_dir=tmp_path, environment="test",
                        log_json=False, argon2_time_cost=1, argon2_memory_kib=8, argon2_parallelism=1)
    clock = Clock()

    def identity() -> FastAPI:
        return build_app(settings, clock=clock)

    async def published(app: FastAPI) -> bool:
        async with app.state.identity.sessions() as session:
            return (await session.execute(select(func.count()).select_from(outbox)
                                          .where(outbox.c.published_at.is_(None)))).scalar_one() == 0

    async def sign_in(client: httpx.AsyncClient, email: str) -> str:
        response = await client.post("/token", data={"grant_type": "password", "username": email,
                                                     "password": PASSWORD})
        assert response.status_code == 200, response.json()
        return response.json()["access_token"]

    app = identity()
    async with running(app) as client:
        registered = await client.post("/registrations/investor", json={
            "company": {"full_name": "ООО «МолПром»", "inn": "7707083893", "ogrn": "1027700132195"},
            "person": {"email": "director@molprom.example", "full_name": "Иванова Мария", "password": PASSWORD}})
        assert registered.status_code == 202
        investor_token = await sign_in(client, "director@molprom.example")
        me = (await client.get("/me", headers={"Authorization": f"Bearer {investor_token}"})).json()
        async with app.state.identity.sessions() as session:
            agency, _ = await organisations.enter_organization(session, details=reference_data.AGENCY, now=clock())
            await users.create_agency_administrator(
                session, organization_id=agency.id, email="admin@aerlo.example", full_name="Администратор",
                password=PASSWORD, locale="ru", authority=app.state.identity.authority, now=clock())
        await eventually(lambda: published(app))
    # Identity is down from here until the rotation below.

    verifier = verifier_app(kafka_bootstrap, tmp_path / "verifier")
    async with verifier.state.runtime.engine.begin() as connection:  # it has no migrations; its relay needs these
        await connection.run_sync(messaging_metadata.create_all)
    async with running(verifier) as elsewhere:
        async def verifies(token: str) -> bool:
            return (await elsewhere.get("/whoami", headers={"Authorization": f"Bearer {token}"})).status_code == 200

        await eventually(lambda: verifies(investor_token))
        principal = (await elsewhere.get("/whoami", headers={"Authorization": f"Bearer {investor_token}"})).json()
        assert principal == {"subject": me["id"], "organization": me["organization_id"], "kind": "investor",
                             "roles": ["investor"]}
        forbidden = await elsewhere.get("/agency-heads-only", headers={"Authorization": f"Bearer {investor_token}"})
        assert forbidden.status_code == 403

        app = identity()  # back up, on the same store and keys: rotate
        async with running(app) as client:
            admin = {"Authorization": f"Bearer {await sign_in(client, 'admin@aerlo.example')}"}
            assert (await client.post("/keys/rotate", headers=admin)).status_code == 200
            await eventually(lambda: published(app))
            new_token = await sign_in(client, "director@molprom.example")
            await eventually(lambda: verifies(new_token))  # signed with the new key
            assert await verifies(investor_token)  # signed before the rotation: still good

            clock.now += timedelta(minutes=11, seconds=1)  # every token of the old key has expired by now
            assert (await client.post("/keys/rotate", headers=admin)).status_code == 200
            await eventually(lambda: published(app))

        async def refused(token: str) -> bool:
            response = await elsewhere.get("/whoami", headers={"Authorization": f"Bearer {token}"})
            return response.status_code == 401 and response.json()["type"].endswith(":invalid-token")

        await eventually(lambda: refused(investor_token))  # its key is rotated out
        assert await verifies(new_token)
