"""Supplier systems over the real broker: a request reaches the supplier's topic, the answer comes back on the
responses topic and is applied; a response from anyone but the assigned organisation changes nothing.

The supplier side is the runnable example adapter (examples/supplier_adapter.py), imported, not copied.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import sys
import uuid
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from aiokafka import AIOKafkaProducer

from corridor_contracts import SupplierAction
from corridor_requests.adapters import tables

pytestmark = pytest.mark.kafka
ROOT = Path(__file__).resolve().parents[4]
_spec = importlib.util.spec_from_file_location("supplier_adapter", ROOT / "examples" / "supplier_adapter.py")
adapter = sys.modules.setdefault("supplier_adapter", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(adapter)


async def eventually(check, timeout: float = 30.0):
    """Poll `check` (async, returns a truthy value when done) until it succeeds or the time is up."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = await check()
        if result:
            return result
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"not reached in {timeout}s")
        await asyncio.sleep(0.2)


@asynccontextmanager
async def supplier_system_running(service, cast, kafka_bootstrap: str):
    """The example adapter serving the cast's grid company, with a real token of its service account."""
    config = adapter.AdapterConfig(kafka_bootstrap, cast.supplier.short_code)
    stop = asyncio.Event()
    task = asyncio.create_task(adapter.serve(config, adapter.static_token(
        supplier_token(service, cast.supplier_system)), stop=stop))
    try:
        yield
    finally:
        stop.set()
        await task


async def in_status(service, cast, request: dict, status: str) -> dict | None:
    detail = await service.detail(cast.investor, request["request_id"])
    return detail if detail["status"] == status else None


def supplier_token(service, person, **extra) -> str:
    return service.mint.token(roles=person.roles, organization_id=person.organization_id, organization_kind="supplier",
                              subject=person.subject, service_account=True, **extra)


async def test_a_grid_request_is_answered_by_the_suppliers_system_over_kafka(service, cast, samples,
                                                                               kafka_bootstrap) -> None:
    created = await service.file(cast, samples, type_code="grid-connection", payload={"max_power_kw": 150},
                                 document_kinds=("site-plan", "title-document"))
    async with supplier_system_running(service, cast, kafka_bootstrap):
        detail = await eventually(lambda: in_status(service, cast, created, "answered"))
    accept, answer = detail["history"][-2:]
    assert (accept["step"], answer["step"]) == ("accept", "answer")
    assert accept["actor_organization_id"] == answer["actor_organization_id"] == str(cast.supplier.organization_id)
    assert answer["actor_id"] == str(cast.supplier_system.subject)
    assert answer["text"] == adapter.conditions_issued(uuid.UUID(created["request_id"]))
    assert [name for name, _, _ in await service.outbox()][-2:] == ["RequestAccepted", "RequestAnswered"]
    assert await service.count(tables.supplier_responses) == 2
    assert await service.count(tables.supplier_response_rejections) == 0


async def test_a_supplier_asks_the_investor_over_kafka_and_answers_the_clarification(service, cast, samples,
                                                                                    kafka_bootstrap) -> None:
    created = await service.file(cast, samples, type_code="grid-connection",
                                 payload={"max_power_kw": 150, "reliability_category": "I"},
                                 document_kinds=("site-plan", "title-document"))
    async with supplier_system_running(service, cast, kafka_bootstrap):
        asked = await eventually(lambda: in_status(service, cast, created, "clarification_requested"))
        assert asked["history"][-1]["text"] == adapter.SCHEME_QUESTION
        scheme = await service.upload(cast.investor, samples["pdf"], "однолинейная схема.pdf")
        await service.step(cast.investor, created["request_id"], "clarifications",
                           {"text": "Схема приложена", "document_ids": [scheme["document_id"]]})
        answered = await eventually(lambda: in_status(service, cast, created, "answered"))
    assert [s["step"] for s in answered["history"]][2:] == [
        "accept", "request_clarification", "provide_clarification", "answer"]
    changed = [json.loads(value) for name, _, value in await service.outbox() if name == "SupplierRequestChanged"]
    assert [(c["change"], c["text"], [d["file_name"] for d in c["documents"]]) for c in changed] == [
        ("clarification_provided", "Схема приложена", ["однолинейная схема.pdf"])]


async def test_answers_from_anyone_but_the_assigned_supplier_are_rejected_and_the_sender_told(
        service, cast, samples, kafka_bootstrap) -> None:
    created = await service.file(cast, samples, type_code="grid-connection", payload={"max_power_kw": 90},
                                 document_kinds=("site-plan", "title-document"))
    request_id = uuid.UUID(created["request_id"])
    lenenergo, gas = cast.supplier.organization_id, cast.other_supplier.organization_id
    foreign = supplier_token(service, cast.other_supplier_system)
    attempts = {
        "not-assigned": dict(organization_id=gas, token=foreign),  # the gas company answers a grid request
        "organization-mismatch": dict(organization_id=lenenergo, token=foreign),  # ...pretending to be the grid
        "missing-token": dict(organization_id=lenenergo, token=None),
        "token-expired": dict(organization_id=lenenergo, token=supplier_token(service, cast.supplier_system, ttl=-60)),
        "not-a-supplier-system": dict(organization_id=lenenergo, token=service.mint.token(
            roles=["official"], organization_id=lenenergo, subject=cast.supplier_official.subject)),
    }
    before = await service.snapshot()
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap)
    await producer.start()
    try:
        for attempt in attempts.values():
            record = adapter.response_record(request_id=request_id, action=SupplierAction.ANSWERED, text="Отказ",
                                             short_code="intruder", **attempt)
            await producer.send_and_wait(record.topic, record.value, key=record.key, headers=record.headers)

        async def all_rejected():
            return await service.count(tables.supplier_response_rejections) == len(attempts)

        await eventually(all_rejected)
    finally:
        await producer.stop()

    after = await service.snapshot()
    assert after == {**before, "outbox": before["outbox"] + 2}  # only the two notices to the gas company
    assert (await service.detail(cast.investor, created["request_id"]))["status"] == "routed"
    async with service.runtime.session_factory() as session:
        rows = (await session.execute(tables.supplier_response_rejections.select())).mappings().all()
    assert sorted(row["reason"] for row in rows) == sorted(attempts)
    assert {row["sender_organization_id"] for row in rows if row["reason"] in ("not-assigned",
                                                                            "organization-mismatch")} == {gas}
    listed = await service.client.get("/supplier-responses/rejections", headers=service.auth(cast.agency_head))
    assert sorted(item["reason"] for item in listed.json()) == sorted(attempts)
    hidden = await service.client.get("/supplier-responses/rejections", headers=service.auth(cast.supplier_system))
    assert hidden.status_code == 403
    notices = [(topic, json.loads(value)) for name, topic, value in (await service.outbox())[-2:]]
    assert {topic for topic, _ in notices} == {f"requests.supplier.{cast.other_supplier.short_code}.v1"}
    assert sorted(body["reason"] for _, body in notices) == ["not-assigned", "organization-mismatch"]


async def test_a_response_is_applied_once_and_an_illegal_one_is_rejected(service, cast, samples,
                                                                          kafka_bootstrap) -> None:
    created = await service.file(cast, samples, type_code="grid-connection", payload={"max_power_kw": 90},
                                 document_kinds=("site-plan", "title-document"))
    request_id = uuid.UUID(created["request_id"])
    token = supplier_token(service, cast.supplier_system)
    accepted = uuid.uuid4()
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap)
    await producer.start()
    try:
        for response_id, action, text in [(uuid.uuid4(), SupplierAction.ANSWERED, "ответ до принятия"),
                                          (accepted, SupplierAction.ACCEPTED, None),
                                          (accepted, SupplierAction.ACCEPTED, None)]:  # resent: a new record
            record = adapter.response_record(request_id=request_id, organization_id=cast.supplier.organization_id,
                                             action=action, text=text, token=token, short_code="lenenergo",
                                             response_id=response_id)
            await producer.send_and_wait(record.topic, record.value, key=record.key, headers=record.headers)

        async def settled():
            return (await service.count(tables.supplier_responses) == 1
                    and await service.count(tables.supplier_response_rejections) == 1)

        await eventually(settled)
    finally:
        await producer.stop()
    detail = await service.detail(cast.investor, created["request_id"])
    assert detail["status"] == "accepted" and [s["step"] for s in detail["history"]].count("accept") == 1
    async with service.runtime.session_factory() as session:
        rejection = (await session.execute(tables.supplier_response_rejections.select())).mappings().one()
    assert rejection["reason"] == "illegal-transition"
    assert rejection["detail"].startswith("cannot answer a request that is routed")
    assert [(name, topic) for name, topic, _ in await service.outbox()][-2:] == [
        ("SupplierResponseRejected", f"requests.supplier.{cast.supplier.short_code}.v1"),
        ("RequestAccepted", "requests.request.v1")]
