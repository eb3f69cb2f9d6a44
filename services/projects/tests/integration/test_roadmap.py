"""The roadmap over HTTP: composed from the investment rules, dated on the production calendar,
moved by the manager, and visible to the investor with its progress and overdue tasks."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

MSK = ZoneInfo("Europe/Moscow")
# Friday 27 December 2024: Saturday 28 December was worked, 30 December – 8 January were not.
COMPOSITION = {"starts_on": "2024-12-27", "items": [
    {"algorithm_code": "gpzu"},
    {"algorithm_code": "grid-connection-150kw"},
    {"algorithm_code": "title-registration", "after": "gpzu"},
    {"algorithm_code": "land-lease-without-auction"},
]}


@pytest.fixture
async def supported(service, passport):
    """An accepted project, its investor and its manager."""
    investor = service.investor()
    manager = await service.in_directory(service.manager(), "Смирнов Алексей Викторович")
    return await service.accepted(investor, passport, manager), investor, manager


def by_step(roadmap: dict) -> dict[tuple[str, str], dict]:
    return {(task["algorithm_code"], task["step_code"]): task for task in roadmap["tasks"]}


async def test_planned_dates_follow_the_terms_on_the_working_day_calendar(service, supported):
    project_id, investor, manager = supported
    published = await service.client.put(f"/projects/{project_id}/roadmap", json=COMPOSITION, headers=manager.headers)
    assert published.status_code == 200, published.text
    roadmap = published.json()
    tasks = by_step(roadmap)
    assert roadmap["version"] == 1 and len(roadmap["tasks"]) == 4 + 1 + 1 + 4
    # 14 working days: 28 Dec, then 9 January onwards.
    assert tasks["gpzu", "issue"]["due_on"] == "2025-01-27"
    # 3 working days, then 17 working days from there, then a year of works, then 5 working days.
    assert [tasks["grid-connection-150kw", step]["due_on"] for step in
            ("application", "contract", "works", "connection-act")] == [
        "2025-01-10", "2025-02-04", "2026-02-04", "2026-02-11"]
    assert tasks["grid-connection-150kw", "contract"]["starts_on"] == "2025-01-10"
    # After the ГПЗУ: 7 working days from 27 January.
    assert (tasks["title-registration", "registration"]["starts_on"],
            tasks["title-registration", "registration"]["due_on"]) == ("2025-01-27", "2025-02-05")
    # 20 calendar days from 27 December end on a working Thursday, 16 January.
    assert tasks["land-lease-without-auction", "preliminary-approval"]["due_on"] == "2025-01-16"
    assert {task["status"] for task in roadmap["tasks"]} == {"planned"}
    assert tasks["gpzu", "issue"]["responsible_kind"] == "municipality"
    assert tasks["gpzu", "issue"]["request_type_code"] == "gpzu"

    seen_by_investor = (await service.client.get(f"/projects/{project_id}/roadmap", headers=investor.headers)).json()
    assert seen_by_investor == roadmap
    timeline = (await service.client.get(f"/projects/{project_id}/timeline", headers=investor.headers)).json()
    assert (timeline[-1]["action"], timeline[-1]["actor_role"], timeline[-1]["details"]["tasks"]) == (
        "publish_roadmap", "manager", 10)
    assert (await service.events_of(project_id))[-1] == "RoadmapPublished"


async def test_the_investor_sees_progress_and_overdue_tasks(service, supported):
    project_id, investor, manager = supported
    roadmap = (await service.client.put(f"/projects/{project_id}/roadmap", json=COMPOSITION,
                                        headers=manager.headers)).json()
    gpzu = by_step(roadmap)["gpzu", "issue"]
    land = by_step(roadmap)["land-lease-without-auction", "preliminary-approval"]
    done = await service.client.patch(f"/projects/{project_id}/roadmap/tasks/{land['task_id']}",
                                      json={"status": "done"}, headers=manager.headers)
    assert done.status_code == 200, done.text

    service.clock.now = datetime(2025, 1, 27, 18, 0, tzinfo=MSK)  # the ГПЗУ's due day: not late yet
    view = (await service.client.get(f"/projects/{project_id}/roadmap", headers=investor.headers)).json()
    assert not by_step(view)["gpzu", "issue"]["overdue"]
    assert view["progress"] == {"total": 10, "done": 1, "overdue": 2, "percent": 10}  # grid: 10 Jan; land step 2

    service.clock.now = datetime(2025, 1, 28, 0, 30, tzinfo=MSK)
    view = (await service.client.get(f"/projects/{project_id}/roadmap", headers=investor.headers)).json()
    assert by_step(view)["gpzu", "issue"]["overdue"] and not by_step(view)[
        "land-lease-without-auction", "preliminary-approval"]["overdue"]
    project = (await service.client.get(f"/projects/{project_id}", headers=investor.headers)).json()
    assert project["progress"]["overdue"] == view["progress"]["overdue"] == 3
    assert gpzu["task_id"] == by_step(view)["gpzu", "issue"]["task_id"]


async def test_the_manager_moves_tasks_and_each_move_is_recorded_and_announced(service, supported):
    project_id, investor, manager = supported
    roadmap = (await service.client.put(f"/projects/{project_id}/roadmap", json=COMPOSITION,
                                        headers=manager.headers)).json()
    url = f"/projects/{project_id}/roadmap/tasks/{by_step(roadmap)['gpzu', 'issue']['task_id']}"
    moves = [({"status": "in_progress"}, 200), ({"status": "blocked", "comment": "Нет топосъёмки"}, 200),
             ({"status": "in_progress"}, 200), ({"status": "done"}, 200)]
    for body, status in moves:
        response = await service.client.patch(url, json=body, headers=manager.headers)
        assert response.status_code == status, response.text
        assert response.json()["status"] == body["status"]
    before = await service.footprint()
    service.problem(await service.client.patch(url, json={"status": "in_progress"}, headers=manager.headers),
                    409, "conflict")
    assert await service.footprint() == before

    timeline = (await service.client.get(f"/projects/{project_id}/timeline", headers=investor.headers)).json()
    changes = [(e["details"]["from"], e["details"]["to"], e["comment"]) for e in timeline if e["action"] == "change_task"]
    assert changes == [("planned", "in_progress", None), ("in_progress", "blocked", "Нет топосъёмки"),
                       ("blocked", "in_progress", None), ("in_progress", "done", None)]
    assert (await service.events_of(project_id))[-4:] == ["RoadmapTaskChanged"] * 4


async def test_republishing_keeps_the_tasks_still_planned_and_cancels_the_rest(service, supported):
    project_id, investor, manager = supported
    first = by_step((await service.client.put(f"/projects/{project_id}/roadmap", json=COMPOSITION,
                                              headers=manager.headers)).json())
    gpzu_url = f"/projects/{project_id}/roadmap/tasks/{first['gpzu', 'issue']['task_id']}"
    await service.client.patch(gpzu_url, json={"status": "in_progress"}, headers=manager.headers)

    head = service.head()  # the head may plan any supported project
    again = await service.client.put(f"/projects/{project_id}/roadmap", headers=head.headers, json={
        "starts_on": "2025-02-03", "items": [{"algorithm_code": "gpzu"}, {"algorithm_code": "construction-permit",
                                                                           "after": "gpzu"}]})
    assert again.status_code == 200, again.text
    second = by_step(again.json())
    assert again.json()["version"] == 2
    assert set(second) == {("gpzu", "issue"), ("construction-permit", "expertise"), ("construction-permit", "permit")}
    assert second["gpzu", "issue"]["task_id"] == first["gpzu", "issue"]["task_id"]
    assert second["gpzu", "issue"]["status"] == "in_progress"
    assert second["gpzu", "issue"]["due_on"] == "2025-02-21"  # 14 working days from Monday 3 February
    service.problem(await service.client.patch(
        f"/projects/{project_id}/roadmap/tasks/{first['title-registration', 'registration']['task_id']}",
        json={"status": "done"}, headers=manager.headers), 404, "not-found")
