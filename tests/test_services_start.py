"""Every service starts on its own store and the real broker, migrates, and reports healthy."""

from __future__ import annotations

import asyncio
import importlib

import httpx
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from corridor_chassis.messaging.tables import messaging_metadata

SERVICES = ["identity", "projects", "requests", "sla", "notifications"]

pytestmark = pytest.mark.kafka


def build(service: str, database_url: str, kafka_bootstrap: str, tmp_path):
    bootstrap = importlib.import_module(f"corridor_{service}.bootstrap")
    settings_module = importlib.import_module(f"corridor_{service}.settings")
    settings = settings_module.Settings(database_url=database_url, kafka_bootstrap_servers=kafka_bootstrap,
                                        data_dir=tmp_path, environment="test", log_json=False)
    return bootstrap.build_app(settings)


@pytest.mark.parametrize("service", SERVICES)
async def test_service_migrates_its_store_and_reports_ready(service, database_url, kafka_bootstrap, tmp_path) -> None:
    app = build(service, database_url, kafka_bootstrap, tmp_path)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            assert (await client.get("/healthz")).json()["service"] == service
            for _ in range(100):
                ready = await client.get("/readyz")
                if ready.status_code == 200:
                    break
                await asyncio.sleep(0.2)
            assert ready.status_code == 200, ready.json()
            assert ready.json()["checks"]["database"] is True
            metrics = await client.get("/metrics")
            assert metrics.status_code == 200 and "gc_outbox_backlog" in metrics.text
            missing = await client.get("/no-such-thing")
            assert missing.status_code == 404
            assert missing.headers["content-type"] == "application/problem+json"
            assert missing.json()["type"] == "urn:green-corridor:problem:not-found"

        runtime = app.state.runtime
        async with runtime.engine.connect() as connection:
            tables = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
            assert {"alembic_version", "outbox", "inbox"} <= tables
            service_metadata = importlib.import_module(f"corridor_{service}.adapters.tables").metadata
            drift = await connection.run_sync(
                lambda c: compare_metadata(MigrationContext.configure(c), [service_metadata, messaging_metadata]))
            assert drift == [], f"the {service} tables differ from its migrations: {drift}"
