"""Officials and agency staff join by an administrator's invitation, and nobody else can invite."""

from __future__ import annotations

import uuid

import pytest

from .conftest import PASSWORD, assert_problem, bearer

pytestmark = pytest.mark.kafka

OFFICIAL = "commissioner@vsevreg.example"


async def test_an_invited_official_joins_their_municipality_and_signs_in(identity) -> None:
    admin = await identity.administrator()
    municipality = await identity.municipality(admin)
    invited = await identity.client.post("/invitations", headers=admin, json={
        "email": "Commissioner@VsevReg.example", "organization_id": municipality["id"], "roles": ["official"]})
    assert invited.status_code == 201
    invitation = invited.json()
    assert (invitation["email"], invitation["roles"]) == (OFFICIAL, ["official"])

    accepted = await identity.client.post("/invitations/accept", json={
        "token": invitation["token"], "full_name": "Анна Смирнова", "password": PASSWORD, "locale": "en"})
    assert accepted.status_code == 201
    official = accepted.json()
    assert (official["organization_id"], official["organization_kind"], official["locale"]) == (
        municipality["id"], "municipality", "en")

    me = (await identity.client.get("/me", headers=bearer((await identity.login(OFFICIAL))["access_token"]))).json()
    assert (me["id"], me["roles"]) == (official["id"], ["official"])
    [_admin, registered] = await identity.events("UserRegistered")
    assert (registered["user_id"], registered["roles"], registered["organization_kind"]) == (
        official["id"], ["official"], "municipality")
    assert [len(await identity.audit(kind)) for kind in ("invitation_sent", "invitation_accepted")] == [1, 1]

    again = await identity.client.post("/invitations/accept", json={
        "token": invitation["token"], "full_name": "Кто-то Другой", "password": "другой пароль 2025"})
    assert_problem(again, 400, "invalid-invitation")


async def test_an_invitation_expires_after_seven_days_and_a_weak_password_does_not_use_it_up(identity) -> None:
    admin = await identity.administrator()
    agency = (await identity.client.get("/me", headers=admin)).json()["organization_id"]
    invitation = (await identity.client.post("/invitations", headers=admin, json={
        "email": "manager@aerlo.example", "organization_id": agency, "roles": ["manager", "agency_head"]})).json()
    before = await identity.stored()
    weak = await identity.client.post("/invitations/accept", json={
        "token": invitation["token"], "full_name": "Пётр Иванов", "password": "manager123"})
    assert_problem(weak, 422, "weak-password")
    assert await identity.stored() == before

    identity.clock.advance(days=7)
    expired = await identity.client.post("/invitations/accept", json={
        "token": invitation["token"], "full_name": "Пётр Иванов", "password": PASSWORD})
    assert "expired" in assert_problem(expired, 400, "invalid-invitation")["detail"]
    assert await identity.stored() == before


async def test_bad_invitations_are_refused_and_write_nothing(identity) -> None:
    admin = await identity.administrator()
    municipality = await identity.municipality(admin)
    agency = (await identity.client.get("/me", headers=admin)).json()["organization_id"]
    manager = await identity.member(admin, agency, "manager@aerlo.example", "manager")
    investor = (await identity.investor())["access_token"]
    valid = {"email": OFFICIAL, "organization_id": municipality["id"], "roles": ["official"]}
    cases = [
        (admin, {k: v for k, v in valid.items() if k != "roles"}, 422, "validation-error"),
        (admin, {**valid, "roles": []}, 422, "validation-error"),
        (admin, {**valid, "roles": ["mayor"]}, 422, "validation-error"),
        (admin, {**valid, "organization_id": "not-a-uuid"}, 422, "validation-error"),
        (admin, {**valid, "email": "commissioner"}, 422, "invalid-email"),
        (admin, {**valid, "roles": ["manager"]}, 422, "role-not-allowed"),
        (admin, {**valid, "roles": ["investor"], "organization_id": municipality["id"]}, 422, "role-not-allowed"),
        (admin, {**valid, "roles": ["supplier_system"]}, 422, "role-not-allowed"),
        (admin, {**valid, "organization_id": str(uuid.uuid4())}, 404, "not-found"),
        (admin, {**valid, "email": "admin@aerlo.example"}, 409, "email-taken"),
        (manager, valid, 403, "not-permitted"),
        (bearer(investor), valid, 403, "not-permitted"),
        ({}, valid, 401, "unauthorized"),
        ({"Authorization": "Bearer forged.token.here"}, valid, 401, "invalid-token"),
    ]
    before = await identity.stored()
    for headers, body, status, slug in cases:
        assert_problem(await identity.client.post("/invitations", json=body, headers=headers), status, slug)
    for body, status, slug in [({"token": "no-such-invitation", "full_name": "Анна", "password": PASSWORD}, 400,
                                "invalid-invitation"),
                               ({"token": "x", "full_name": "Анна"}, 422, "validation-error"),
                               ({"token": "x", "full_name": "Анна", "password": PASSWORD, "roles": ["official"]},
                                422, "validation-error")]:
        assert_problem(await identity.client.post("/invitations/accept", json=body), status, slug)
    assert await identity.stored() == before
    assert len(await identity.audit("invitation_sent")) == 1  # the manager's own invitation only


async def test_a_body_s_head_is_invited_as_an_official_and_the_role_reaches_the_token_and_event(identity) -> None:
    admin = await identity.administrator()
    municipality = await identity.municipality(admin)
    head = await identity.member(admin, municipality["id"], "head@vsevreg.example", "official", "organization_head")
    me = (await identity.client.get("/me", headers=head)).json()
    assert (me["organization_id"], me["roles"]) == (municipality["id"], ["official", "organization_head"])
    [_admin, registered] = await identity.events("UserRegistered")
    assert (registered["user_id"], registered["roles"]) == (me["id"], ["official", "organization_head"])
    assert (await identity.client.get("/organizations", headers=head)).status_code == 200  # an official's rights


async def test_a_head_without_the_official_role_or_of_an_investor_company_is_refused(identity) -> None:
    admin = await identity.administrator()
    municipality = await identity.municipality(admin)
    investor = bearer((await identity.investor())["access_token"])
    company = (await identity.client.get("/me", headers=investor)).json()["organization_id"]
    before = await identity.stored()
    for organization_id, roles, slug, detail in [
        (municipality["id"], ["organization_head"], "role-without-companion", "together with official"),
        (company, ["official", "organization_head"], "role-not-allowed", "cannot be official, organization_head"),
        (company, ["organization_head"], "role-not-allowed", "cannot be organization_head"),
    ]:
        refused = await identity.client.post("/invitations", headers=admin, json={
            "email": "head@vsevreg.example", "organization_id": organization_id, "roles": roles})
        assert detail in assert_problem(refused, 422, slug)["detail"]
    assert await identity.stored() == before
    assert len(await identity.audit("invitation_sent")) == 0
