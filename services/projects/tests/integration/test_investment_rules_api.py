"""The investment rules as versioned data: shipped in a file, loaded when the file is newer, edited
by agency staff through the API; a roadmap keeps the version it was built from."""

from __future__ import annotations

from pathlib import Path

import yaml

from corridor_projects.settings import SHIPPED_RULES

SHIPPED_VERSION = yaml.safe_load(SHIPPED_RULES.read_text(encoding="utf-8"))["version"]

GPZU_FASTER = {"title": "Градостроительный план земельного участка (ГПЗУ)", "steps": [
    {"code": "issue", "title": "Выдача ГПЗУ", "term": 10, "term_unit": "working_days",
     "responsible_kind": "municipality", "request_type_code": "gpzu",
     "documents_in": ["Заявление о выдаче ГПЗУ"], "documents_out": ["ГПЗУ"]},
    {"code": "registration", "title": "Регистрация ГПЗУ в ИСОГД", "term": 2, "term_unit": "working_days",
     "responsible_kind": "municipality"},
]}


async def test_the_shipped_catalogue_is_loaded_at_start_and_readable_by_anyone_signed_in(service):
    response = await service.client.get("/investment-rules", headers=service.investor().headers)
    assert response.status_code == 200
    algorithms = {a["code"]: a for a in response.json()}
    assert len(algorithms) == 12
    assert {a["version"] for a in algorithms.values()} == {1}
    assert {a["source"] for a in algorithms.values()} == {f"leningrad@{SHIPPED_VERSION}"}
    heat = [(s["code"], s["term"], s["term_unit"]) for s in algorithms["heat-connection"]["steps"]]
    assert heat[:3] == [("capacity-enquiry", 5, "working_days"), ("technical-conditions", 7, "working_days"),
                        ("contract", 20, "working_days")]
    service.problem(await service.client.get("/investment-rules"), 401, "unauthorized")


async def test_an_edit_is_a_new_version_and_a_published_roadmap_keeps_its_own(service, passport):
    investor, head = service.investor(), service.head()
    manager = await service.in_directory(service.manager())
    project_id = await service.accepted(investor, passport, manager)
    roadmap_url = f"/projects/{project_id}/roadmap"
    composition = {"starts_on": "2025-04-28", "items": [{"algorithm_code": "gpzu"}]}
    before = (await service.client.put(roadmap_url, json=composition, headers=manager.headers)).json()

    edited = await service.client.put("/investment-rules/gpzu", json=GPZU_FASTER | {"base_version": 1},
                                      headers=head.headers)
    assert edited.status_code == 200, edited.text
    assert (edited.json()["version"], edited.json()["source"], edited.json()["created_by"]) == (
        2, "api", str(head.user_id))
    old = (await service.client.get("/investment-rules/gpzu/versions/1", headers=investor.headers)).json()
    assert old["steps"][0]["term"] == 14

    assert (await service.client.get(roadmap_url, headers=investor.headers)).json() == before
    republished = (await service.client.put(roadmap_url, json=composition, headers=manager.headers)).json()
    assert [(t["algorithm_version"], t["due_on"]) for t in republished["tasks"]] == [(1, "2025-05-22")]

    upgraded = (await service.client.put(roadmap_url, headers=manager.headers, json={
        "starts_on": "2025-04-28", "items": [{"algorithm_code": "gpzu", "algorithm_version": 2}]})).json()
    assert [(t["step_code"], t["algorithm_version"], t["due_on"]) for t in upgraded["tasks"]] == [
        ("issue", 2, "2025-05-16"), ("registration", 2, "2025-05-20")]
    assert upgraded["tasks"][0]["task_id"] == before["tasks"][0]["task_id"]


async def test_a_stale_edit_is_a_conflict_and_an_unchanged_one_no_new_version(service):
    manager = service.manager()
    first = await service.client.put("/investment-rules/gpzu", json=GPZU_FASTER | {"base_version": 1},
                                     headers=manager.headers)
    assert first.json()["version"] == 2
    before = await service.footprint()
    stale = await service.client.put("/investment-rules/gpzu", json=GPZU_FASTER | {"base_version": 1},
                                     headers=manager.headers)
    assert service.problem(stale, 409, "version-conflict")["current_version"] == 2
    same = await service.client.put("/investment-rules/gpzu", json=GPZU_FASTER | {"base_version": 2},
                                    headers=manager.headers)
    assert same.json()["version"] == 2
    assert await service.footprint() == before


async def test_agency_staff_create_new_algorithms(service):
    created = await service.client.put("/investment-rules/export-support", headers=service.head().headers, json={
        "base_version": 0, "title": "Поддержка экспорта", "steps": [
            {"code": "consultation", "title": "Консультация Центра поддержки экспорта", "term": 5,
             "term_unit": "calendar_days", "responsible_kind": "regional_body"}]})
    assert created.status_code == 200, created.text
    assert created.json()["version"] == 1
    listed = (await service.client.get("/investment-rules", headers=service.investor().headers)).json()
    assert "export-support" in {a["code"] for a in listed}


async def test_a_newer_catalogue_file_is_loaded_on_the_next_start(start_service, tmp_path: Path):
    catalogue = yaml.safe_load(SHIPPED_RULES.read_text(encoding="utf-8"))
    async with start_service():
        pass  # the shipped version loaded
    gpzu = next(a for a in catalogue["algorithms"] if a["code"] == "gpzu")
    gpzu["steps"][0]["term"] = 12
    newer = tmp_path / "leningrad-2026.yaml"
    newer.write_text(yaml.safe_dump(catalogue | {"version": SHIPPED_VERSION + 1}, allow_unicode=True),
                     encoding="utf-8")
    same_version = tmp_path / "leningrad-edited.yaml"
    same_version.write_text(yaml.safe_dump(catalogue | {"version": SHIPPED_VERSION}, allow_unicode=True),
                            encoding="utf-8")

    async with start_service(investment_rules_file=same_version) as service:
        current = (await service.client.get("/investment-rules/gpzu", headers=service.manager().headers)).json()
        assert (current["version"], current["steps"][0]["term"]) == (1, 14)  # not newer: ignored
    async with start_service(investment_rules_file=newer) as service:
        rules = {a["code"]: a for a in (await service.client.get(
            "/investment-rules", headers=service.manager().headers)).json()}
    assert (rules["gpzu"]["version"], rules["gpzu"]["steps"][0]["term"], rules["gpzu"]["source"]) == (
        2, 12, f"leningrad@{SHIPPED_VERSION + 1}")
    assert (rules["heat-connection"]["version"], rules["heat-connection"]["source"]) == (
        1, f"leningrad@{SHIPPED_VERSION}")
