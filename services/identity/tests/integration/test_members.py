"""`GET /organizations/{id}/members`: colleagues see colleagues (no e-mails); administrators see anyone."""

from __future__ import annotations

import uuid

import pytest

from .conftest import PASSWORD, assert_problem, bearer

pytestmark = pytest.mark.kafka


async def me(identity, headers) -> dict:
    return (await identity.client.get("/me", headers=headers)).json()


async def members(identity, organization_id, headers, **query) -> dict:
    response = await identity.client.get(f"/organizations/{organization_id}/members", params=query, headers=headers)
    assert response.status_code == 200, response.json()
    return response.json()


async def named_member(identity, admin, organization_id: str, email: str, full_name: str, *roles: str) -> None:
    invited = await identity.client.post("/invitations", headers=admin, json={
        "email": email, "organization_id": organization_id, "roles": list(roles)})
    accepted = await identity.client.post("/invitations/accept", json={
        "token": invited.json()["token"], "full_name": full_name, "password": PASSWORD})
    assert accepted.status_code == 201, accepted.json()


async def agency_with_staff(identity):
    """The administrator, the agency's id and its head's token; the agency also has two managers."""
    admin = await identity.administrator()
    agency = (await me(identity, admin))["organization_id"]
    head = await identity.member(admin, agency, "head@aerlo.example", "agency_head")
    await named_member(identity, admin, agency, "sokolov@aerlo.example", "Соколов Дмитрий", "manager")
    await named_member(identity, admin, agency, "petrova@aerlo.example", "Петрова Елена", "manager")
    return admin, agency, head


async def test_the_agency_head_lists_the_agency_s_managers_by_name_without_e_mails(identity) -> None:
    admin, agency, head = await agency_with_staff(identity)
    listed = await members(identity, agency, head, role="manager")
    ids = {user["email"]: user["id"] for user in (await identity.client.get("/users", headers=admin)).json()}
    assert listed == {"total": 2, "items": [
        {"user_id": ids["petrova@aerlo.example"], "full_name": "Петрова Елена", "roles": ["manager"], "active": True},
        {"user_id": ids["sokolov@aerlo.example"], "full_name": "Соколов Дмитрий", "roles": ["manager"],
         "active": True}]}
    assert (await members(identity, agency, head))["total"] == 4  # the administrator, the head, two managers
    second_page = await members(identity, agency, head, role="manager", limit=1, offset=1)
    assert ([user["full_name"] for user in second_page["items"]], second_page["total"]) == (["Соколов Дмитрий"], 2)
    assert (await members(identity, agency, head, role="operator")) == {"items": [], "total": 0}


async def test_managers_and_operators_list_their_colleagues_too(identity) -> None:
    admin, agency, _head = await agency_with_staff(identity)
    operator = await identity.member(admin, agency, "operator@aerlo.example", "operator")
    manager = bearer((await identity.login("petrova@aerlo.example"))["access_token"])
    for colleague in (manager, operator):
        listed = await members(identity, agency, colleague, role="manager")
        assert listed["total"] == 2 and all("email" not in user for user in listed["items"])


async def test_administrators_see_e_mails_and_on_request_deactivated_members_of_any_organisation(identity) -> None:
    admin, agency, head = await agency_with_staff(identity)
    sokolov = next(user for user in (await identity.client.get("/users", headers=admin)).json()
                   if user["email"] == "sokolov@aerlo.example")
    await identity.client.post(f"/users/{sokolov['id']}/deactivate", headers=admin)
    active = await members(identity, agency, admin, role="manager")
    assert ([user["email"] for user in active["items"]], active["total"]) == (["petrova@aerlo.example"], 1)
    everyone = await members(identity, agency, admin, role="manager", include_inactive="true")
    assert everyone["total"] == 2
    assert {(user["email"], user["active"]) for user in everyone["items"]} == {
        ("petrova@aerlo.example", True), ("sokolov@aerlo.example", False)}
    assert (await members(identity, agency, head, role="manager"))["total"] == 1  # a leaver is not a choice

    municipality = await identity.municipality(admin)
    await identity.member(admin, municipality["id"], "head@vsevreg.example", "official", "organization_head")
    [official] = (await members(identity, municipality["id"], admin, role="organization_head"))["items"]
    assert (official["email"], official["roles"]) == ("head@vsevreg.example", ["official", "organization_head"])


async def test_officials_and_heads_list_their_own_body_only(identity) -> None:
    admin = await identity.administrator()
    agency = (await me(identity, admin))["organization_id"]
    municipality = await identity.municipality(admin)
    head = await identity.member(admin, municipality["id"], "head@vsevreg.example", "official", "organization_head")
    official = await identity.member(admin, municipality["id"], "official@vsevreg.example", "official")
    for colleague in (head, official):
        listed = await members(identity, municipality["id"], colleague)
        assert listed["total"] == 2 and all("email" not in user for user in listed["items"])
        assert_problem(await identity.client.get(f"/organizations/{agency}/members", headers=colleague), 403,
                       "not-permitted")
    [found] = (await members(identity, municipality["id"], official, role="organization_head"))["items"]
    assert found["user_id"] == (await me(identity, head))["id"]


async def test_others_are_refused_and_bad_queries_are_422(identity) -> None:
    admin, agency, head = await agency_with_staff(identity)
    investor = bearer((await identity.investor())["access_token"])
    company = (await me(identity, investor))["organization_id"]
    petrova = next(user for user in (await identity.client.get("/users", headers=admin)).json()
                   if user["email"] == "petrova@aerlo.example")
    manager = bearer((await identity.login("petrova@aerlo.example"))["access_token"])
    await identity.client.post(f"/users/{petrova['id']}/deactivate", headers=admin)  # her token lives on

    path = f"/organizations/{agency}/members"
    for headers, url, query, status, slug in [
        (investor, path, {}, 403, "not-permitted"),
        (investor, f"/organizations/{company}/members", {}, 403, "not-permitted"),  # investors list nobody
        (head, f"/organizations/{company}/members", {}, 403, "not-permitted"),
        (head, path, {"include_inactive": "true"}, 403, "not-permitted"),
        (manager, path, {}, 403, "not-permitted"),  # deactivated a moment ago
        ({}, path, {}, 401, "unauthorized"),
        (admin, f"/organizations/{uuid.uuid4()}/members", {}, 404, "not-found"),
        (head, f"/organizations/{uuid.uuid4()}/members", {}, 404, "not-found"),
        (admin, "/organizations/not-a-uuid/members", {}, 422, "validation-error"),
        (head, path, {"role": "mayor"}, 422, "validation-error"),
        (head, path, {"limit": 0}, 422, "validation-error"),
        (head, path, {"limit": 501}, 422, "validation-error"),
        (head, path, {"offset": -1}, 422, "validation-error"),
        (head, path, {"limit": "many"}, 422, "validation-error"),
        (admin, path, {"include_inactive": "maybe"}, 422, "validation-error"),
    ]:
        assert_problem(await identity.client.get(url, params=query, headers=headers), status, slug)
