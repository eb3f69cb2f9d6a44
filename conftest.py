"""Fixtures for the real infrastructure every integration test runs on.

Kafka: KAFKA_BOOTSTRAP_SERVERS if set; else a Docker engine through testcontainers if one answers;
else the project's own broker from Maven Central jars (deploy/kafka/localkafka.py).
PostgreSQL: GC_TEST_POSTGRES_URL if set; else testcontainers if Docker answers; else a throwaway
server from the Debian packages (deploy/postgres/localpg.py). Nothing here is ever faked or skipped:
if a part cannot be started the tests that need it fail and say why.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


localkafka = _load("localkafka", ROOT / "deploy" / "kafka" / "localkafka.py")
localpg = _load("localpg", ROOT / "deploy" / "postgres" / "localpg.py")


def _docker_answers() -> bool:
    if os.environ.get("GC_TEST_NO_DOCKER"):
        return False
    try:
        import docker

        docker.from_env(timeout=3).ping()
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def kafka_bootstrap(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Bootstrap address of a real Apache Kafka broker for this test session."""
    if configured := os.environ.get("KAFKA_BOOTSTRAP_SERVERS"):
        yield configured
        return
    if _docker_answers():
        from testcontainers.kafka import KafkaContainer

        with KafkaContainer("apache/kafka:4.1.1").with_kraft() as container:
            yield container.get_bootstrap_server()
        return
    broker = localkafka.LocalKafka(tmp_path_factory.mktemp("kafka"), port=localkafka.free_port())
    log = open(broker.data_dir / "broker.out", "ab")
    broker.start(stdout=log)
    try:
        yield broker.bootstrap_servers
    finally:
        broker.stop()
        log.close()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[object]:
    """A PostgreSQL server; yields a factory `new_database() -> async URL` for one empty database."""
    if configured := os.environ.get("GC_TEST_POSTGRES_URL"):
        yield _ExistingPostgres(configured)
        return
    if _docker_answers():
        from testcontainers.postgres import PostgresContainer

        with PostgresContainer("postgres:16-alpine", driver="asyncpg") as container:
            yield _ExistingPostgres(container.get_connection_url())
        return
    server = localpg.LocalPostgres().start()
    try:
        yield server
    finally:
        server.stop()


class _ExistingPostgres:
    """A server we did not start: databases are created through asyncpg."""

    def __init__(self, url: str) -> None:
        self.url = url

    def create_database(self, name: str) -> str:
        import asyncio

        import asyncpg
        from sqlalchemy.engine import make_url

        parsed = make_url(self.url)

        async def create() -> None:
            connection = await asyncpg.connect(user=parsed.username, password=parsed.password, host=parsed.host,
                                               port=parsed.port, database=parsed.database)
            await connection.execute(f'CREATE DATABASE "{name}"')
            await connection.close()

        asyncio.run(create())
        return parsed.set(drivername="postgresql+asyncpg", database=name).render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database for one test: a SQLite file, then a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'store.db'}"
    server = request.getfixturevalue("postgres_server")
    return server.create_database(f"t_{uuid.uuid4().hex[:16]}")


@pytest.fixture
def unique() -> str:
    """A short unique suffix for topics and consumer groups, so tests never see each other's events."""
    return uuid.uuid4().hex[:10]
