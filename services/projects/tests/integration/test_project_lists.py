"""The agency's lists: filters by status, municipality, industry, manager and overdue tasks; pages with
a total; newest changes first."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from corridor_projects.service_layer import projections

MSK = ZoneInfo("Europe/Moscow")


async def test_filters_and_pages(service, passport):
    client, clock, head = service.client, service.clock, service.head()
    investor = service.investor()
    await service.in_session(lambda session: projections.organization_registered(
        session=session, organization_id=investor.organization_id, kind="investor", short_name="ООО «МолПром СЗ»",
        full_name="ООО «МолПром Северо-Запад»", inn="7707083893", municipality_code="41612000"))
    smirnov = await service.in_directory(service.manager(), "Смирнов Алексей Викторович")
    orlova = await service.in_directory(service.manager(), "Орлова Анна Игоревна")

    def variant(municipality: str, okved: str) -> dict:
        changed = {**passport, "site": {**passport["site"], "municipality_code": municipality}}
        return changed | {"project": {**passport["project"], "industry_okved": okved}}

    dairy = await service.accepted(investor, variant("41612000", "10.51"), smirnov)
    clock.now += timedelta(minutes=1)
    cheese = await service.accepted(investor, variant("41618000", "10.52"), orlova)
    clock.now += timedelta(minutes=1)
    metal = await service.submitted(investor, variant("41612000", "25.11"))
    await service.draft(investor, passport)  # not the agency's business yet
    clock.now += timedelta(minutes=1)
    await client.put(f"/projects/{dairy}/roadmap", headers=smirnov.headers,
                     json={"starts_on": "2025-04-28", "items": [{"algorithm_code": "gpzu"}]})
    clock.now = datetime(2025, 6, 2, 9, 0, tzinfo=MSK)  # the ГПЗУ (due 22 May) is late

    async def listed(**query) -> list[str]:
        response = await client.get("/projects", params=query, headers=head.headers)
        assert response.status_code == 200, response.text
        return [item["project_id"] for item in response.json()["items"]]

    assert await listed() == [dairy, metal, cheese]  # the roadmap made the dairy the latest change
    assert await listed(status="accepted") == [dairy, cheese]
    assert await listed(municipality="41612000") == [dairy, metal]
    assert await listed(industry="10") == [dairy, cheese]
    assert await listed(industry="10.51") == [dairy]
    assert await listed(manager=str(orlova.user_id)) == [cheese]
    assert await listed(overdue="true") == [dairy]
    assert await listed(overdue="false") == [metal, cheese]
    assert await listed(status="accepted", municipality="41618000", industry="10") == [cheese]

    first = (await client.get("/projects", params={"page_size": 2}, headers=head.headers)).json()
    second = (await client.get("/projects", params={"page_size": 2, "page": 2}, headers=head.headers)).json()
    assert (first["total"], second["total"], len(first["items"]), len(second["items"])) == (3, 3, 2, 1)
    assert [item["project_id"] for item in first["items"] + second["items"]] == [dairy, metal, cheese]

    item = first["items"][0]
    assert (item["investor_name"], item["manager"]["full_name"], item["municipality_code"]) == (
        "ООО «МолПром СЗ»", "Смирнов Алексей Викторович", "41612000")
    assert item["progress"] == {"total": 1, "done": 0, "overdue": 1, "percent": 0}
    assert item["passport"] is None  # lists carry no passports; the detail does


async def test_bad_list_parameters_are_422(service):
    head = service.head()
    for query in ({"status": "lost"}, {"municipality": "45000000"}, {"industry": "ten"}, {"manager": "smirnov"},
                  {"overdue": "perhaps"}, {"page": 0}, {"page_size": 101}, {"page_size": "all"}):
        response = await service.client.get("/projects", params=query, headers=head.headers)
        service.problem(response, 422, "validation-error")
