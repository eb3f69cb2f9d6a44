"""Sessions live in an encrypted, HTTP-only cookie; every form carries the session's CSRF token; the
access token is renewed with the refresh token, once however many requests ask at the same time."""

from __future__ import annotations

import asyncio

import httpx

from web_stand_ins import Backends, csrf_of, problem, settings, sign_in

from corridor_web.bootstrap import build_app


async def test_a_form_without_the_sessions_csrf_token_is_refused_and_nothing_reaches_a_service(
        web: httpx.AsyncClient, backends: Backends) -> None:
    await web.get("/login")
    missing = await web.post("/login", data={"email": "investor@example.ru", "password": "right-password"})
    forged = await web.post("/login", data={"email": "investor@example.ru", "password": "right-password",
                                            "csrf_token": "guessed"})
    assert (missing.status_code, forged.status_code) == (403, 403)
    assert "Форма устарела" in missing.text
    assert backends.called("identity", "POST", "/token") == []


async def test_another_browsers_csrf_token_does_not_fit_this_session(web: httpx.AsyncClient,
                                                                    backends: Backends) -> None:
    async with httpx.AsyncClient(transport=web._transport, base_url="http://web.test") as other:
        foreign = csrf_of((await other.get("/login")).text)
    await web.get("/login")
    answer = await web.post("/login", data={"email": "a@b.ru", "password": "right-password", "csrf_token": foreign})
    assert answer.status_code == 403 and backends.called("identity", "POST", "/token") == []


async def test_signing_in_sets_an_http_only_same_site_cookie_and_pages_carry_the_persons_token(
        web: httpx.AsyncClient, backends: Backends) -> None:
    signed = await sign_in(web)
    assert (signed.status_code, signed.headers["location"]) == (303, "/projects")
    cookie = signed.headers["set-cookie"]
    assert cookie.startswith("gc_session=") and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Secure" not in cookie  # plain http (the local run); see the https test
    assert "access-1" not in cookie and "Иванов" not in cookie  # encrypted

    page = await web.get("/projects")
    assert page.status_code == 200 and "Иванов Пётр" in page.text and "ООО «МолПром»" in page.text
    assert backends.called("projects", "GET", "/projects")[-1].headers["authorization"] == "Bearer access-1"


async def test_over_https_the_cookie_is_secure(backends: Backends) -> None:
    app = build_app(settings(), transport=httpx.MockTransport(backends))
    async with app.router.lifespan_context(app), httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="https://web.test") as client:
        assert "Secure" in (await sign_in(client)).headers["set-cookie"]


async def test_a_wrong_password_is_said_on_the_form_and_keeps_the_email(web: httpx.AsyncClient) -> None:
    token = csrf_of((await web.get("/login")).text)
    answer = await web.post("/login", data={"email": "investor@example.ru", "password": "wrong", "csrf_token": token})
    assert answer.status_code == 422
    assert "Неверный e-mail или пароль" in answer.text
    assert 'value="investor@example.ru"' in answer.text and 'value="wrong"' not in answer.text


async def test_after_signing_in_only_a_path_of_this_site_is_followed(web: httpx.AsyncClient) -> None:
    token = csrf_of((await web.get("/login")).text)
    answer = await web.post("/login", data={"email": "i@example.ru", "password": "right-password",
                                            "csrf_token": token, "next": "//evil.example/phish"})
    assert answer.headers["location"] == "/projects"


async def test_a_stranger_is_sent_to_sign_in_and_back(web: httpx.AsyncClient) -> None:
    answer = await web.get("/projects?status=accepted")
    assert (answer.status_code, answer.headers["location"]) == (303, "/login?next=/projects%3Fstatus%3Daccepted")


async def test_an_expiring_access_token_is_renewed_once_for_requests_that_arrive_together(
        web: httpx.AsyncClient, backends: Backends) -> None:
    backends.expires_in = 1  # inside the renewal margin at once
    await sign_in(web)
    pages = await asyncio.gather(*(web.get("/projects") for _ in range(5)))
    assert [page.status_code for page in pages] == [200] * 5
    refreshes = [c for c in backends.called("identity", "POST", "/token") if b"refresh_token" in c.content]
    assert len(refreshes) == 1 and b"refresh_token=refresh-1" in refreshes[0].content
    assert backends.called("projects", "GET", "/projects")[-1].headers["authorization"] == "Bearer access-2"


async def test_a_refused_renewal_ends_the_session(web: httpx.AsyncClient, backends: Backends) -> None:
    backends.expires_in = 1
    await sign_in(web)
    backends.on("identity", "POST", "/token", lambda _r: problem(400, "refresh-token-reused", error="invalid_grant"))
    answer = await web.get("/projects")
    assert (answer.status_code, answer.headers["location"]) == (303, "/login?next=/projects")
    assert (await web.get("/projects")).status_code == 303  # the cookie now holds no session


async def test_signing_out_ends_the_session_at_identity_and_in_the_browser(
        web: httpx.AsyncClient, backends: Backends) -> None:
    backends.on("identity", "POST", "/logout", lambda _r: httpx.Response(204))
    await sign_in(web)
    token = csrf_of((await web.get("/projects")).text)
    answer = await web.post("/logout", data={"csrf_token": token})
    assert answer.headers["location"] == "/"
    assert backends.called("identity", "POST", "/logout")[0].content == b'{"refresh_token":"refresh-1"}'
    assert (await web.get("/projects")).status_code == 303


async def test_a_tampered_cookie_counts_as_no_session(web: httpx.AsyncClient) -> None:
    await sign_in(web)
    value = web.cookies["gc_session"]
    web.cookies.set("gc_session", value[:-6] + "AAAAAA", domain="web.test")
    assert (await web.get("/projects")).status_code == 303
