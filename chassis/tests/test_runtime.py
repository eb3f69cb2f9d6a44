"""The runtime starts a service's background loops with it, reports them in readiness, stops them first."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import select

from corridor_chassis.messaging.consumer import EventConsumer
from corridor_chassis.messaging.tables import outbox
from corridor_contracts.topics import SLA_CLOCK
from corridor_chassis.runtime import ServiceRuntime
from corridor_chassis.settings import ServiceSettings

pytestmark = pytest.mark.kafka

MIGRATIONS = Path(__file__).resolve().parents[2] / "services" / "sla" / "src" / "corridor_sla" / "migrations"


async def test_background_tasks_run_with_the_service_and_join_readiness(kafka_bootstrap, tmp_path) -> None:
    settings = ServiceSettings(service_name="chassis-test", data_dir=tmp_path, kafka_bootstrap_servers=kafka_bootstrap)
    runtime = ServiceRuntime.build(settings, migrations=MIGRATIONS)
    ticks: list[int] = []
    healthy = {"worker": False}

    async def worker() -> None:
        healthy["worker"] = True
        while True:
            ticks.append(1)
            await asyncio.sleep(0.01)

    runtime.add_background_task("worker", worker, healthy=lambda: healthy["worker"])
    await runtime.start()
    try:
        for _ in range(200):
            if ticks and all(runtime.readiness().values()):
                break
            await asyncio.sleep(0.05)
        assert runtime.readiness()["task:worker"] is True
        healthy["worker"] = False
        assert runtime.readiness()["task:worker"] is False
    finally:
        await runtime.stop()
    stopped_at = len(ticks)
    await asyncio.sleep(0.05)
    assert len(ticks) == stopped_at, "the background task kept running after stop"


async def test_start_up_steps_run_in_order_on_a_migrated_store_before_the_consumers(kafka_bootstrap, tmp_path) -> None:
    settings = ServiceSettings(service_name="chassis-test", data_dir=tmp_path, kafka_bootstrap_servers=kafka_bootstrap)
    runtime = ServiceRuntime.build(settings, migrations=MIGRATIONS)
    seen: list[tuple[str, bool, int]] = []

    def step(name: str):
        async def run() -> None:
            async with runtime.session_factory() as session:  # the outbox table exists: migrated first
                await session.execute(select(outbox.c.position).limit(1))
            seen.append((name, runtime.relay is None, len(runtime.consumers)))
        return run

    runtime.subscribe([SLA_CLOCK], {}, group=f"chassis-test-{tmp_path.name}")
    runtime.add_startup_step("seed", step("seed"))
    runtime.add_startup_step("keys", step("keys"))
    await runtime.start()
    try:
        assert seen == [("seed", True, 0), ("keys", True, 0)]
        assert len(runtime.consumers) == 1
    finally:
        await runtime.stop()


async def test_a_subscription_may_name_its_own_consumer_class(kafka_bootstrap, tmp_path) -> None:
    class HeaderReadingConsumer(EventConsumer):
        pass

    settings = ServiceSettings(service_name="chassis-test", data_dir=tmp_path, kafka_bootstrap_servers=kafka_bootstrap)
    runtime = ServiceRuntime.build(settings, migrations=MIGRATIONS)
    runtime.subscribe([SLA_CLOCK], {}, group=f"chassis-test-{tmp_path.name}", consumer_class=HeaderReadingConsumer)
    await runtime.start()
    try:
        assert [type(consumer) for consumer in runtime.consumers] == [HeaderReadingConsumer]
    finally:
        await runtime.stop()


async def test_a_subscription_may_apply_its_polled_batches_in_one_transaction(kafka_bootstrap, tmp_path) -> None:
    settings = ServiceSettings(service_name="chassis-test", data_dir=tmp_path, kafka_bootstrap_servers=kafka_bootstrap)
    runtime = ServiceRuntime.build(settings, migrations=MIGRATIONS)
    runtime.subscribe([SLA_CLOCK], {}, group=f"chassis-test-{tmp_path.name}-batch", batch=True)
    runtime.subscribe([SLA_CLOCK], {}, group=f"chassis-test-{tmp_path.name}-records")
    await runtime.start()
    try:
        assert [consumer.batch for consumer in runtime.consumers] == [True, False]
    finally:
        await runtime.stop()
