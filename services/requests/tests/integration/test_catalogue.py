"""The catalogue is data: seeded on first start, edited by agency staff, and obeyed on the next submission."""

from __future__ import annotations

import yaml

from corridor_requests.adapters.catalogue_store import SEED_DIR

PROBLEM = "urn:green-corridor:problem:"


def shipped(name: str) -> list[dict]:
    return yaml.safe_load((SEED_DIR / name).read_text(encoding="utf-8"))


async def test_the_shipped_catalogue_is_there_from_the_first_start(service, cast) -> None:
    types = (await service.client.get("/request-types", headers=service.auth(cast.investor))).json()
    assert {t["code"] for t in types} == {entry["code"] for entry in shipped("request_types.yaml")}
    assert {t["code"] for t in types} >= {"grid-connection", "heat-capacity-enquiry", "land-preliminary-approval",
                                          "construction-permit", "commissioning-permit", "title-registration",
                                          "road-junction", "general-question"}
    grid = next(t for t in types if t["code"] == "grid-connection")
    assert grid["recipient_kind"] == "supplier" and grid["sla_policy_code"] == "supplier-7wd"
    assert [d["code"] for d in grid["required_documents"]] == ["site-plan", "title-document"]
    assert grid["roadmap_steps"] == [{"algorithm_code": "grid-connection-150kw", "step": "application"},
                                     {"algorithm_code": "grid-connection-over-150kw", "step": "application"}]
    assert grid["roadmap_step"] == grid["roadmap_steps"][0]  # the first API version's field, still served
    rules = (await service.client.get("/routing-rules", headers=service.auth(cast.manager))).json()["rules"]
    assert [rule["rule_id"] for rule in rules] == [entry["rule_id"] for entry in shipped("routing_rules.yaml")]
    assert rules[0]["rule_id"] == "gpzu-by-municipality"
    api = (await service.client.get("/openapi.json")).json()
    assert {"/requests", "/inbox", "/documents", "/routing-rules", "/requests/{request_id}/reroute"} \
        <= set(api["paths"])
    assert "multipart/form-data" in api["paths"]["/documents"]["post"]["requestBody"]["content"]


async def test_agency_staff_add_a_type_change_it_and_switch_it_off(service, cast, samples) -> None:
    body = {"name": "Аренда земли без торгов", "recipient_kind": "municipality", "sla_policy_code": "lease-20cd",
            "target_working_days": 14, "required_documents": [{"code": "scheme", "title": "Схема участка"}],
            "form_fields": [{"code": "area_ha", "label": "Площадь, га", "type": "number", "required": True,
                             "minimum": 0.01}],
            "roadmap_step": {"algorithm_code": "land-lease-without-auction", "step": "Заявление"}}
    created = await service.client.put("/request-types/land-lease", json=body, headers=service.auth(cast.manager))
    assert created.status_code == 201 and created.json()["code"] == "land-lease"
    # sent as the first API version's single step, kept as a list of one
    assert created.json()["roadmap_steps"] == [{"algorithm_code": "land-lease-without-auction", "step": "Заявление"}]
    both = [{"algorithm_code": "land-lease-without-auction", "step": "lease-decision"},
            {"algorithm_code": "land-lease-auction", "step": "lease-contract"}]
    replaced = await service.client.put("/request-types/land-lease", headers=service.auth(cast.agency_head), json={
        **{k: v for k, v in body.items() if k != "roadmap_step"}, "target_working_days": 10, "roadmap_steps": both})
    assert replaced.status_code == 200
    read = await service.client.get("/request-types/land-lease", headers=service.auth(cast.official))
    assert read.json()["target_working_days"] == 10 and read.json()["roadmap_steps"] == both

    scheme = await service.upload(cast.investor, samples["pdf"], kind="scheme")
    filed = await service.client.post("/requests", headers=service.auth(cast.investor), json={
        "project_id": str(cast.project_id), "request_type_code": "land-lease", "subject": "Аренда",
        "payload": {"area_ha": 2.5}, "document_ids": [scheme["document_id"]]})
    assert filed.status_code == 201 and filed.json()["due_on"] == "2025-03-28"  # ten working days
    assert filed.json()["recipient_organization_id"] == str(cast.agency.organization_id)  # no rule for it yet

    await service.client.put("/request-types/land-lease", json={**body, "active": False},
                             headers=service.auth(cast.manager))
    off = await service.client.post("/requests", headers=service.auth(cast.investor), json={
        "project_id": str(cast.project_id), "request_type_code": "land-lease", "subject": "Аренда",
        "payload": {"area_ha": 2.5}, "document_ids": []})
    assert off.status_code == 422 and off.json()["type"] == PROBLEM + "unknown-reference"
    missing = await service.client.get("/request-types/no-such", headers=service.auth(cast.investor))
    assert missing.status_code == 404


async def test_an_empty_rule_set_sends_everything_to_the_agency(service, cast, samples) -> None:
    saved = await service.client.put("/routing-rules", json={"rules": []}, headers=service.auth(cast.manager))
    assert saved.status_code == 200 and saved.json() == {"rules": []}
    created = await service.file(cast, samples)
    assert created["recipient_organization_id"] == str(cast.agency.organization_id)
