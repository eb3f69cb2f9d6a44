"""Who sees which projects: investors their company's, managers theirs, the head every submitted one,
officials those behind requests routed to their organisation; nobody else any."""

from __future__ import annotations

import uuid

from corridor_projects.service_layer import projections


async def visible_ids(service, person) -> set[str]:
    response = await service.client.get("/projects", headers=person.headers)
    assert response.status_code == 200, response.text
    return {item["project_id"] for item in response.json()["items"]}


async def can_open(service, person, project_id: str) -> bool:
    response = await service.client.get(f"/projects/{project_id}", headers=person.headers)
    if response.status_code == 404:
        service.problem(response, 404, "not-found")
        return False
    assert response.status_code == 200, response.text
    return True


async def test_an_investor_sees_only_their_own_companys_projects(service, passport):
    investor, competitor = service.investor(), service.investor()
    colleague = service.investor(organization_id=investor.organization_id)
    draft = await service.draft(investor, passport)
    submitted = await service.submitted(investor, passport)
    theirs = await service.submitted(competitor, passport)

    assert await visible_ids(service, investor) == await visible_ids(service, colleague) == {draft, submitted}
    assert await visible_ids(service, competitor) == {theirs}
    assert not await can_open(service, competitor, draft)
    for path in ("", "/timeline", "/roadmap"):
        assert (await service.client.get(f"/projects/{draft}{path}", headers=competitor.headers)).status_code == 404
    edited = await service.client.put(f"/projects/{draft}/passport", json=passport, headers=colleague.headers)
    assert edited.status_code == 200


async def test_the_agency_head_sees_every_submitted_project_but_no_drafts(service, passport):
    investor, other = service.investor(), service.investor()
    draft = await service.draft(investor, passport)
    submitted = await service.submitted(investor, passport)
    returned = await service.submitted(other, passport)
    head = service.head()
    await service.client.post(f"/projects/{returned}/return", json={"remarks": "Дополните"}, headers=head.headers)

    assert await visible_ids(service, head) == {submitted, returned}
    assert not await can_open(service, head, draft)


async def test_a_manager_sees_only_the_projects_assigned_to_them(service, passport):
    investor = service.investor()
    mine, theirs = await service.in_directory(service.manager()), await service.in_directory(service.manager())
    assigned = await service.accepted(investor, passport, mine)
    other = await service.accepted(investor, passport, theirs)
    await service.submitted(investor, passport)

    assert await visible_ids(service, mine) == {assigned}
    assert not await can_open(service, mine, other)
    roadmap = await service.client.put(f"/projects/{other}/roadmap", headers=mine.headers,
                                       json={"starts_on": "2025-05-05", "items": [{"algorithm_code": "gpzu"}]})
    service.problem(roadmap, 404, "not-found")


async def test_an_official_sees_the_projects_behind_requests_routed_to_their_organisation(service, passport):
    investor = service.investor()
    manager = await service.in_directory(service.manager())
    routed_here = await service.accepted(investor, passport, manager)
    routed_elsewhere = await service.accepted(investor, passport, manager)
    municipality, grid = uuid.uuid4(), uuid.uuid4()
    for project_id, recipient in ((routed_here, municipality), (routed_elsewhere, grid)):
        await service.in_session(lambda session, p=project_id, r=recipient: projections.request_routed(
            session=session, project_id=uuid.UUID(p), recipient_organization_id=r))
    official = service.official(municipality)

    assert await visible_ids(service, official) == {routed_here}
    assert await can_open(service, official, routed_here)
    assert not await can_open(service, official, routed_elsewhere)
    # seeing is not deciding or planning
    for url, body in ((f"/projects/{routed_here}/complete", {}), (f"/projects/{routed_here}/reject", {"reason": "x"})):
        service.problem(await service.client.post(url, json=body, headers=official.headers), 403, "forbidden")


async def test_other_roles_and_anonymous_callers_see_no_projects(service, passport):
    await service.submitted(service.investor(), passport)
    for role in ("operator", "administrator", "supplier_system"):
        response = await service.client.get("/projects", headers=service.person(role).headers)
        service.problem(response, 403, "forbidden")
    service.problem(await service.client.get("/projects"), 401, "unauthorized")
    expired = service.mint.token(roles=["agency_head"], ttl=-5)
    service.problem(await service.client.get("/projects", headers={"Authorization": f"Bearer {expired}"}),
                    401, "token-expired")
