"""What each party sees: the investor's list, the manager's, a recipient's inbox with its filters."""

from __future__ import annotations

PROBLEM = "urn:green-corridor:problem:"


async def test_an_inbox_shows_what_is_assigned_to_the_organisation_soonest_due_first(service, cast, samples) -> None:
    gpzu = await service.file(cast, samples)  # Friday the 14th: due 2025-03-21 (5 working days)
    service.clock.advance(days=3)  # Monday
    grid_late = await service.file(cast, samples, type_code="grid-connection", payload={"max_power_kw": 50},
                                   document_kinds=("site-plan", "title-document"))  # due 2025-03-26
    general = await service.file(cast, samples, type_code="general-question", payload={},
                                 document_kinds=())  # due 2025-03-20 (3 working days)
    await service.step(cast.official, gpzu["request_id"], "accept")

    def ids(page):
        return [item["request_id"] for item in page["items"]]

    async def inbox(person, **query):
        response = await service.client.get("/inbox", params=query, headers=service.auth(person))
        assert response.status_code == 200, response.text
        return response.json()

    assert ids(await inbox(cast.official)) == [gpzu["request_id"]]
    assert ids(await inbox(cast.supplier_official)) == [grid_late["request_id"]]
    assert ids(await inbox(cast.manager)) == [general["request_id"]]  # the agency's queue
    assert (await inbox(cast.other_official))["total"] == 0

    # Passed on to the district administration, all three land in one inbox: the filters.
    await service.step(cast.supplier_official, grid_late["request_id"], "redirect", {
        "organization_id": str(cast.municipality.organization_id), "reason": "сначала ГПЗУ"})
    await service.step(cast.manager, general["request_id"], "redirect", {
        "organization_id": str(cast.municipality.organization_id), "reason": "это к району"})
    everything = await inbox(cast.official)
    assert ids(everything) == [general["request_id"], gpzu["request_id"], grid_late["request_id"]]
    assert [item["due_on"] for item in everything["items"]] == ["2025-03-20", "2025-03-21", "2025-03-26"]
    assert ids(await inbox(cast.official, status="accepted")) == [gpzu["request_id"]]
    assert ids(await inbox(cast.official, status=["accepted", "routed"])) == ids(everything)
    assert ids(await inbox(cast.official, request_type="grid-connection")) == [grid_late["request_id"]]
    assert ids(await inbox(cast.official, due_before="2025-03-21")) == [general["request_id"], gpzu["request_id"]]
    assert ids(await inbox(cast.official, due_after="2025-03-22")) == [grid_late["request_id"]]
    page = await inbox(cast.official, limit=1, offset=1)
    assert (ids(page), page["total"]) == ([gpzu["request_id"]], 3)

    refused = await service.client.get("/inbox", headers=service.auth(cast.investor))
    assert refused.status_code == 403 and refused.json()["type"] == PROBLEM + "forbidden"
    wrong = await service.client.get("/inbox", params={"status": "lost"}, headers=service.auth(cast.official))
    assert wrong.status_code == 422


async def test_the_investor_sees_its_organisations_requests_and_the_answers(service, cast, samples) -> None:
    mine = await service.file(cast, samples)
    their_project = await service.accept_project(cast, cast.other_investor_org, cast.other_manager)
    theirs = await service.file(cast, samples, investor=cast.other_investor, project_id=their_project)
    await service.step(cast.official, mine["request_id"], "accept")
    await service.step(cast.official, mine["request_id"], "answer", {"text": "ГПЗУ выдан, см. вложение"})

    colleague = cast.colleague(cast.investor)
    page = (await service.client.get("/requests", headers=service.auth(colleague))).json()
    assert [(i["request_id"], i["status"]) for i in page["items"]] == [(mine["request_id"], "answered")]
    detail = await service.detail(colleague, mine["request_id"])
    assert detail["history"][-1]["step"] == "answer" and detail["history"][-1]["text"] == "ГПЗУ выдан, см. вложение"
    assert (await service.client.get(f"/requests/{theirs['request_id']}",
                                     headers=service.auth(colleague))).status_code == 404

    managed = (await service.client.get("/requests", headers=service.auth(cast.manager))).json()
    assert [i["request_id"] for i in managed["items"]] == [mine["request_id"]]
    assert (await service.detail(cast.manager, mine["request_id"]))["viewer"] == ["manager"]
    filtered = (await service.client.get("/requests", params={"status": "routed"},
                                         headers=service.auth(cast.investor))).json()
    assert filtered["total"] == 0
    officials = await service.client.get("/requests", headers=service.auth(cast.official))
    assert officials.status_code == 403
