"""The token endpoint: sign-in, refresh rotation with reuse detection, logout, and bad requests."""

from __future__ import annotations

import pytest

from corridor_chassis.auth import AUDIENCE, KeyRing, Principal

from .conftest import PASSWORD, assert_problem, bearer

pytestmark = pytest.mark.kafka

EMAIL = "director@molprom.example"


async def refresh(identity, token: str):
    return await identity.client.post("/token", data={"grant_type": "refresh_token", "refresh_token": token})


async def test_sign_in_answers_as_rfc_6749_says_and_the_token_verifies_from_the_jwks(identity) -> None:
    await identity.investor(EMAIL)
    response = await identity.client.post("/token", json={"grant_type": "password", "username": EMAIL,
                                                          "password": PASSWORD, "scope": "ignored"})
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert set(body) == {"access_token", "token_type", "expires_in", "refresh_token"}
    assert (body["token_type"], body["expires_in"]) == ("Bearer", 600)

    keyring = KeyRing()  # what any other service does with the published keys
    keyring.update((await identity.client.get("/.well-known/jwks.json")).json())
    claims = keyring.verify(body["access_token"], issuer=identity.settings.token_issuer, audience=AUDIENCE)
    principal = Principal.from_claims(claims)
    me = (await identity.client.get("/me", headers=bearer(body["access_token"]))).json()
    assert (str(principal.subject), str(principal.organization_id)) == (me["id"], me["organization_id"])
    assert (principal.roles, principal.organization_kind, claims["typ"]) == ({"investor"}, "investor", "user")
    assert len(await identity.audit("login_succeeded")) == 2


async def test_every_sign_in_failure_gets_the_same_answer(identity) -> None:
    admin = await identity.administrator()
    await identity.investor(EMAIL)
    leaver = await identity.investor("leaver@other.example", inn="7736207543", ogrn="1027700229193")
    leaver_id = (await identity.client.get("/me", headers=bearer(leaver["access_token"]))).json()["id"]
    assert (await identity.client.post(f"/users/{leaver_id}/deactivate", headers=admin)).status_code == 200

    answers = []
    for username, password in [("nobody@molprom.example", PASSWORD), (EMAIL, "неверный пароль"),
                               ("leaver@other.example", PASSWORD), ("not an e-mail at all", PASSWORD)]:
        response = await identity.client.post("/token", data={"grant_type": "password", "username": username,
                                                              "password": password})
        body = assert_problem(response, 400, "invalid-credentials")
        answers.append((body["error"], body["title"], body["detail"], response.headers["cache-control"]))
    assert len(set(answers)) == 1 and answers[0][0] == "invalid_grant"
    assert len(await identity.audit("login_failed")) == 4


async def test_a_refresh_token_rotates_and_its_reuse_ends_the_whole_session(identity) -> None:
    first = await identity.investor(EMAIL)
    second = (await refresh(identity, first["refresh_token"])).json()
    assert second["refresh_token"] != first["refresh_token"] and second["access_token"] != first["access_token"]
    third = (await refresh(identity, second["refresh_token"])).json()
    assert (await identity.client.get("/me", headers=bearer(third["access_token"]))).status_code == 200

    replayed = await refresh(identity, first["refresh_token"])  # a thief's copy, or the user's stale one
    assert assert_problem(replayed, 400, "refresh-token-reused")["error"] == "invalid_grant"
    assert_problem(await refresh(identity, third["refresh_token"]), 400, "invalid-refresh-token")
    [reuse] = await identity.audit("refresh_reuse_detected")
    assert reuse.subject == (await identity.client.get("/me", headers=bearer(third["access_token"]))).json()["id"]
    other_session = await identity.login(EMAIL)  # signing in again starts a new, untainted session
    assert (await refresh(identity, other_session["refresh_token"])).status_code == 200


async def test_logout_revokes_that_session_only(identity) -> None:
    phone, laptop = await identity.investor(EMAIL), await identity.login(EMAIL)
    response = await identity.client.post("/logout", json={"refresh_token": phone["refresh_token"]},
                                          headers=bearer(phone["access_token"]))
    assert response.status_code == 204
    assert_problem(await refresh(identity, phone["refresh_token"]), 400, "invalid-refresh-token")
    assert (await refresh(identity, laptop["refresh_token"])).status_code == 200
    assert len(await identity.audit("logout")) == 1


async def test_logout_needs_the_caller_s_token_and_ignores_tokens_of_others(identity) -> None:
    mine = await identity.investor(EMAIL)
    theirs = await identity.investor("other@other.example", inn="7736207543", ogrn="1027700229193")
    assert_problem(await identity.client.post("/logout", json={"refresh_token": mine["refresh_token"]}),
                   401, "unauthorized")
    for body in ({"refresh_token": theirs["refresh_token"]}, {"refresh_token": "no-such-token"}):
        response = await identity.client.post("/logout", json=body, headers=bearer(mine["access_token"]))
        assert response.status_code == 204
    for bad in ({}, {"refresh_token": ""}, {"refresh_token": 42}, {"refresh_token": "x", "all": True}):
        response = await identity.client.post("/logout", json=bad, headers=bearer(mine["access_token"]))
        assert_problem(response, 422, "validation-error")
    assert (await refresh(identity, theirs["refresh_token"])).status_code == 200
    assert await identity.audit("logout") == []


BAD_TOKEN_REQUESTS = [
    ({"data": {"username": EMAIL, "password": PASSWORD}}, "invalid-request", "invalid_request"),
    ({"data": {"grant_type": "authorization_code", "code": "x"}}, "unsupported-grant-type",
     "unsupported_grant_type"),
    ({"data": {"grant_type": "password", "username": EMAIL}}, "invalid-request", "invalid_request"),
    ({"data": {"grant_type": "password", "username": "", "password": PASSWORD}}, "invalid-request",
     "invalid_request"),
    ({"data": {"grant_type": "refresh_token"}}, "invalid-request", "invalid_request"),
    ({"json": {"grant_type": "password", "username": EMAIL, "password": 12345}}, "invalid-request",
     "invalid_request"),
    ({"json": ["grant_type", "password"]}, "invalid-request", "invalid_request"),
    ({"content": b"{not json", "headers": {"content-type": "application/json"}}, "invalid-request",
     "invalid_request"),
    ({"content": b"grant_type=password", "headers": {"content-type": "text/plain"}}, "invalid-request",
     "invalid_request"),
    ({"data": {"grant_type": "refresh_token", "refresh_token": "forged"}}, "invalid-refresh-token",
     "invalid_grant"),
    ({"data": {"grant_type": "password", "username": EMAIL, "password": "x" * 1025}}, "invalid-request",
     "invalid_request"),
]


@pytest.mark.parametrize("request_kwargs, slug, error", BAD_TOKEN_REQUESTS)
async def test_a_bad_token_request_is_a_400_with_its_oauth_error_and_starts_no_session(
        identity, request_kwargs, slug, error) -> None:
    await identity.investor(EMAIL)
    before = await identity.stored()
    response = await identity.client.post("/token", **request_kwargs)
    assert assert_problem(response, 400, slug)["error"] == error
    assert await identity.stored() == before
