"""A miniature producing service and consuming service, built only from the chassis."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiokafka import AIOKafkaProducer
from sqlalchemy import Column, MetaData, String, Table, func, select

from corridor_contracts.base import Event
from corridor_chassis.database import create_engine, create_session_factory
from corridor_chassis.messaging.tables import messaging_metadata

TOPIC = "chassis-test.parcel.v1"

parcels_metadata = MetaData()
parcels = Table("parcels", parcels_metadata, Column("parcel_id", String(36), primary_key=True),
                Column("label", String(200), nullable=False))
# The consuming side's projection: one row per event it applied.
applied = Table("applied", parcels_metadata, Column("event_id", String(64), primary_key=True),
                Column("parcel_id", String(36), nullable=False))


class ParcelRegistered(Event):
    topic = TOPIC
    key_field = "parcel_id"
    parcel_id: uuid.UUID
    label: str


class Store:
    def __init__(self, url: str) -> None:
        self.engine = create_engine(url)
        self.sessions = create_session_factory(self.engine)

    async def create(self) -> "Store":
        async with self.engine.begin() as connection:
            await connection.run_sync(parcels_metadata.create_all)
            await connection.run_sync(messaging_metadata.create_all)
        return self

    async def count(self, table: Table, *where) -> int:
        async with self.sessions() as session:
            return (await session.execute(select(func.count()).select_from(table).where(*where))).scalar_one()


@pytest.fixture
async def producing_store(database_url: str) -> AsyncIterator[Store]:
    store = await Store(database_url).create()
    yield store
    await store.engine.dispose()


@pytest.fixture
async def consuming_store(tmp_path: Path) -> AsyncIterator[Store]:
    """The other service's own database (always a separate store)."""
    store = await Store(f"sqlite+aiosqlite:///{tmp_path / 'consumer.db'}").create()
    yield store
    await store.engine.dispose()


@pytest.fixture
async def producer(kafka_bootstrap: str) -> AsyncIterator[AIOKafkaProducer]:
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap, enable_idempotence=True, acks="all")
    await producer.start()
    yield producer
    await producer.stop()
