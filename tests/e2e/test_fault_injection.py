"""Under a bounded load, each service in turn dies by SIGKILL, and the broker dies and comes back:
afterwards every submitted request reached its supplier's topic once, has one SLA clock, and produced
one notification per recipient and channel. Nothing lost, nothing applied twice.

Each phase files REQUESTS_PER_PHASE heat-connection requests from CLIENTS investors at a steady pace,
kills its target once a quarter of them are filed, starts it again on the same store and settings,
and waits until the corridor has caught up. The supplier's system (the example adapter) answers every
request, so each crosses the supplier responses topic, the requests service, the SLA service and the
notifications service twice. The counts go to test-artifacts/fault-injection.{md,json}; the table of a
real run is in docs/fault-injection.md.
"""

from __future__ import annotations

import asyncio
import json
import time

import pytest

from bench.load import SUPPLIER, Client, file_heat_request, prepare_clients
from bench.suite import ROOT
from corridor_contracts import supplier_topic
from tests.e2e.accounting import NOTIFICATIONS_PER_REQUEST, Tally, markdown, tally

pytestmark = [pytest.mark.e2e, pytest.mark.kafka]

PHASES = ("identity", "projects", "requests", "sla", "notifications", "broker")
REQUESTS_PER_PHASE = 60
CLIENTS = 6
PACE_SECONDS = 0.5  # between one client's filings: about 12 requests a second in all
RECOVERY_TIMEOUT = 240  # the SLA service needs about a minute after SIGKILL (faust's session timeout)
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
async def clients(corridor) -> list[Client]:
    return await prepare_clients(corridor.client, corridor.region, CLIENTS, tag="faults")


@pytest.fixture(scope="module")
def ledger() -> list[Tally]:
    tallies: list[Tally] = []
    yield tallies
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "fault-injection.json").write_text(json.dumps(
        [t.row() | {"notes": t.notes} for t in tallies], indent=2, ensure_ascii=False))
    (ARTIFACTS / "fault-injection.md").write_text(markdown(tallies) + "\n")


async def crash(corridor, target: str) -> None:
    """SIGKILL the target and start it again: a service on its own store, the broker on its data dir."""
    suite = corridor.suite
    if target == "broker":
        await asyncio.to_thread(suite.kill_broker)
        await asyncio.sleep(5)  # long enough for every client to notice and fail over to retrying
        await asyncio.to_thread(suite.start_broker)
    else:
        await asyncio.to_thread(suite.kill, target)
        await asyncio.to_thread(suite.restart, target)


@pytest.mark.parametrize("target", PHASES)
async def test_after_a_crash_every_request_arrives_once_with_one_clock_and_its_notifications(
        corridor, clients, ledger, target) -> None:
    client, watch = corridor.client, corridor.watch
    client.renew_tokens()  # tokens fresh for the whole phase, identity's outage included
    await asyncio.gather(*(client.token(c.email) for c in clients))
    filed: list = []
    quarter = asyncio.Event()

    async def investor(number: int, who: Client) -> None:
        for n in range(number, REQUESTS_PER_PHASE, CLIENTS):
            filed.append(await file_heat_request(client, who, f"Тепло, фаза «{target}», заявка {n + 1}"))
            if len(filed) >= REQUESTS_PER_PHASE // 4:
                quarter.set()
            await asyncio.sleep(PACE_SECONDS)

    load = asyncio.gather(*(investor(number, who) for number, who in enumerate(clients)))
    await quarter.wait()
    killed_at = time.monotonic()
    await crash(corridor, target)
    await load
    ids = [f.request_id for f in filed]
    assert len(set(ids)) == REQUESTS_PER_PHASE, "one logical submission must be one request"

    def settled() -> bool:
        now = tally(target, ids, watch, corridor.suite, supplier_topic(SUPPLIER))
        return now.delivered == now.sla_clocks == now.submitted and now.notifications >= now.notifications_expected \
            and now.emails >= now.emails_expected

    caught_up = await watch.until(settled, timeout=RECOVERY_TIMEOUT)
    result = tally(target, ids, watch, corridor.suite, supplier_topic(SUPPLIER))
    result.seconds_to_recover = time.monotonic() - killed_at
    result.resubmitted = sum(f.attempts > 1 for f in filed)
    if not caught_up:
        result.notes.append(f"not caught up after {RECOVERY_TIMEOUT}s")
    ledger.append(result)

    assert (result.submitted, result.delivered, result.lost) == (REQUESTS_PER_PHASE, REQUESTS_PER_PHASE, 0), result
    assert result.sla_clocks == REQUESTS_PER_PHASE, result
    assert result.notifications == NOTIFICATIONS_PER_REQUEST * REQUESTS_PER_PHASE, result
    assert result.emails == result.emails_expected, result
    assert result.duplicates_applied == 0, result
