"""Pages: the language, messages beside the fields they concern, roles, and failing services."""

from __future__ import annotations

import httpx

from web_stand_ins import Backends, csrf_of, json_body, problem, sign_in


async def test_russian_by_default_english_by_choice_and_the_choice_is_remembered(web: httpx.AsyncClient) -> None:
    russian = await web.get("/login")
    assert '<html lang="ru">' in russian.text and "Вход в кабинет" in russian.text
    english = await web.get("/login?lang=en")
    assert '<html lang="en">' in english.text and "Sign in" in english.text
    assert "gc_lang=en" in english.headers["set-cookie"]
    assert '<html lang="en">' in (await web.get("/register")).text
    assert '<html lang="en">' in (await web.get("/register?lang=xx")).text  # unknown: keep the choice
    assert '<html lang="ru">' in (await web.get("/register?lang=ru")).text


async def test_a_refused_registration_shows_the_message_beside_the_field_and_keeps_what_was_typed(
        web: httpx.AsyncClient, backends: Backends) -> None:
    backends.on("identity", "POST", "/registrations/investor",
                lambda _r: problem(422, "invalid-inn", "The INN is not valid", detail="check digit"))
    token = csrf_of((await web.get("/register")).text)
    typed = {"company.full_name": "ООО «МолПром»", "company.inn": "7707083894", "company.ogrn": "1027700132195",
             "person.full_name": "Иванов Пётр", "person.email": "investor@example.ru",
             "person.password": "a-long-password", "person.password_again": "a-long-password", "csrf_token": token}
    answer = await web.post("/register", data=typed)
    assert answer.status_code == 422
    assert 'id="e-company-inn">ИНН указан неверно' in answer.text
    assert 'aria-invalid="true"' in answer.text and 'aria-describedby="h-company-inn e-company-inn"' in answer.text
    for value in ("ООО «МолПром»", "7707083894", "1027700132195", "Иванов Пётр", "investor@example.ru"):
        assert f'value="{value}"' in answer.text.replace("&#34;", '"')
    assert "a-long-password" not in answer.text  # passwords are never sent back


async def test_the_web_app_checks_what_it_can_before_asking_identity(web: httpx.AsyncClient,
                                                                     backends: Backends) -> None:
    token = csrf_of((await web.get("/register")).text)
    answer = await web.post("/register", data={"company.full_name": "", "person.password": "one-password",
                                               "person.password_again": "another", "csrf_token": token})
    assert answer.status_code == 422
    assert 'id="e-company-full_name">Заполните это поле' in answer.text
    assert 'id="e-person-password_again">Пароли не совпадают' in answer.text
    assert backends.called("identity", "POST", "/registrations/investor") == []


async def test_a_passport_refused_by_the_service_points_at_the_row_the_person_typed(
        web: httpx.AsyncClient, backends: Backends) -> None:
    project = {"project_id": "33333333-3333-4333-8333-333333333333", "status": "draft", "name": "Завод",
               "passport": {}, "review_note": None}
    backends.on("projects", "GET", f"/projects/{project['project_id']}", project)
    backends.on("projects", "PUT", f"/projects/{project['project_id']}/passport", lambda _r: problem(
        422, "validation-error", errors=[{"loc": ["body", "investment", 0, "year"], "msg": "too small",
                                          "type": "greater_than_equal"}]))
    await sign_in(web)
    form = await web.get(f"/projects/{project['project_id']}/passport")
    answer = await web.post(f"/projects/{project['project_id']}/passport", data={
        "csrf_token": csrf_of(form.text), "action": "save", "project.name": "Завод",
        "investment.0.year": "", "investment.0.own_rub": "", "investment.0.borrowed_rub": "",
        "investment.1.year": "1990", "investment.1.own_rub": "5", "investment.1.borrowed_rub": ""})
    assert answer.status_code == 422
    assert 'id="e-investment-1-year">Значение слишком маленькое' in answer.text
    assert 'value="1990"' in answer.text and 'value="Завод"' in answer.text
    sent = json_body(backends.called("projects", "PUT", f"/projects/{project['project_id']}/passport")[0])
    assert sent == {"project": {"name": "Завод"}, "investment": [{"year": 1990, "own_rub": 5}]}


async def test_a_number_typed_in_words_is_refused_without_bothering_the_service(
        web: httpx.AsyncClient, backends: Backends) -> None:
    await sign_in(web)
    form = await web.get("/projects/new")
    answer = await web.post("/projects/new", data={"csrf_token": csrf_of(form.text), "action": "save",
                                                   "utilities.electric_power_kw": "много", "project.name": "Завод"})
    assert answer.status_code == 422 and 'id="e-utilities-electric_power_kw">Введите число' in answer.text
    assert 'value="много"' in answer.text
    assert backends.called("projects", "POST", "/projects") == []


async def test_a_cabinet_of_another_role_is_not_shown(web: httpx.AsyncClient) -> None:
    await sign_in(web)
    for path in ("/inbox", "/dashboard", "/projects/00000000-0000-4000-8000-000000000000/roadmap"):
        answer = await web.get(path)
        assert answer.status_code == 403 and "Нет доступа" in answer.text, path


async def test_what_a_service_does_not_find_is_a_not_found_page(web: httpx.AsyncClient) -> None:
    await sign_in(web)
    answer = await web.get("/requests/44444444-4444-4444-8444-444444444444")
    assert answer.status_code == 404 and "Не найдено" in answer.text
    assert (await web.get("/requests/not-a-uuid")).status_code == 404
    assert (await web.get("/no/such/page")).status_code == 404


async def test_a_service_that_does_not_answer_is_a_try_again_page_not_a_crash(
        web: httpx.AsyncClient, backends: Backends) -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    await sign_in(web)
    backends.on("projects", "GET", "/projects", down)
    answer = await web.get("/projects")
    assert answer.status_code == 503 and answer.headers["retry-after"] == "5"
    assert "Сервис временно недоступен" in answer.text


async def test_pages_forbid_framing_and_inline_scripts_and_are_not_cached(web: httpx.AsyncClient) -> None:
    answer = await web.get("/login")
    assert "script-src 'self'" in answer.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
    assert answer.headers["cache-control"] == "no-store"
    assert answer.headers["x-content-type-options"] == "nosniff"


async def test_the_notifications_stream_is_relayed_with_the_persons_token(
        web: httpx.AsyncClient, backends: Backends) -> None:
    events = b'event: notification\nid: 7\ndata: {"title": "\xd0\x9e\xd1\x82\xd0\xb2\xd0\xb5\xd1\x82"}\n\n'
    backends.on("notifications", "GET", "/feed/stream",
                lambda _r: httpx.Response(200, content=events, headers={"content-type": "text/event-stream"}))
    await sign_in(web)
    answer = await web.get("/notifications/stream", headers={"Last-Event-ID": "6"})
    assert answer.headers["content-type"].startswith("text/event-stream")
    assert answer.content == events
    upstream = backends.called("notifications", "GET", "/feed/stream")[0]
    assert upstream.headers["authorization"] == "Bearer access-1" and upstream.headers["last-event-id"] == "6"


async def test_without_a_session_the_stream_answers_401_so_the_browser_stops(web: httpx.AsyncClient) -> None:
    assert (await web.get("/notifications/stream")).status_code == 401


async def test_a_document_is_fetched_with_the_persons_token_and_kept_out_of_caches(
        web: httpx.AsyncClient, backends: Backends) -> None:
    document = "55555555-5555-4555-8555-555555555555"
    backends.on("requests", "GET", f"/documents/{document}/content", lambda _r: httpx.Response(
        200, content=b"%PDF-1.4", headers={"content-type": "application/pdf",
                                           "content-disposition": "attachment; filename*=UTF-8''tu.pdf"}))
    await sign_in(web)
    answer = await web.get(f"/documents/{document}")
    assert answer.content == b"%PDF-1.4" and answer.headers["content-type"] == "application/pdf"
    assert answer.headers["content-disposition"].endswith("tu.pdf")
    assert answer.headers["cache-control"] == "private, no-store"


async def test_health_and_readiness(web: httpx.AsyncClient, backends: Backends) -> None:
    assert (await web.get("/healthz")).json() == {"status": "ok", "service": "web"}
    not_ready = await web.get("/readyz")
    assert not_ready.status_code == 503 and not_ready.json()["checks"]["identity"] is False
    for service in ("identity", "projects", "requests", "sla", "notifications"):
        backends.on(service, "GET", "/healthz", {"status": "ok"})
    assert (await web.get("/readyz")).status_code == 200
