"""Every write endpoint refuses bad input: wrong types, missing fields, values out of range, unknown
ids, the wrong role, the wrong organisation, an illegal transition. Each refusal is a problem+json
with a stable type, and leaves the store exactly as it was."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest

from corridor_projects.service_layer import projections

NOBODY = None  # no Authorization header


@dataclass
class World:
    investor: object
    competitor: object
    head: object
    manager: object
    other_manager: object
    official: object
    draft: str
    incomplete: str
    submitted: str
    accepted: str
    rejected: str
    planned_task: str
    done_task: str
    foreign_task: str


@pytest.fixture
async def world(service, passport) -> World:
    investor, competitor, head = service.investor(), service.investor(), service.head()
    manager = await service.in_directory(service.manager())
    other_manager = await service.in_directory(service.manager())
    draft = await service.draft(investor, passport)
    incomplete = await service.draft(investor, {"project": {"name": "Склад"}})
    submitted = await service.submitted(investor, passport)
    accepted = await service.accepted(investor, passport, manager)
    rejected = await service.submitted(investor, passport)
    await service.client.post(f"/projects/{rejected}/reject", json={"reason": "Нет"}, headers=head.headers)
    other = await service.accepted(investor, passport, other_manager)
    composition = {"starts_on": "2025-04-28", "items": [{"algorithm_code": "gpzu"}, {"algorithm_code": "construction-permit"}]}
    tasks = (await service.client.put(f"/projects/{accepted}/roadmap", json=composition, headers=manager.headers)).json()["tasks"]
    await service.client.patch(f"/projects/{accepted}/roadmap/tasks/{tasks[1]['task_id']}", json={"status": "done"},
                               headers=manager.headers)
    foreign = (await service.client.put(f"/projects/{other}/roadmap", json=composition,
                                        headers=other_manager.headers)).json()["tasks"]
    municipality = uuid.uuid4()
    await service.in_session(lambda session: projections.request_routed(
        session=session, project_id=uuid.UUID(accepted), recipient_organization_id=municipality))
    return World(investor, competitor, head, manager, other_manager, service.official(municipality), draft,
                 incomplete, submitted, accepted, rejected, tasks[0]["task_id"], tasks[1]["task_id"],
                 foreign[0]["task_id"])


async def refuses(service, method: str, cases: list[tuple]) -> None:
    """cases: (what, person, url, body, status, problem slug)."""
    before = await service.footprint()
    for what, person, url, body, status, slug in cases:
        headers = person.headers if person else {}
        response = await service.client.request(method, url, json=body, headers=headers)
        assert response.status_code == status, f"{what}: {response.status_code} {response.text}"
        assert response.headers["content-type"] == "application/problem+json", what
        assert response.json()["type"] == f"urn:green-corridor:problem:{slug}", f"{what}: {response.json()}"
        assert await service.footprint() == before, f"{what} wrote something"


UNKNOWN = str(uuid.uuid4())


async def test_creating_a_project(service, world):
    w = world
    await refuses(service, "POST", [
        ("wrong type", w.investor, "/projects", {"jobs_created": "many"}, 422, "validation-error"),
        ("bad check digit", w.investor, "/projects", {"applicant": {"inn": "7707083894"}}, 422, "validation-error"),
        ("unknown field", w.investor, "/projects", {"colour": "green"}, 422, "validation-error"),
        ("out of range", w.investor, "/projects", {"utilities": {"heat_gcal_per_hour": -1}}, 422, "validation-error"),
        ("unknown municipality", w.investor, "/projects", {"site": {"municipality_code": "45000000"}}, 422,
         "validation-error"),
        ("not an object", w.investor, "/projects", [1, 2], 422, "validation-error"),
        ("no token", NOBODY, "/projects", {}, 401, "unauthorized"),
        ("agency head", w.head, "/projects", {}, 403, "forbidden"),
        ("official", w.official, "/projects", {}, 403, "forbidden"),
        ("investor of no company", service.person("investor"), "/projects", {}, 403, "forbidden"),
    ])


async def test_saving_a_passport(service, world, passport):
    w = world
    await refuses(service, "PUT", [
        ("wrong type", w.investor, f"/projects/{w.draft}/passport", {"site": {"land_area_ha": "big"}}, 422,
         "validation-error"),
        ("no body", w.investor, f"/projects/{w.draft}/passport", None, 422, "validation-error"),
        ("malformed id", w.investor, "/projects/not-a-uuid/passport", passport, 422, "validation-error"),
        ("unknown project", w.investor, f"/projects/{UNKNOWN}/passport", passport, 404, "not-found"),
        ("another company's", w.competitor, f"/projects/{w.draft}/passport", passport, 404, "not-found"),
        ("manager", w.manager, f"/projects/{w.draft}/passport", passport, 403, "forbidden"),
        ("already submitted", w.investor, f"/projects/{w.submitted}/passport", passport, 409, "conflict"),
    ])


async def test_submitting(service, world):
    w = world
    await refuses(service, "POST", [
        ("incomplete", w.investor, f"/projects/{w.incomplete}/submit", None, 422, "passport-incomplete"),
        ("unknown project", w.investor, f"/projects/{UNKNOWN}/submit", None, 404, "not-found"),
        ("another company's", w.competitor, f"/projects/{w.draft}/submit", None, 404, "not-found"),
        ("agency head", w.head, f"/projects/{w.draft}/submit", None, 403, "forbidden"),
        ("already submitted", w.investor, f"/projects/{w.submitted}/submit", None, 409, "conflict"),
    ])


async def test_accepting(service, world):
    w = world
    url, ok = f"/projects/{w.submitted}/accept", {"manager_user_id": str(world.manager.user_id)}
    await refuses(service, "POST", [
        ("missing manager", w.head, url, {}, 422, "validation-error"),
        ("manager not a uuid", w.head, url, {"manager_user_id": "smirnov"}, 422, "validation-error"),
        ("unknown field", w.head, url, ok | {"priority": "high"}, 422, "validation-error"),
        ("comment too long", w.head, url, ok | {"comment": "x" * 5001}, 422, "validation-error"),
        ("unknown manager", w.head, url, {"manager_user_id": UNKNOWN}, 422, "manager-not-assignable"),
        ("an investor", w.investor, url, ok, 403, "forbidden"),
        ("a manager", w.manager, url, ok, 403, "forbidden"),
        ("unknown project", w.head, f"/projects/{UNKNOWN}/accept", ok, 404, "not-found"),
        ("a draft", w.head, f"/projects/{w.draft}/accept", ok, 404, "not-found"),
        ("already accepted", w.head, f"/projects/{w.accepted}/accept", ok, 409, "conflict"),
    ])


async def test_declining_and_returning(service, world):
    w = world
    reject, give_back = f"/projects/{w.submitted}/reject", f"/projects/{w.submitted}/return"
    await refuses(service, "POST", [
        ("no reason", w.head, reject, {}, 422, "validation-error"),
        ("blank reason", w.head, reject, {"reason": "   "}, 422, "validation-error"),
        ("reason not text", w.head, reject, {"reason": 42}, 422, "validation-error"),
        ("an investor", w.investor, reject, {"reason": "Нет"}, 403, "forbidden"),
        ("unknown project", w.head, f"/projects/{UNKNOWN}/reject", {"reason": "Нет"}, 404, "not-found"),
        ("already accepted", w.head, f"/projects/{w.accepted}/reject", {"reason": "Нет"}, 409, "conflict"),
        ("no remarks", w.head, give_back, {"comment": "Дополните"}, 422, "validation-error"),
        ("remarks too long", w.head, give_back, {"remarks": "x" * 5001}, 422, "validation-error"),
        ("a manager", w.manager, give_back, {"remarks": "Дополните"}, 403, "forbidden"),
        ("already declined", w.head, f"/projects/{w.rejected}/return", {"remarks": "Дополните"}, 409, "conflict"),
    ])


async def test_completing(service, world):
    w = world
    url = f"/projects/{w.accepted}/complete"
    await refuses(service, "POST", [
        ("comment not text", w.manager, url, {"comment": 42}, 422, "validation-error"),
        ("an investor", w.investor, url, {}, 403, "forbidden"),
        ("an official who sees it", w.official, url, {}, 403, "forbidden"),
        ("another manager", w.other_manager, url, {}, 404, "not-found"),
        ("unknown project", w.head, f"/projects/{UNKNOWN}/complete", {}, 404, "not-found"),
        ("not accepted", w.head, f"/projects/{w.submitted}/complete", {}, 409, "conflict"),
    ])


async def test_publishing_a_roadmap(service, world):
    w = world
    url = f"/projects/{w.accepted}/roadmap"

    def plan(*items, starts_on="2025-05-05"):
        return {"starts_on": starts_on, "items": list(items)}

    gpzu = {"algorithm_code": "gpzu"}
    await refuses(service, "PUT", [
        ("no items", w.manager, url, plan(), 422, "validation-error"),
        ("no start date", w.manager, url, {"items": [gpzu]}, 422, "validation-error"),
        ("start out of range", w.manager, url, plan(gpzu, starts_on="1999-12-31"), 422, "validation-error"),
        ("version zero", w.manager, url, plan(gpzu | {"algorithm_version": 0}), 422, "validation-error"),
        ("malformed code", w.manager, url, plan({"algorithm_code": "ГПЗУ"}), 422, "validation-error"),
        ("too many items", w.manager, url, plan(*[gpzu] * 31), 422, "validation-error"),
        ("unknown algorithm", w.manager, url, plan({"algorithm_code": "moon-landing"}), 422, "invalid-roadmap"),
        ("unknown version", w.manager, url, plan(gpzu | {"algorithm_version": 99}), 422, "invalid-roadmap"),
        ("after a later one", w.manager, url, plan({"algorithm_code": "construction-permit", "after": "gpzu"}, gpzu),
         422, "invalid-roadmap"),
        ("twice", w.manager, url, plan(gpzu, gpzu), 422, "invalid-roadmap"),
        ("an investor", w.investor, url, plan(gpzu), 403, "forbidden"),
        ("an official who sees it", w.official, url, plan(gpzu), 403, "forbidden"),
        ("another manager", w.other_manager, url, plan(gpzu), 404, "not-found"),
        ("unknown project", w.head, f"/projects/{UNKNOWN}/roadmap", plan(gpzu), 404, "not-found"),
        ("not accepted", w.head, f"/projects/{w.submitted}/roadmap", plan(gpzu), 409, "conflict"),
    ])


async def test_moving_a_task(service, world):
    w = world
    tasks = f"/projects/{w.accepted}/roadmap/tasks"
    url = f"{tasks}/{w.planned_task}"
    await refuses(service, "PATCH", [
        ("cancelled by hand", w.manager, url, {"status": "cancelled"}, 422, "validation-error"),
        ("blocked without a reason", w.manager, url, {"status": "blocked"}, 422, "validation-error"),
        ("no status", w.manager, url, {"comment": "Начали"}, 422, "validation-error"),
        ("malformed task id", w.manager, f"{tasks}/task-1", {"status": "done"}, 422, "validation-error"),
        ("unknown task", w.manager, f"{tasks}/{UNKNOWN}", {"status": "done"}, 404, "not-found"),
        ("another project's task", w.manager, f"{tasks}/{w.foreign_task}", {"status": "done"}, 404, "not-found"),
        ("done is done", w.manager, f"{tasks}/{w.done_task}", {"status": "in_progress"}, 409, "conflict"),
        ("an investor", w.investor, url, {"status": "done"}, 403, "forbidden"),
        ("another manager", w.other_manager, url, {"status": "done"}, 404, "not-found"),
    ])


async def test_editing_the_investment_rules(service, world):
    w = world
    step = {"code": "issue", "title": "Выдача ГПЗУ", "term": 14, "term_unit": "working_days",
            "responsible_kind": "municipality"}
    body = {"base_version": 1, "title": "ГПЗУ", "steps": [step]}
    await refuses(service, "PUT", [
        ("stale version", w.manager, "/investment-rules/gpzu", body | {"base_version": 0}, 409, "version-conflict"),
        ("negative version", w.manager, "/investment-rules/gpzu", body | {"base_version": -1}, 422,
         "validation-error"),
        ("no steps", w.manager, "/investment-rules/gpzu", body | {"steps": []}, 422, "validation-error"),
        ("step twice", w.manager, "/investment-rules/gpzu", body | {"steps": [step, step]}, 422,
         "validation-error"),
        ("term out of range", w.manager, "/investment-rules/gpzu", body | {"steps": [step | {"term": 1000}]}, 422,
         "validation-error"),
        ("unknown body kind", w.manager, "/investment-rules/gpzu",
         body | {"steps": [step | {"responsible_kind": "mayor"}]}, 422, "validation-error"),
        ("no title", w.manager, "/investment-rules/gpzu", {"base_version": 1, "steps": [step]}, 422,
         "validation-error"),
        ("malformed code", w.manager, "/investment-rules/GPZU", body, 422, "validation-error"),
        ("an investor", w.investor, "/investment-rules/gpzu", body, 403, "forbidden"),
        ("an official", w.official, "/investment-rules/gpzu", body, 403, "forbidden"),
        ("no token", NOBODY, "/investment-rules/gpzu", body, 401, "unauthorized"),
    ])
