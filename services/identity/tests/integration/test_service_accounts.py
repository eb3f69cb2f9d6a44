"""A supplier's system authenticates with client credentials and acts as its own organisation."""

from __future__ import annotations

import base64
import uuid

import pytest

from corridor_chassis.auth import AUDIENCE, Principal

from .conftest import assert_problem, bearer

pytestmark = pytest.mark.kafka

LENENERGO = {"kind": "supplier", "full_name": "ПАО «Россети Ленэнерго»", "inn": "7803002209",
             "ogrn": "1027809170300", "resources": ["electricity"], "short_code": "lenenergo"}


def client_credentials(client_id: str, client_secret: str) -> dict[str, str]:
    return {"grant_type": "client_credentials", "client_id": client_id, "client_secret": client_secret}


async def test_a_supplier_system_gets_a_token_for_its_organisation_with_client_credentials(identity) -> None:
    admin = await identity.administrator()
    supplier = await identity.organization(admin, **LENENERGO)
    response = await identity.client.post(f"/organizations/{supplier['id']}/service-accounts", headers=admin)
    assert response.status_code == 201
    account = response.json()
    assert account["client_id"].startswith("lenenergo-") and len(account["client_secret"]) >= 43

    by_body = await identity.client.post("/token", data=client_credentials(account["client_id"],
                                                                            account["client_secret"]))
    basic = base64.b64encode(f"{account['client_id']}:{account['client_secret']}".encode()).decode()
    by_basic = await identity.client.post("/token", data={"grant_type": "client_credentials"},
                                          headers={"Authorization": f"Basic {basic}"})
    for response in (by_body, by_basic):
        assert response.status_code == 200, response.json()
        assert "refresh_token" not in response.json()  # RFC 6749 §4.4.3
    token = by_body.json()["access_token"]
    principal = Principal.from_claims(identity.app.state.keyring.verify(token, audience=AUDIENCE))
    assert principal.is_service_account and principal.roles == {"supplier_system"}
    assert (str(principal.subject), str(principal.organization_id)) == (account["id"], supplier["id"])
    me = (await identity.client.get("/me", headers=bearer(token))).json()
    assert (me["client_id"], me["organization_kind"], me["roles"]) == (
        account["client_id"], "supplier", ["supplier_system"])
    assert_problem(await identity.client.get("/organizations", headers=bearer(token)), 403, "not-permitted")
    secret = account["client_secret"]
    assert all(secret not in str(row) for row in await identity.audit("service_account_created"))


async def test_wrong_or_withdrawn_client_credentials_get_one_answer(identity) -> None:
    admin = await identity.administrator()
    supplier = await identity.organization(admin, **LENENERGO)
    created = (await identity.client.post(f"/organizations/{supplier['id']}/service-accounts", headers=admin)).json()
    spare = (await identity.client.post(f"/organizations/{supplier['id']}/service-accounts", headers=admin)).json()
    path = f"/organizations/{supplier['id']}/service-accounts/{created['client_id']}"
    assert (await identity.client.delete(path, headers=admin)).status_code == 204

    answers = set()
    for client_id, secret in [(created["client_id"], created["client_secret"]),  # withdrawn
                              (spare["client_id"], "wrong-secret"), ("nobody-1234", spare["client_secret"])]:
        response = await identity.client.post("/token", data=client_credentials(client_id, secret))
        body = assert_problem(response, 401, "invalid-client")
        answers.add((body["error"], body["detail"], response.headers["www-authenticate"]))
    assert len(answers) == 1
    assert len(await identity.audit("client_authentication_failed")) == 3
    assert (await identity.client.post("/token", data=client_credentials(
        spare["client_id"], spare["client_secret"]))).status_code == 200  # the other account still works


async def test_bad_service_account_requests_are_refused_and_write_nothing(identity) -> None:
    admin = await identity.administrator()
    supplier = await identity.organization(admin, **LENENERGO)
    municipality = await identity.municipality(admin)
    agency = (await identity.client.get("/me", headers=admin)).json()["organization_id"]
    operator = await identity.member(admin, agency, "operator@aerlo.example", "operator")
    created = (await identity.client.post(f"/organizations/{supplier['id']}/service-accounts", headers=admin)).json()
    await identity.client.delete(f"/organizations/{supplier['id']}/service-accounts/{created['client_id']}",
                                 headers=admin)
    before = await identity.stored()

    for organization, headers, status, slug in [
            (municipality["id"], admin, 422, "role-not-allowed"),
            (str(uuid.uuid4()), admin, 404, "not-found"),
            ("not-a-uuid", admin, 422, "validation-error"),
            (supplier["id"], operator, 403, "not-permitted"),
            (supplier["id"], {}, 401, "unauthorized")]:
        response = await identity.client.post(f"/organizations/{organization}/service-accounts", headers=headers)
        assert_problem(response, status, slug)
    for organization, client_id, headers, status, slug in [
            (supplier["id"], created["client_id"], admin, 409, "already-deactivated"),
            (supplier["id"], "nobody-1234", admin, 404, "not-found"),
            (municipality["id"], created["client_id"], admin, 404, "not-found"),
            (supplier["id"], created["client_id"], operator, 403, "not-permitted")]:
        response = await identity.client.delete(f"/organizations/{organization}/service-accounts/{client_id}",
                                                headers=headers)
        assert_problem(response, status, slug)
    assert await identity.stored() == before
