"""Projections kept from the real topics: organisations (a supplier gets its topic), projects, SLA deadlines."""

from __future__ import annotations

import asyncio
import uuid
from datetime import date

import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
from sqlalchemy import select

from corridor_contracts import (
    Envelope, Event, OrganizationKind, OrganizationRegistered, ProjectAccepted, ProjectSummary, Resource,
    SlaClockStarted, to_kafka,
)
from corridor_requests.adapters import tables

pytestmark = pytest.mark.kafka


@pytest.fixture
def with_consumers() -> bool:
    return True


async def publish(kafka_bootstrap: str, *events: Event) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap, enable_idempotence=True)
    await producer.start()
    try:
        for event in events:
            record = to_kafka(Envelope.wrap(event))
            await producer.send_and_wait(record.topic, record.value, key=record.key, headers=record.headers)
    finally:
        await producer.stop()


async def until(count, timeout: float = 30.0) -> None:
    for _ in range(int(timeout / 0.2)):
        if await count():
            return
        await asyncio.sleep(0.2)
    raise AssertionError("the consumer did not apply the event in time")


async def test_events_on_the_topics_fill_the_projections_and_create_the_suppliers_topic(
        service, unique, kafka_bootstrap) -> None:
    short_code = f"vodokanal-{unique}"
    supplier = OrganizationRegistered(
        occurred_at=service.clock(), organization_id=uuid.uuid4(), kind=OrganizationKind.SUPPLIER,
        full_name="ГУП «Леноблводоканал»", short_name="Леноблводоканал", short_code=short_code, inn="4703000001",
        ogrn=None, municipality_code=None, resource=Resource.WATER, resources=[Resource.WATER, Resource.SEWERAGE])
    project = ProjectAccepted(
        occurred_at=service.clock(), project_id=uuid.uuid4(), manager_user_id=uuid.uuid4(), actor_id=None,
        project=ProjectSummary(name="Логистический центр", investor_organization_id=uuid.uuid4(),
                               municipality_code=f"district-{unique}"))
    await publish(kafka_bootstrap, supplier, project)
    await until(lambda: service.count(tables.organizations, tables.organizations.c.short_code == short_code))
    await until(lambda: service.count(tables.projects, tables.projects.c.project_id == project.project_id))
    async with service.runtime.session_factory() as session:
        row = (await session.execute(select(tables.organizations).where(
            tables.organizations.c.short_code == short_code))).mappings().one()
    assert (row["kind"], row["resources"]) == ("supplier", ["water", "sewerage"])
    admin = AIOKafkaAdminClient(bootstrap_servers=kafka_bootstrap)
    await admin.start()
    try:
        assert f"requests.supplier.{short_code}.v1" in await admin.list_topics()
    finally:
        await admin.close()


async def test_the_sla_services_due_date_replaces_the_indicative_one(service, cast, samples, kafka_bootstrap) -> None:
    created = await service.file(cast, samples)
    assert created["due_on"] == "2025-03-21"
    await publish(kafka_bootstrap, SlaClockStarted(
        occurred_at=service.clock(), request_id=uuid.UUID(created["request_id"]), project_id=cast.project_id,
        recipient_organization_id=cast.municipality.organization_id, request_type_code="gpzu",
        policy_code="municipality-5wd", target_working_days=5, starts_on=date(2025, 3, 17), due_on=date(2025, 3, 24)))

    async def moved():
        return (await service.detail(cast.investor, created["request_id"]))["due_on"] == "2025-03-24"

    await until(moved)
