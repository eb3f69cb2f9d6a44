"""The corridor for the end-to-end tests: all five services as separate processes on their own broker.

One corridor serves the whole e2e package (starting it costs about a minute), and the modules run in
the order their names sort, which is also the order of how much they disturb it: test_corridor (the
investor's journey, then the SLA's clock moved forward and back), test_fault_injection (kill -9 of each
service, a broker restart), test_schemathesis (generated requests as an administrator, which may
change routing rules and calendars). Always its own broker, never the shared one: the services use
the production topic names and the signing-keys topic, which must not mix with other tests' events.
Logs of every process are copied to test-artifacts/e2e/ when the corridor stops.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.observe import TopicWatch  # noqa: E402
from bench.suite import Suite  # noqa: E402
from demo.client import Corridor  # noqa: E402
from demo.loader import Region, load_directory  # noqa: E402

ARTIFACTS = ROOT / "test-artifacts" / "e2e"
# Quicker than the defaults where only latency differs: the SLA timer, the delivery worker's poll, and
# the lease after which a delivery claimed by a killed process is retried (default five minutes).
SETTINGS = {"GC_ENVIRONMENT": "test", "GC_SLA_TIMER_SECONDS": "1", "GC_DELIVERY_POLL_SECONDS": "0.2",
            "GC_DELIVERY_LEASE_SECONDS": "10", "GC_LOG_JSON": "false"}


@dataclass
class E2ECorridor:
    suite: Suite
    client: Corridor
    region: Region
    watch: TopicWatch  # every event on the requests, sla and notifications topics, by event id

    def url(self, service: str) -> str:
        return self.suite.url(service)


@pytest.fixture(scope="package")
async def corridor(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[E2ECorridor]:
    suite = Suite(tmp_path_factory.mktemp("corridor"), env=SETTINGS)
    try:
        await asyncio.to_thread(suite.start)
        async with Corridor({name: service.url for name, service in suite.services.items()}) as client:
            region = await load_directory(client, identity_env=suite["identity"].env)
            for short_code, account in region.service_accounts.items():
                suite.start_supplier(short_code, **account)
            watch = await TopicWatch(suite.broker.bootstrap_servers,
                                     pattern=r"^(requests|sla|notifications)\..*").start()
            try:
                yield E2ECorridor(suite, client, region, watch)
            finally:
                await watch.stop()
    finally:
        await asyncio.to_thread(suite.stop)
        shutil.rmtree(ARTIFACTS / "logs", ignore_errors=True)
        shutil.copytree(suite.logs, ARTIFACTS / "logs")
