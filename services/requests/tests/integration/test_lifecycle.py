"""Every lifecycle step through the cabinets: who may take it, what it records, what it announces."""

from __future__ import annotations

import json
import uuid

import pytest

from corridor_requests.adapters.request_store import find_request, update_request
from corridor_requests.domain.errors import StateConflict

PROBLEM = "urn:green-corridor:problem:"


async def test_accept_clarify_answer_close_each_recorded_with_who_and_when(service, cast, samples) -> None:
    request_id = (await service.file(cast, samples))["request_id"]
    service.clock.advance(hours=1)
    assert (await service.step(cast.official, request_id, "accept"))["status"] == "accepted"
    service.clock.advance(hours=1)
    asked = await service.step(cast.official, request_id, "clarification-requests",
                               {"question": "Приложите схему границ участка"})
    assert asked["status"] == "clarification_requested"
    plan = await service.upload(cast.investor, samples["png"], "схема.png")
    service.clock.advance(days=1)
    await service.step(cast.investor, request_id, "clarifications",
                       {"text": "Схема приложена", "document_ids": [plan["document_id"]]})
    gpzu = await service.upload(cast.official, samples["docx"], "ГПЗУ.docx")
    service.clock.advance(hours=2)
    answered = await service.step(cast.official, request_id, "answer",
                                  {"text": "ГПЗУ подготовлен", "document_ids": [gpzu["document_id"]]})
    assert answered["status"] == "answered"
    closed = await service.step(cast.investor, request_id, "close")
    assert (closed["status"], closed["outcome"]) == ("closed", "answered")

    detail = await service.detail(cast.investor, request_id)
    history = [(s["step"], s["to_status"], s["actor_id"], s["occurred_at"], s["text"],
                [d["file_name"] for d in s["documents"]]) for s in detail["history"]]
    official, investor = str(cast.official.subject), str(cast.investor.subject)
    assert history == [
        ("submit", "submitted", investor, "2025-03-14T07:30:00Z", None, ["title-document.pdf"]),
        ("route", "routed", None, "2025-03-14T07:30:00Z", detail["routing_explanation"], []),
        ("accept", "accepted", official, "2025-03-14T08:30:00Z", None, []),
        ("request_clarification", "clarification_requested", official, "2025-03-14T09:30:00Z",
         "Приложите схему границ участка", []),
        ("provide_clarification", "accepted", investor, "2025-03-15T09:30:00Z", "Схема приложена", ["схема.png"]),
        ("answer", "answered", official, "2025-03-15T11:30:00Z", "ГПЗУ подготовлен", ["ГПЗУ.docx"]),
        ("close", "closed", investor, "2025-03-15T11:30:00Z", None, []),
    ]
    events = [(name, json.loads(value)) for name, _, value in await service.outbox()]
    assert [name for name, _ in events] == [
        "RequestSubmitted", "RequestRouted", "RequestAccepted", "ClarificationRequested", "ClarificationProvided",
        "RequestAnswered", "RequestClosed"]
    assert events[4][1]["documents"][0]["content_type"] == "image/png"
    assert events[5][1]["text"] == "ГПЗУ подготовлен" and events[5][1]["actor_id"] == official
    assert events[6][1]["outcome"] == "answered"


async def test_the_investor_may_withdraw_before_the_answer_and_not_after(service, cast, samples) -> None:
    request_id = (await service.file(cast, samples))["request_id"]
    await service.step(cast.official, request_id, "accept")
    withdrawn = await service.step(cast.investor, request_id, "withdraw", {"reason": "Участок сменился"})
    assert (withdrawn["status"], withdrawn["outcome"]) == ("withdrawn", "withdrawn")
    assert [name for name, _, _ in await service.outbox()][-2:] == ["RequestWithdrawn", "RequestClosed"]
    late = await service.step(cast.official, request_id, "answer", {"text": "поздно"}, expect=409)
    assert late["type"] == PROBLEM + "illegal-transition"

    answered_id = (await service.file(cast, samples))["request_id"]
    await service.step(cast.official, answered_id, "accept")
    await service.step(cast.official, answered_id, "answer", {"text": "готово"})
    refused = await service.step(cast.investor, answered_id, "withdraw", expect=409)
    assert refused["detail"] == ("cannot withdraw a request that is answered; it must be accepted, "
                                 "clarification_requested, routed, submitted")


async def test_a_recipient_redirects_with_a_reason_and_the_request_changes_hands(service, cast, samples) -> None:
    request_id = (await service.file(cast, samples))["request_id"]
    moved = await service.step(cast.official, request_id, "redirect", {
        "organization_id": str(cast.other_municipality.organization_id), "reason": "Участок в соседнем районе"})
    assert moved["status"] == "routed"
    assert moved["recipient_organization_id"] == str(cast.other_municipality.organization_id)
    assert moved["routing_explanation"] == ("redirected by the recipient to «Администрация соседнего района»: "
                                            "Участок в соседнем районе")
    name, _, value = (await service.outbox())[-1]
    redirected = json.loads(value)
    assert name == "RequestRedirected" and redirected["from_organization_id"] == str(cast.municipality.organization_id)
    assert redirected["to_organization_kind"] == "municipality" and redirected["actor_id"] == str(cast.official.subject)

    gone = await service.client.get(f"/requests/{request_id}", headers=service.auth(cast.official))
    assert gone.status_code == 404  # the previous recipient no longer sees it
    await service.step(cast.other_official, request_id, "accept")


async def test_the_projects_manager_reroutes_to_a_supplier_which_gets_it_on_its_topic(service, cast, samples) -> None:
    request_id = (await service.file(cast, samples))["request_id"]
    not_manager = await service.step(cast.other_manager, request_id, "reroute", {
        "organization_id": str(cast.supplier.organization_id), "reason": "это к сетевикам"}, expect=404)
    assert not_manager["type"] == PROBLEM + "not-found"
    moved = await service.step(cast.manager, request_id, "reroute", {
        "organization_id": str(cast.supplier.organization_id), "reason": "это к сетевикам"})
    assert moved["recipient_kind"] == "supplier" and moved["routing_rule_id"] is None
    assert moved["routing_explanation"].startswith("rerouted by the project's manager to «Россети Ленэнерго»")
    events = await service.outbox()
    assert [(name, topic) for name, topic, _ in events[-2:]] == [
        ("RequestRedirected", "requests.request.v1"),
        ("SupplierRequestDispatched", f"requests.supplier.{cast.supplier.short_code}.v1")]
    # Moving it on from the supplier tells the supplier it was recalled.
    await service.step(cast.manager, request_id, "reroute", {
        "organization_id": str(cast.agency.organization_id), "reason": "разберёмся сами"})
    name, topic, value = (await service.outbox())[-1]
    assert (name, topic, json.loads(value)["change"]) == (
        "SupplierRequestChanged", f"requests.supplier.{cast.supplier.short_code}.v1", "recalled")


OTHER_DISTRICT = object()  # stands for the other municipality's id in a redirect body
ILLEGAL = [  # (steps taken first by the official, who tries, what, body)
    ([], "official", "answer", {"text": "ответ"}),  # not accepted yet
    ([], "official", "clarification-requests", {"question": "?"}),
    ([], "investor", "close", None),  # nothing to take note of
    (["accept"], "official", "accept", None),  # twice
    (["accept"], "investor", "clarifications", {"text": "никто не спрашивал"}),
    (["accept", "clarification-requests"], "official", "redirect", OTHER_DISTRICT),  # a question is open
    (["accept", "clarification-requests"], "official", "answer", {"text": "ответ"}),  # waiting for the investor
    (["accept", "answer"], "investor", "withdraw", None),
    (["accept", "answer"], "official", "answer", {"text": "ещё раз"}),
]


async def test_illegal_steps_are_409_and_change_nothing(service, cast, samples) -> None:
    bodies = {"clarification-requests": {"question": "?"}, "answer": {"text": "готово"}}
    for earlier, who, action, body in ILLEGAL:
        request_id = (await service.file(cast, samples))["request_id"]
        for previous in earlier:
            await service.step(cast.official, request_id, previous, bodies.get(previous))
        if body is OTHER_DISTRICT:
            body = {"organization_id": str(cast.other_municipality.organization_id), "reason": "не наше"}
        before = await service.snapshot()
        problem = await service.step(getattr(cast, who), request_id, action, body, expect=409)
        assert problem["type"] == PROBLEM + "illegal-transition", (earlier, action)
        assert await service.snapshot() == before, (earlier, action)


async def test_a_concurrent_change_loses_with_a_409_instead_of_overwriting(service, cast, samples) -> None:
    request_id = (await service.file(cast, samples))["request_id"]
    async with service.runtime.session_factory() as session:
        stale = await find_request(session, uuid.UUID(request_id))
    await service.step(cast.official, request_id, "accept")
    async with service.runtime.session_factory() as session, session.begin():
        with pytest.raises(StateConflict):
            await update_request(session, stale, status="answered")
    assert (await service.detail(cast.investor, request_id))["status"] == "accepted"
