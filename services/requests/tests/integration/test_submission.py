"""Filing a request: only for an accepted project of one's own, checked against the catalogue, routed at once."""

from __future__ import annotations

import json
import uuid

from corridor_contracts import ProjectCompleted, ProjectReturned, RoadmapPublished, RoadmapTask, RoadmapTaskStatus
from corridor_contracts.vocabulary import OrganizationKind

PROBLEM = "urn:green-corridor:problem:"


async def test_a_gpzu_request_reaches_the_projects_district_administration_with_its_reason(
        service, cast, samples) -> None:
    created = await service.file(cast, samples)
    assert created["status"] == "routed"
    assert created["recipient_organization_id"] == str(cast.municipality.organization_id)
    assert created["routing_rule_id"] == "gpzu-by-municipality"
    assert created["routing_explanation"] == (
        f"rule #1 'ГПЗУ → администрация района проекта' matched: type=gpzu → «Администрация района»")
    assert created["registered_at"] == "2025-03-14T07:30:00Z"
    assert created["due_on"] == "2025-03-21"  # five working days after Friday the 14th
    assert created["sla_policy_code"] == "municipality-5wd"

    events = await service.outbox()
    assert [name for name, _, _ in events] == ["RequestSubmitted", "RequestRouted"]
    submitted, routed = (json.loads(value) for _, _, value in events)
    assert submitted["registered_at"] == routed["occurred_at"] and submitted["sla_policy_code"] == "municipality-5wd"
    assert [d["file_name"] for d in submitted["documents"]] == ["title-document.pdf"]
    assert submitted["documents"][0]["url"].startswith("http://requests.test/documents/")
    assert routed["recipient_kind"] == "municipality" and routed["rule_id"] == "gpzu-by-municipality"
    assert routed["explanation"] == created["routing_explanation"]

    detail = await service.detail(cast.investor, created["request_id"])
    assert [(s["step"], s["from_status"], s["to_status"]) for s in detail["history"]] == [
        ("submit", None, "submitted"), ("route", "submitted", "routed")]
    assert detail["history"][0]["actor_id"] == str(cast.investor.subject)
    assert detail["history"][1]["text"] == created["routing_explanation"]
    assert detail["recipient_name"] == "Администрация района" and detail["viewer"] == ["investor"]


async def test_a_grid_request_is_dispatched_to_the_suppliers_own_topic_in_the_same_transaction(
        service, cast, samples) -> None:
    created = await service.file(cast, samples, type_code="grid-connection",
                                 payload={"max_power_kw": 120, "reliability_category": "III"},
                                 document_kinds=("site-plan", "title-document"))
    assert created["recipient_organization_id"] == str(cast.supplier.organization_id)
    assert "max_power_kw=120 ≤ 150" in created["routing_explanation"]
    events = await service.outbox()
    assert [(name, topic) for name, topic, _ in events] == [
        ("RequestSubmitted", "requests.request.v1"), ("RequestRouted", "requests.request.v1"),
        ("SupplierRequestDispatched", f"requests.supplier.{cast.supplier.short_code}.v1")]
    dispatched = json.loads(events[-1][2])
    assert dispatched["payload"] == {"max_power_kw": 120, "reliability_category": "III"}
    assert dispatched["applicant_name"] == "ООО «МолПром» (полное наименование)"
    assert dispatched["project"]["municipality_code"] == cast.municipality_code
    assert dispatched["due_on"] == "2025-03-25"
    assert sorted(d["file_name"] for d in dispatched["documents"]) == ["site-plan.pdf", "title-document.pdf"]


async def test_a_question_no_rule_covers_falls_to_the_agency_queue(service, cast, samples) -> None:
    created = await service.file(cast, samples, type_code="general-question", payload={},
                                 document_kinds=())
    assert created["recipient_organization_id"] == str(cast.agency.organization_id)
    assert created["routing_rule_id"] is None
    assert created["routing_explanation"].startswith("no rule matched type=general-question")
    assert created["routing_explanation"].endswith("fallback to the agency queue → «АЭРЛО»")


async def test_rules_edited_by_the_agency_route_the_next_request_in_their_new_order(service, cast, samples) -> None:
    rules = (await service.client.get("/routing-rules", headers=service.auth(cast.manager))).json()["rules"]
    first = {"rule_id": "gpzu-to-neighbours", "name": "ГПЗУ района → соседи",
             "request_types": ["gpzu"], "municipalities": [cast.municipality_code],
             "recipient": {"by": "short_code", "value": cast.other_municipality.short_code}}
    saved = await service.client.put("/routing-rules", json={"rules": [first, *rules]},
                                     headers=service.auth(cast.agency_head))
    assert saved.status_code == 200, saved.text
    explained = await service.client.post("/routing-rules/explain", headers=service.auth(cast.manager), json={
        "request_type_code": "gpzu", "municipality_code": cast.municipality_code,
        "payload": {"cadastral_number": "47:07:1"}})
    assert explained.json()["rule_id"] == "gpzu-to-neighbours"
    created = await service.file(cast, samples)
    assert created["recipient_organization_id"] == str(cast.other_municipality.organization_id)
    assert created["routing_explanation"].startswith(
        f"rule #1 'ГПЗУ района → соседи' matched: type=gpzu, municipality={cast.municipality_code}")


async def test_requests_are_only_for_accepted_projects_of_ones_own_organisation(service, cast, samples) -> None:
    document = await service.upload(cast.investor, samples["pdf"], kind="title-document")
    body = {"request_type_code": "gpzu", "subject": "ГПЗУ", "payload": {"cadastral_number": "47:07:1"},
            "document_ids": [document["document_id"]]}

    async def file(project_id, person=cast.investor):
        return await service.client.post("/requests", json={**body, "project_id": str(project_id)},
                                         headers=service.auth(person))

    unknown = await file(uuid.uuid4())
    assert unknown.status_code == 404 and unknown.json()["type"] == PROBLEM + "not-found"
    foreign = await file(cast.project_id, cast.other_investor)
    assert foreign.status_code == 404  # someone else's project is not even confirmed to exist

    await service.deliver(ProjectReturned(occurred_at=service.clock(), project_id=cast.project_id,
                                          investor_organization_id=cast.investor_org.organization_id,
                                          remarks="уточните", actor_id=cast.manager.subject))
    returned = await file(cast.project_id)
    assert returned.status_code == 409 and returned.json()["type"] == PROBLEM + "project-not-accepted"
    assert await service.snapshot() == {"requests": 0, "request_steps": 0, "documents": 1,
                                        "supplier_responses": 0, "outbox": 0}


async def test_a_request_may_name_the_roadmap_task_it_serves(service, cast, samples) -> None:
    task, other_task = uuid.uuid4(), uuid.uuid4()
    await service.deliver(RoadmapPublished(
        occurred_at=service.clock(), project_id=cast.project_id, roadmap_version=1,
        manager_user_id=cast.manager.subject, actor_id=cast.manager.subject, tasks=[
            RoadmapTask(task_id=task, title="ГПЗУ", algorithm_code="gpzu",
                        responsible_kind=OrganizationKind.MUNICIPALITY, request_type_code="gpzu",
                        due_on=service.clock().date(), status=RoadmapTaskStatus.PLANNED),
            RoadmapTask(task_id=other_task, title="Газ", algorithm_code="gas-connection",
                        responsible_kind=OrganizationKind.SUPPLIER, request_type_code="gas-connection",
                        due_on=service.clock().date(), status=RoadmapTaskStatus.PLANNED)]))
    created = await service.file(cast, samples, roadmap_task_id=str(task))
    assert created["roadmap_task_id"] == str(task)
    assert json.loads((await service.outbox())[0][2])["roadmap_task_id"] == str(task)
    document = await service.upload(cast.investor, samples["pdf"], kind="title-document")
    wrong = await service.client.post("/requests", headers=service.auth(cast.investor), json={
        "project_id": str(cast.project_id), "request_type_code": "gpzu", "subject": "x",
        "payload": {"cadastral_number": "1"}, "document_ids": [document["document_id"]],
        "roadmap_task_id": str(other_task)})
    assert wrong.status_code == 422 and wrong.json()["type"] == PROBLEM + "unknown-reference"


async def test_when_the_projects_support_ends_its_open_requests_close_and_the_supplier_is_told(
        service, cast, samples) -> None:
    answered = await service.file(cast, samples)
    await service.step(cast.official, answered["request_id"], "accept")
    await service.step(cast.official, answered["request_id"], "answer", {"text": "ГПЗУ выдан"})
    open_at_supplier = await service.file(cast, samples, type_code="grid-connection",
                                          payload={"max_power_kw": 15}, document_kinds=("site-plan", "title-document"))
    await service.deliver(ProjectCompleted(occurred_at=service.clock(), project_id=cast.project_id,
                                           investor_organization_id=cast.investor_org.organization_id,
                                           actor_id=cast.manager.subject))
    for request, outcome in ((answered, "answered"), (open_at_supplier, "project_closed")):
        detail = (await service.client.get(f"/requests/{request['request_id']}",
                                           headers=service.auth(cast.investor))).json()
        assert (detail["status"], detail["outcome"]) == ("closed", outcome)
        assert detail["history"][-1]["step"] == "close_with_project" and detail["history"][-1]["actor_id"] is None
    tail = [(name, json.loads(value)) for name, _, value in (await service.outbox())[-3:]]
    assert {(name, body.get("outcome") or body.get("change")) for name, body in tail} == {
        ("RequestClosed", "answered"), ("RequestClosed", "project_closed"), ("SupplierRequestChanged", "recalled")}
