"""The directory: administrators enter organisations; staff and officials read it; members see their own."""

from __future__ import annotations

import uuid

import pytest

from .conftest import VSEVOLOZHSKY, assert_problem, bearer

pytestmark = pytest.mark.kafka

WATER = {"kind": "supplier", "full_name": "ГУП «Леноблводоканал»", "inn": "4703000033",
         "resources": ["water", "sewerage"], "short_code": "lenoblvodokanal"}


async def test_an_administrator_enters_a_supplier_and_it_is_published_with_all_its_resources(identity) -> None:
    admin = await identity.administrator()
    response = await identity.client.post("/organizations", json=WATER, headers=admin)
    assert response.status_code == 201
    water = response.json()
    assert response.headers["location"] == f"/organizations/{water['id']}"
    assert (water["resources"], water["short_code"], water["short_name"]) == (
        ["water", "sewerage"], "lenoblvodokanal", "ГУП «Леноблводоканал»")
    [published] = [event for event in await identity.events("OrganizationRegistered")
                   if event["organization_id"] == water["id"]]
    assert (published["kind"], published["resource"], published["resources"]) == (
        "supplier", "water", ["water", "sewerage"])
    assert (await identity.client.get(f"/organizations/{water['id']}", headers=admin)).json() == water


async def test_the_directory_is_read_by_staff_and_officials_and_each_member_sees_their_own(identity) -> None:
    admin = await identity.administrator()
    municipality = await identity.municipality(admin)
    water = await identity.organization(admin, **WATER)
    official = await identity.member(admin, municipality["id"], "official@vsevreg.example", "official")
    investor = bearer((await identity.investor())["access_token"])
    investor_org = (await identity.client.get("/me", headers=investor)).json()["organization_id"]

    listed = await identity.client.get("/organizations", params={"kind": "supplier"}, headers=official)
    assert [org["id"] for org in listed.json()] == [water["id"]]
    in_district = await identity.client.get("/organizations", params={"municipality_code": VSEVOLOZHSKY},
                                            headers=official)
    assert [org["id"] for org in in_district.json()] == [municipality["id"]]
    assert len((await identity.client.get("/organizations", params={"limit": 2}, headers=admin)).json()) == 2
    assert (await identity.client.get(f"/organizations/{investor_org}", headers=investor)).status_code == 200

    assert_problem(await identity.client.get("/organizations", headers=investor), 403, "not-permitted")
    assert_problem(await identity.client.get(f"/organizations/{water['id']}", headers=investor), 403,
                   "not-permitted")
    assert_problem(await identity.client.get(f"/organizations/{uuid.uuid4()}", headers=admin), 404, "not-found")
    assert_problem(await identity.client.get("/organizations", params={"kind": "ministry"}, headers=admin), 422,
                   "validation-error")
    assert_problem(await identity.client.get("/organizations"), 401, "unauthorized")


async def test_the_region_s_municipalities_are_public_reference_data(identity) -> None:
    response = await identity.client.get("/municipalities")
    assert response.status_code == 200
    municipalities = response.json()
    assert len(municipalities) == 18
    assert {"code": VSEVOLOZHSKY, "name_ru": "Всеволожский муниципальный район",
            "kind": "municipal_district"} in municipalities


BAD_ORGANIZATIONS = [
    ({**WATER, "kind": "ministry"}, 422, "validation-error"),
    ({k: v for k, v in WATER.items() if k != "inn"}, 422, "validation-error"),
    ({**WATER, "resources": ["oil"]}, 422, "validation-error"),
    ({**WATER, "inn": 4703000033}, 422, "validation-error"),
    ({**WATER, "website": "https://vodokanal.example"}, 422, "validation-error"),
    ({**WATER, "inn": "4703000034"}, 422, "invalid-inn"),
    ({**WATER, "ogrn": "1027809170301"}, 422, "invalid-ogrn"),
    ({**WATER, "kpp": "47030100"}, 422, "invalid-kpp"),
    ({**WATER, "short_code": "Водоканал"}, 422, "invalid-short-code"),
    ({**WATER, "short_code": None}, 422, "invalid-organization"),
    ({**WATER, "resources": []}, 422, "invalid-organization"),
    ({**WATER, "kind": "regional_body"}, 422, "invalid-organization"),
    ({"kind": "municipality", "full_name": "Администрация", "inn": "4703000040"}, 422, "invalid-organization"),
    ({"kind": "municipality", "full_name": "Администрация", "inn": "4703000040", "municipality_code": "41000000"},
     422, "unknown-municipality"),
    ({"kind": "investor", "full_name": "ООО «Без ОГРН»", "inn": "4703000040"}, 422, "invalid-organization"),
    ({**WATER, "inn": "4703000026"}, 409, "inn-taken"),
    ({**WATER, "inn": "4703000040", "short_code": "vodokanal"}, 409, "short-code-taken"),
]


async def test_bad_organisations_are_refused_with_their_reason_and_write_nothing(identity) -> None:
    admin = await identity.administrator()
    await identity.municipality(admin)  # INN 4703000026
    await identity.organization(admin, **{**WATER, "inn": "4703000019", "short_code": "vodokanal"})
    operator = await identity.member(admin, (await identity.client.get("/me", headers=admin)).json()[
        "organization_id"], "operator@aerlo.example", "operator")
    before = await identity.stored()
    for body, status, slug in BAD_ORGANIZATIONS:
        assert_problem(await identity.client.post("/organizations", json=body, headers=admin), status, slug)
    assert_problem(await identity.client.post("/organizations", json=WATER, headers=operator), 403, "not-permitted")
    assert_problem(await identity.client.post("/organizations", json=WATER), 401, "unauthorized")
    assert await identity.stored() == before
