"""An investor registers with their company; the answer never tells whether an e-mail is taken."""

from __future__ import annotations

import pytest

from .conftest import PASSWORD, assert_problem, bearer, investor_registration

pytestmark = pytest.mark.kafka


async def test_an_investor_registers_with_their_company_and_signs_in(identity) -> None:
    response = await identity.client.post("/registrations/investor", json=investor_registration(
        " Director@MolProm.example ", kpp="770701001", municipality_code="41612000", short_name="МолПром"))
    assert response.status_code == 202
    assert response.json()["status"] == "received"

    tokens = await identity.login("director@molprom.example")
    me = (await identity.client.get("/me", headers=bearer(tokens["access_token"]))).json()
    assert (me["email"], me["roles"], me["organization_kind"], me["active"]) == (
        "director@molprom.example", ["investor"], "investor", True)
    company = (await identity.client.get(f"/organizations/{me['organization_id']}",
                                         headers=bearer(tokens["access_token"]))).json()
    assert (company["inn"], company["kpp"], company["short_name"], company["municipality_code"]) == (
        "7707083893", "770701001", "МолПром", "41612000")

    [organization_registered] = await identity.events("OrganizationRegistered")
    assert organization_registered["organization_id"] == me["organization_id"]
    assert (organization_registered["kind"], organization_registered["resources"]) == ("investor", [])
    [user_registered] = await identity.events("UserRegistered")
    assert user_registered["user_id"] == me["id"] and user_registered["roles"] == ["investor"]
    assert "password" not in str(user_registered) and "hash" not in str(user_registered)
    assert [row.subject for row in await identity.audit("user_registered")] == [me["id"]]


async def test_a_taken_e_mail_gets_the_same_answer_and_changes_nothing(identity) -> None:
    first = await identity.client.post("/registrations/investor",
                                       json=investor_registration("director@molprom.example"))
    before = await identity.stored()
    again = await identity.client.post("/registrations/investor", json=investor_registration(
        "DIRECTOR@molprom.example", inn="7736207543", ogrn="1027700229193", password="другой пароль 2025"))
    assert (again.status_code, again.json()) == (first.status_code, first.json())
    assert await identity.stored() == before
    assert len(await identity.audit("registration_with_taken_email")) == 1
    await identity.login("director@molprom.example")  # the first registrant's password still works


async def test_a_company_already_in_the_directory_is_a_conflict(identity) -> None:
    await identity.client.post("/registrations/investor", json=investor_registration("first@molprom.example"))
    before = await identity.stored()
    response = await identity.client.post("/registrations/investor",
                                          json=investor_registration("second@molprom.example"))
    assert_problem(response, 409, "inn-taken")
    assert await identity.stored() == before


def without(data: dict, part: str, field: str) -> dict:
    return {**data, part: {k: v for k, v in data[part].items() if k != field}}


def changed(data: dict, part: str, **values) -> dict:
    return {**data, part: {**data[part], **values}}


VALID = investor_registration("director@molprom.example")
BAD_REGISTRATIONS = {
    "no body": (None, 422, "validation-error"),
    "not an object": ([1, 2], 422, "validation-error"),
    "company missing": ({"person": VALID["person"]}, 422, "validation-error"),
    "inn missing": (without(VALID, "company", "inn"), 422, "validation-error"),
    "ogrn missing": (without(VALID, "company", "ogrn"), 422, "validation-error"),
    "password missing": (without(VALID, "person", "password"), 422, "validation-error"),
    "inn a number": (changed(VALID, "company", inn=7707083893), 422, "validation-error"),
    "unknown field": (changed(VALID, "person", role="administrator"), 422, "validation-error"),
    "name too long": (changed(VALID, "company", full_name="О" * 501), 422, "validation-error"),
    "unknown locale": (changed(VALID, "person", locale="de"), 422, "validation-error"),
    "inn check digit": (changed(VALID, "company", inn="7707083894"), 422, "invalid-inn"),
    "ogrn check digit": (changed(VALID, "company", ogrn="1027700132196"), 422, "invalid-ogrn"),
    "ogrnip with a company inn": (changed(VALID, "company", ogrn="304500116000157"), 422, "invalid-ogrn"),
    "kpp malformed": (changed(VALID, "company", kpp="77-07"), 422, "invalid-kpp"),
    "municipality elsewhere": (changed(VALID, "company", municipality_code="40352000"), 422,
                               "unknown-municipality"),
    "blank name": (changed(VALID, "company", full_name="   "), 422, "invalid-organization"),
    "not an e-mail": (changed(VALID, "person", email="director-at-molprom"), 422, "invalid-email"),
    "blank person": (changed(VALID, "person", full_name="  "), 422, "invalid-user"),
    "short password": (changed(VALID, "person", password="short"), 422, "weak-password"),
    "password from the e-mail": (changed(VALID, "person", password="director-2025"), 422, "weak-password"),
}


async def test_bad_registrations_are_refused_with_their_reason_and_write_nothing(identity) -> None:
    before = await identity.stored()
    for case, (body, status, slug) in BAD_REGISTRATIONS.items():
        response = await identity.client.post("/registrations/investor", json=body)
        assert response.status_code == status, (case, response.text)
        assert response.json()["type"].endswith(f":{slug}"), (case, response.json())
    weak = await identity.client.post("/registrations/investor",
                                      json=changed(VALID, "person", password="йцукен1234"))
    assert weak.json()["reasons"] == ["too-common"]
    assert await identity.stored() == before
    assert (await identity.client.post("/token", data={"grant_type": "password", "username": "director@molprom.example",
                                                       "password": PASSWORD})).status_code == 400
