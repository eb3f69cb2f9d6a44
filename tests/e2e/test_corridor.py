"""An investor's request crosses five services and a broker: it arrives, is timed and is announced.

Everything here goes through public interfaces only: HTTP as the people who act, the supplier's system
as the example adapter reading its Kafka topic, e-mail as it lands in the SMTP sink, and the events as
any consumer would read them.
"""

from __future__ import annotations

import asyncio
import re
import time
from typing import Any

import pytest

from bench.suite import body_of, subject_of
from corridor_contracts import (
    RequestAccepted, RequestAnswered, RequestRouted, RequestSubmitted, SlaBreached, SlaClockStarted, SlaMet,
    SupplierRequestDispatched, supplier_topic,
)
from demo.loader import file_request, open_project, publish_roadmap, register_investor
from demo.region import HEAD, MANAGERS, Filing, Investor, Project, commissioner_of, official_of

pytestmark = [pytest.mark.e2e, pytest.mark.kafka]

KIROVSK = "41625000"
INVESTOR = Investor("ivanova@baltic-feed.example", "Светлана Олеговна Иванова",
                    "Общество с ограниченной ответственностью «Балтийские корма»", "ООО «Балтийские корма»",
                    "4799001067", "1224799000062", KIROVSK, kpp="479901001")
FEED_MILL = Project("Комбикормовый завод 120 000 т в год", "Производство комбикормов для птицефабрик региона.",
                    "10.91", "Ленинградская область, Кировский район, г. Отрадное, ул. Заводская, 3", 5.5, 90,
                    (700_000_000, 900_000_000), power_kw=120, gas_m3_h=200, water_m3_day=50,
                    cadastral_number="47:16:0000000:777")
MANAGER = MANAGERS[0]
GRID = Filing("grid-connection", "Техприсоединение 120 кВт, 0,4 кВ", {"max_power_kw": 120, "voltage_kv": 0.4,
              "reliability_category": "III"}, documents=("site-plan", "title-document"))
GPZU = Filing("gpzu", "ГПЗУ участка 47:16:0000000:777", {"cadastral_number": "47:16:0000000:777"},
              documents=("title-document",), task=("gpzu", "issue"))
SETTLE = 90  # seconds the corridor may take to carry an event across; it usually takes one or two


async def eventually(check, *, timeout: float = SETTLE, every: float = 0.5) -> Any:
    """The first truthy result of `check()` (sync or async), polled until `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if asyncio.iscoroutine(result):
            result = await result
        if result or time.monotonic() > deadline:
            return result
        await asyncio.sleep(every)


def one_event(corridor, request_id: str, kind: type, topic: str | None = None):
    arrivals = corridor.watch.events(request_id, kind)
    assert len(arrivals) <= 1, f"{kind.__name__} of {request_id} was published {len(arrivals)} times"
    if arrivals and topic:
        assert arrivals[0].topic == topic
    return arrivals[0].data if arrivals else None


async def mail(corridor, address: str, subject_prefix: str, request_id: str):
    def found():
        return next((m for m in corridor.suite.mails_to(address)
                     if subject_of(m).startswith(subject_prefix) and f"/requests/{request_id}" in body_of(m)), None)
    return await eventually(found)


@pytest.fixture(scope="module")
async def accepted_project(corridor) -> dict[str, Any]:
    """The investor registered, filed a complete passport, and the agency accepted it with a roadmap."""
    client, region = corridor.client, corridor.region
    await register_investor(client, INVESTOR)
    me = await client.call("identity", "GET", "/me", as_user=INVESTOR.email)
    assert me["roles"] == ["investor"] and me["organization_kind"] == "investor"
    project_id = await open_project(client, region, INVESTOR, FEED_MILL, state="accepted", manager=MANAGER)
    project = await client.call("projects", "GET", f"/projects/{project_id}", as_user=INVESTOR.email)
    assert project["status"] == "accepted" and project["manager"]["user_id"] == region.users[MANAGER.email]
    tasks = await publish_roadmap(client, MANAGER, project_id, (("grid-connection-150kw", None), ("gpzu", None)))
    return {"project_id": project_id, "tasks": tasks, "investor_org": me["organization_id"]}


async def test_a_request_reaches_its_supplier_is_answered_on_time_and_the_investor_hears_of_it(
        corridor, accepted_project) -> None:
    client, region = corridor.client, corridor.region
    lenenergo = region.organization(("short_code", "lenenergo"))

    # The investor files a grid connection request; routing sends it to the grid company at once.
    request = await file_request(client, INVESTOR.email, accepted_project["project_id"], GRID)
    request_id = request["request_id"]
    assert request["status"] == "routed"
    assert request["recipient_organization_id"] == lenenergo["id"]
    assert request["routing_rule_id"] == "grid-up-to-150kw"
    assert "max_power_kw=120" in request["routing_explanation"]

    # The grid company's topic carries it, self-contained, once.
    assert await corridor.watch.until(lambda: corridor.watch.events(request_id, RequestAnswered), timeout=SETTLE), \
        "the supplier's answer never came back through the requests service"
    dispatched = one_event(corridor, request_id, SupplierRequestDispatched, supplier_topic("lenenergo"))
    assert dispatched.applicant_inn == INVESTOR.inn and dispatched.payload["max_power_kw"] == 120
    assert {document.file_name for document in dispatched.documents} == {"site-plan.pdf", "title-document.pdf"}
    for kind in (RequestSubmitted, RequestRouted, RequestAccepted, RequestAnswered):
        assert one_event(corridor, request_id, kind) is not None, kind.__name__

    # The supplier system (examples/supplier_adapter.py, signed in as a service account) answered.
    detail = await client.call("requests", "GET", f"/requests/{request_id}", as_user=INVESTOR.email)
    assert detail["status"] == "answered"
    answer = next(step for step in detail["history"] if step["step"] == "answer")
    assert re.fullmatch(r"Технические условия № ТУ-[0-9A-F]{8} выданы; .*", answer["text"])
    assert answer["organization_id"] == lenenergo["id"] or answer["actor_organization_id"] == lenenergo["id"]

    # The SLA clock started on routing and stopped, met, on the answer.
    assert await corridor.watch.until(lambda: corridor.watch.events(request_id, SlaMet), timeout=SETTLE)
    started = one_event(corridor, request_id, SlaClockStarted)
    assert str(started.recipient_organization_id) == lenenergo["id"] and started.target_working_days == 7
    assert started.due_on == dispatched.due_on, "the supplier was promised the SLA service's due date"
    assert one_event(corridor, request_id, SlaMet).due_on == started.due_on
    clock = await eventually(lambda: _clock_with_status(client, request_id, "met"))
    assert clock and clock["outcome"] == "answered" and clock["breached_at"] is None

    # The investor is told by e-mail and in the feed; the grid company's official was told of the request.
    answered = await mail(corridor, INVESTOR.email, "Получен ответ на запрос", request_id)
    assert answered is not None, "no e-mail about the answer reached the investor"
    assert "Технические условия" in body_of(answered)
    assert await mail(corridor, official_of("lenenergo").email, "Новый запрос", request_id) is not None
    item = await eventually(lambda: _feed_item(client, INVESTOR.email, "request-answered", request_id))
    assert item and item["read_at"] is None and GRID.subject in item["title"]


async def test_an_unanswered_request_breaches_its_deadline_and_the_breach_is_announced(
        corridor, accepted_project) -> None:
    client, region, suite = corridor.client, corridor.region, corridor.suite
    commissioner = commissioner_of(KIROVSK)
    request = await file_request(client, INVESTOR.email, accepted_project["project_id"], GPZU,
                                 tasks=accepted_project["tasks"])
    request_id = request["request_id"]
    assert request["recipient_organization_id"] == region.organization(("municipality", KIROVSK))["id"]
    assert await corridor.watch.until(lambda: corridor.watch.events(request_id, SlaClockStarted), timeout=SETTLE)
    assert (await _clock(client, request_id))["status"] == "running"

    # Nobody answers; the SLA service's clock is moved 30 days on (GC_SLA_CLOCK_OFFSET_SECONDS, a test hook).
    await asyncio.to_thread(suite.restart, "sla", env={"GC_SLA_CLOCK_OFFSET_SECONDS": str(30 * 86400)})
    try:
        assert await corridor.watch.until(lambda: corridor.watch.events(request_id, SlaBreached), timeout=SETTLE), \
            "the SLA service never announced the breach"
        breached = one_event(corridor, request_id, SlaBreached)
        started = one_event(corridor, request_id, SlaClockStarted)
        assert breached.due_on == started.due_on
        assert str(breached.recipient_organization_id) == request["recipient_organization_id"]
        clock = await _clock(client, request_id)
        assert clock["status"] == "breached" and clock["breached_at"] is not None

        # The municipality's investment commissioner and the project's manager hear of it by e-mail.
        for person in (commissioner, MANAGER):
            assert await mail(corridor, person.email, "Просрочен ответ на запрос", request_id) is not None, person.email
        # The roadmap task the request serves is now at risk.
        task = await eventually(lambda: _task(client, accepted_project["project_id"], request_id, at_risk=True))
        assert task and task["algorithm_code"] == "gpzu" and task["status"] == "in_progress"
    finally:
        await asyncio.to_thread(suite.restart, "sla", env={"GC_SLA_CLOCK_OFFSET_SECONDS": "0"})


async def _clock(client, request_id: str) -> dict[str, Any]:
    return await client.call("sla", "GET", f"/clocks/{request_id}", as_user=INVESTOR.email)


async def _clock_with_status(client, request_id: str, status: str) -> dict[str, Any] | None:
    clock = await client.call("sla", "GET", f"/clocks/{request_id}", as_user=INVESTOR.email, expect=(200, 404))
    return clock if clock and clock.get("status") == status else None


async def _feed_item(client, email: str, kind: str, request_id: str) -> dict[str, Any] | None:
    feed = await client.call("notifications", "GET", "/feed?limit=100", as_user=email)
    return next((item for item in feed["items"] if item["kind"] == kind and item["link"].endswith(request_id)), None)


async def _task(client, project_id: str, request_id: str, *, at_risk: bool) -> dict[str, Any] | None:
    roadmap = await client.call("projects", "GET", f"/projects/{project_id}/roadmap", as_user=HEAD.email)
    return next((task for task in roadmap["tasks"] if task["request_id"] == request_id and task["at_risk"] == at_risk),
                None)
