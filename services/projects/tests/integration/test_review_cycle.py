"""The review cycle over HTTP: draft, submission, the agency's decisions, the timeline and the events."""

from __future__ import annotations

from datetime import datetime, timedelta

from corridor_projects.service_layer import projections


async def test_return_and_resubmit_then_accept_with_a_manager(service, passport):
    client, clock = service.client, service.clock
    investor, head = service.investor(), service.head()
    manager = await service.in_directory(service.manager(), "Смирнов Алексей Викторович")
    started = clock.now

    passport["utilities"].pop("gas_m3_per_hour")
    created = await client.post("/projects", json=passport, headers=investor.headers)
    assert created.status_code == 201, created.text
    project = created.json()
    project_id = project["project_id"]
    assert (project["status"], project["passport_version"], project["investor_organization_id"]) == (
        "draft", 0, str(investor.organization_id))

    incomplete = service.problem(await client.post(f"/projects/{project_id}/submit", headers=investor.headers),
                                 422, "passport-incomplete")
    assert [error["pointer"] for error in incomplete["errors"]] == ["#/utilities/gas_m3_per_hour"]

    passport["utilities"]["gas_m3_per_hour"] = 350
    assert (await client.put(f"/projects/{project_id}/passport", json=passport,
                             headers=investor.headers)).status_code == 200
    clock.now += timedelta(hours=1)
    submitted = await client.post(f"/projects/{project_id}/submit", headers=investor.headers)
    assert (submitted.json()["status"], submitted.json()["passport_version"]) == ("submitted", 1)

    clock.now += timedelta(days=1)
    returned = await client.post(f"/projects/{project_id}/return", json={"remarks": "Уточните потребность в газе"},
                                 headers=head.headers)
    assert (returned.json()["status"], returned.json()["review_note"]) == ("returned", "Уточните потребность в газе")
    seen_by_investor = (await client.get(f"/projects/{project_id}", headers=investor.headers)).json()
    assert seen_by_investor["review_note"] == "Уточните потребность в газе"

    passport["utilities"]["gas_m3_per_hour"] = 420
    clock.now += timedelta(days=1)
    assert (await client.put(f"/projects/{project_id}/passport", json=passport,
                             headers=investor.headers)).status_code == 200
    resubmitted = (await client.post(f"/projects/{project_id}/submit", headers=investor.headers)).json()
    assert (resubmitted["status"], resubmitted["passport_version"]) == ("submitted", 2)

    clock.now += timedelta(days=1)
    accepted = await client.post(f"/projects/{project_id}/accept",
                                 json={"manager_user_id": str(manager.user_id), "comment": "Приоритетный проект"},
                                 headers=head.headers)
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "accepted"
    assert accepted.json()["manager"] == {"user_id": str(manager.user_id), "full_name": "Смирнов Алексей Викторович"}
    assert accepted.json()["passport"]["utilities"]["gas_m3_per_hour"] == 420

    timeline = (await client.get(f"/projects/{project_id}/timeline", headers=investor.headers)).json()
    assert [(e["action"], e["actor_role"], e["actor"]["user_id"]) for e in timeline] == [
        ("create", "investor", str(investor.user_id)),
        ("submit", "investor", str(investor.user_id)),
        ("return", "agency_head", str(head.user_id)),
        ("submit", "investor", str(investor.user_id)),
        ("accept", "agency_head", str(head.user_id)),
    ]
    assert [datetime.fromisoformat(e["occurred_at"]) for e in timeline] == [
        started, started + timedelta(hours=1), started + timedelta(days=1, hours=1),
        started + timedelta(days=2, hours=1), started + timedelta(days=3, hours=1)]
    assert timeline[2]["comment"] == "Уточните потребность в газе"
    assert timeline[3]["details"] == {"passport_version": 2}
    assert timeline[4]["details"] == {"manager_user_id": str(manager.user_id)}

    assert await service.events_of(project_id) == [
        "PassportSubmitted", "ProjectReturned", "PassportSubmitted", "ProjectAccepted"]



async def test_a_declined_project_stays_declined_and_the_investor_reads_why(service, passport):
    investor, head = service.investor(), service.head()
    project_id = await service.submitted(investor, passport)
    rejected = await service.client.post(f"/projects/{project_id}/reject", headers=head.headers,
                                         json={"reason": "Проект не соответствует критериям отбора"})
    assert rejected.json()["status"] == "rejected"
    seen = (await service.client.get(f"/projects/{project_id}", headers=investor.headers)).json()
    assert (seen["status"], seen["review_note"]) == ("rejected", "Проект не соответствует критериям отбора")

    before = await service.footprint()
    again = await service.client.post(f"/projects/{project_id}/submit", headers=investor.headers)
    body = service.problem(again, 409, "conflict")
    assert (body["current_status"], body["action"]) == ("rejected", "submit")
    assert await service.footprint() == before
    assert await service.events_of(project_id) == ["PassportSubmitted", "ProjectRejected"]


async def test_illegal_transitions_are_conflicts_that_change_nothing(service, passport):
    investor, head = service.investor(), service.head()
    manager = await service.in_directory(service.manager())
    submitted = await service.submitted(investor, passport)
    accepted = await service.accepted(investor, passport, manager)
    attempts = [
        ("post", f"/projects/{submitted}/submit", investor, None, ["draft", "returned"]),
        ("put", f"/projects/{submitted}/passport", investor, passport, ["draft", "returned"]),
        ("post", f"/projects/{submitted}/complete", head, {}, ["accepted"]),
        ("put", f"/projects/{submitted}/roadmap", head,
         {"starts_on": "2025-05-05", "items": [{"algorithm_code": "gpzu"}]}, ["accepted"]),
        ("post", f"/projects/{accepted}/accept", head, {"manager_user_id": str(manager.user_id)}, ["submitted"]),
        ("post", f"/projects/{accepted}/reject", head, {"reason": "Передумали"}, ["submitted"]),
        ("post", f"/projects/{accepted}/return", head, {"remarks": "Ещё раз"}, ["submitted"]),
    ]
    before = await service.footprint()
    for method, url, person, body, allowed_from in attempts:
        response = await service.client.request(method, url, json=body, headers=person.headers)
        problem = service.problem(response, 409, "conflict")
        assert problem["allowed_from"] == allowed_from, url
    assert await service.footprint() == before


async def test_the_manager_ends_the_support_of_their_project(service, passport):
    investor = service.investor()
    manager = await service.in_directory(service.manager())
    project_id = await service.accepted(investor, passport, manager)
    completed = await service.client.post(f"/projects/{project_id}/complete", headers=manager.headers,
                                          json={"comment": "Объект введён в эксплуатацию"})
    assert completed.json()["status"] == "completed"
    timeline = (await service.client.get(f"/projects/{project_id}/timeline", headers=investor.headers)).json()
    assert (timeline[-1]["action"], timeline[-1]["actor_role"], timeline[-1]["comment"]) == (
        "complete", "manager", "Объект введён в эксплуатацию")
    assert (await service.events_of(project_id))[-1] == "ProjectCompleted"


async def test_only_an_active_manager_can_be_assigned(service, passport):
    investor, head = service.investor(), service.head()
    project_id = await service.submitted(investor, passport)
    stranger = service.manager()  # identity never told projects about this one
    retired = await service.in_directory(service.manager())
    await service.in_session(lambda session: projections.user_deactivated(
        session=session, user_id=retired.user_id, organization_id=retired.organization_id))
    colleague = await service.in_directory(service.person("operator", organization_id=retired.organization_id))

    before = await service.footprint()
    for person, reason in ((stranger, "not known"), (retired, "deactivated"), (colleague, "manager role")):
        response = await service.client.post(f"/projects/{project_id}/accept", headers=head.headers,
                                             json={"manager_user_id": str(person.user_id)})
        assert reason in service.problem(response, 422, "manager-not-assignable")["detail"]
    assert await service.footprint() == before
