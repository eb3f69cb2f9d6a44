"""Administrators find users, change their roles and deactivate them; every session of theirs ends."""

from __future__ import annotations

import uuid

import pytest

from .conftest import PASSWORD, assert_problem, bearer

pytestmark = pytest.mark.kafka


async def agency_of(identity, admin) -> str:
    return (await identity.client.get("/me", headers=admin)).json()["organization_id"]


async def user_id(identity, headers) -> str:
    return (await identity.client.get("/me", headers=headers)).json()["id"]


async def test_administrators_find_users_by_organisation_role_state_and_address(identity) -> None:
    admin = await identity.administrator()
    agency = await agency_of(identity, admin)
    await identity.member(admin, agency, "head@aerlo.example", "agency_head", "manager")
    await identity.investor("director@molprom.example")

    async def emails(**query) -> list[str]:
        response = await identity.client.get("/users", params=query, headers=admin)
        assert response.status_code == 200, response.json()
        return [user["email"] for user in response.json()]

    assert await emails() == ["admin@aerlo.example", "director@molprom.example", "head@aerlo.example"]
    assert await emails(organization_id=agency) == ["admin@aerlo.example", "head@aerlo.example"]
    assert await emails(role="manager") == ["head@aerlo.example"]
    assert await emails(email="MOLPROM") == ["director@molprom.example"]
    assert await emails(email="%") == []
    assert await emails(active="false") == []
    assert await emails(limit=1, offset=1) == ["director@molprom.example"]
    for query in ({"role": "mayor"}, {"active": "maybe"}, {"limit": 0}, {"organization_id": "x"}):
        assert_problem(await identity.client.get("/users", params=query, headers=admin), 422, "validation-error")
    head = bearer((await identity.login("head@aerlo.example"))["access_token"])
    assert_problem(await identity.client.get("/users", headers=head), 403, "not-permitted")
    assert_problem(await identity.client.get(f"/users/{uuid.uuid4()}", headers=admin), 404, "not-found")


async def test_new_roles_reach_the_tokens_at_the_next_refresh_and_are_published(identity) -> None:
    admin = await identity.administrator()
    agency = await agency_of(identity, admin)
    await identity.member(admin, agency, "manager@aerlo.example", "manager")
    tokens = await identity.login("manager@aerlo.example")
    manager_id = await user_id(identity, bearer(tokens["access_token"]))

    response = await identity.client.put(f"/users/{manager_id}/roles", headers=admin,
                                         json={"roles": ["manager", "agency_head"]})
    assert (response.status_code, response.json()["roles"]) == (200, ["agency_head", "manager"])
    refreshed = (await identity.client.post("/token", data={"grant_type": "refresh_token",
                                                            "refresh_token": tokens["refresh_token"]})).json()
    assert (await identity.client.get("/audit", headers=bearer(refreshed["access_token"]))).status_code == 200
    [changed] = await identity.events("UserRolesChanged")
    assert (changed["user_id"], changed["roles"], changed["previous_roles"]) == (
        manager_id, ["agency_head", "manager"], ["manager"])
    assert changed["actor_id"] == await user_id(identity, admin)

    same = await identity.client.put(f"/users/{manager_id}/roles", headers=admin,
                                     json={"roles": ["agency_head", "manager"]})
    assert same.status_code == 200 and len(await identity.events("UserRolesChanged")) == 1


async def test_deactivation_ends_every_session_and_sign_in_and_is_published(identity) -> None:
    admin = await identity.administrator()
    investor = await identity.investor("director@molprom.example")
    other_session = await identity.login("director@molprom.example")
    investor_id = await user_id(identity, bearer(investor["access_token"]))

    response = await identity.client.post(f"/users/{investor_id}/deactivate", headers=admin,
                                          json={"reason": "компания ликвидирована"})
    assert response.status_code == 200 and response.json()["active"] is False
    for tokens in (investor, other_session):
        refused = await identity.client.post("/token", data={"grant_type": "refresh_token",
                                                             "refresh_token": tokens["refresh_token"]})
        assert_problem(refused, 400, "invalid-refresh-token")
    refused = await identity.client.post("/token", data={"grant_type": "password", "username":
                                                         "director@molprom.example", "password": PASSWORD})
    assert_problem(refused, 400, "invalid-credentials")
    [deactivated] = await identity.events("UserDeactivated")
    assert (deactivated["user_id"], deactivated["reason"]) == (investor_id, "компания ликвидирована")
    [audited] = await identity.audit("user_deactivated")
    assert audited.details == {"revoked_sessions": "2"}


async def test_illegal_or_unauthorised_changes_are_refused_and_change_nothing(identity) -> None:
    admin = await identity.administrator()
    admin_id = await user_id(identity, admin)
    agency = await agency_of(identity, admin)
    manager = await identity.member(admin, agency, "manager@aerlo.example", "manager")
    manager_id = await user_id(identity, manager)
    leaver = await identity.member(admin, agency, "leaver@aerlo.example", "operator")
    leaver_id = await user_id(identity, leaver)
    await identity.client.post(f"/users/{leaver_id}/deactivate", headers=admin)
    before = await identity.stored()

    roles = [
        (admin, manager_id, {"roles": ["official"]}, 422, "role-not-allowed"),
        (admin, manager_id, {"roles": ["investor"]}, 422, "role-not-allowed"),
        (admin, manager_id, {"roles": []}, 422, "validation-error"),
        (admin, manager_id, {"roles": "manager"}, 422, "validation-error"),
        (admin, manager_id, {"roles": ["boss"]}, 422, "validation-error"),
        (admin, manager_id, {}, 422, "validation-error"),
        (admin, "not-a-uuid", {"roles": ["manager"]}, 422, "validation-error"),
        (admin, str(uuid.uuid4()), {"roles": ["manager"]}, 404, "not-found"),
        (admin, leaver_id, {"roles": ["manager"]}, 409, "already-deactivated"),
        (admin, admin_id, {"roles": ["operator"]}, 403, "not-permitted"),
        (manager, manager_id, {"roles": ["administrator"]}, 403, "not-permitted"),
        ({}, manager_id, {"roles": ["manager"]}, 401, "unauthorized"),
    ]
    for headers, target, body, status, slug in roles:
        assert_problem(await identity.client.put(f"/users/{target}/roles", json=body, headers=headers), status, slug)
    deactivations = [
        (admin, leaver_id, None, 409, "already-deactivated"),
        (admin, admin_id, None, 403, "not-permitted"),
        (admin, str(uuid.uuid4()), None, 404, "not-found"),
        (admin, manager_id, {"reason": "x" * 501}, 422, "validation-error"),
        (admin, manager_id, {"why": "x"}, 422, "validation-error"),
        (manager, manager_id, None, 403, "not-permitted"),
        ({}, manager_id, None, 401, "unauthorized"),
    ]
    for headers, target, body, status, slug in deactivations:
        response = await identity.client.post(f"/users/{target}/deactivate", json=body, headers=headers)
        assert_problem(response, status, slug)
    assert await identity.stored() == before


async def test_a_deactivated_administrator_s_token_no_longer_administers(identity) -> None:
    admin = await identity.administrator()
    agency = await agency_of(identity, admin)
    second = await identity.member(admin, agency, "second@aerlo.example", "administrator")
    await identity.client.post(f"/users/{await user_id(identity, second)}/deactivate", headers=admin)
    before = await identity.stored()
    response = await identity.client.post("/organizations", headers=second, json={
        "kind": "federal_body", "full_name": "Управление Росреестра", "inn": "4703000033"})
    assert_problem(response, 403, "not-permitted")  # the token is valid for minutes; the store says no
    assert await identity.stored() == before


async def test_an_official_is_made_the_body_s_head_and_back_and_each_change_is_published(identity) -> None:
    admin = await identity.administrator()
    municipality = await identity.municipality(admin)
    official_id = await user_id(identity, await identity.member(admin, municipality["id"], "official@vsevreg.example",
                                                                "official"))
    for roles, previous in ((["official", "organization_head"], ["official"]),
                            (["official"], ["official", "organization_head"])):
        response = await identity.client.put(f"/users/{official_id}/roles", headers=admin, json={"roles": roles})
        assert (response.status_code, response.json()["roles"]) == (200, roles)
        changed = (await identity.events("UserRolesChanged"))[-1]
        assert (changed["user_id"], changed["roles"], changed["previous_roles"]) == (official_id, roles, previous)
    assert len(await identity.events("UserRolesChanged")) == 2


async def test_a_head_without_the_official_role_or_outside_a_body_is_refused_and_changes_nothing(identity) -> None:
    admin = await identity.administrator()
    municipality = await identity.municipality(admin)
    head_id = await user_id(identity, await identity.member(admin, municipality["id"], "head@vsevreg.example",
                                                            "official", "organization_head"))
    manager_id = await user_id(identity, await identity.member(admin, await agency_of(identity, admin),
                                                               "manager@aerlo.example", "manager"))
    investor_id = await user_id(identity, bearer((await identity.investor())["access_token"]))
    before = await identity.stored()
    for target, roles, slug in [
        (head_id, ["organization_head"], "role-without-companion"),
        (manager_id, ["manager", "organization_head"], "role-not-allowed"),
        (investor_id, ["official", "organization_head"], "role-not-allowed"),
    ]:
        refused = await identity.client.put(f"/users/{target}/roles", headers=admin, json={"roles": roles})
        assert "organization_head" in assert_problem(refused, 422, slug)["detail"]
    assert await identity.stored() == before
