"""The agency's decision and a request's filing: what the web app sends, and refusals beside fields."""

from __future__ import annotations

import re

import httpx
import pytest

from web_stand_ins import Backends, csrf_of, json_body, problem, sign_in

PROJECT = "33333333-3333-4333-8333-333333333333"
HEAD = {"id": "66666666-6666-4666-8666-666666666666", "email": "head@aerlo.example", "full_name": "Петрова Анна",
        "roles": ["agency_head", "manager"], "organization_id": "77777777-7777-4777-8777-777777777777",
        "organization_kind": "agency"}
SUBMITTED = {"project_id": PROJECT, "status": "submitted", "name": "Завод", "investor_name": "ООО «МолПром»",
             "municipality_code": "41612000", "manager": None, "review_note": None, "submitted_at": None,
             "passport": {}, "progress": {"total": 0, "done": 0, "overdue": 0, "percent": 0}}


MANAGER = {"user_id": "44444444-4444-4444-8444-444444444444", "full_name": "Андреев Илья Петрович",
           "roles": ["manager"], "active": True}
MEMBERS = f"/organizations/{HEAD['organization_id']}/members"


@pytest.fixture
def agency(backends: Backends) -> Backends:
    backends.on("identity", "GET", "/me", HEAD)
    backends.on("identity", "GET", f"/organizations/{HEAD['organization_id']}", {"short_name": "ГКУ «АЭРЛО»"})
    backends.on("identity", "GET", MEMBERS, {"items": [
        {"user_id": HEAD["id"], "full_name": HEAD["full_name"], "roles": HEAD["roles"], "active": True}, MANAGER,
        {"user_id": "55555555-5555-4555-8555-555555555555", "full_name": "Уволенный", "roles": ["manager"],
         "active": False}], "total": 3})
    backends.on("projects", "GET", f"/projects/{PROJECT}", SUBMITTED)
    return backends


async def decide(web: httpx.AsyncClient, **form: str) -> httpx.Response:
    await sign_in(web)
    token = csrf_of((await web.get(f"/projects/{PROJECT}")).text)
    return await web.post(f"/projects/{PROJECT}/decision", data={"csrf_token": token, **form})


async def test_accepting_assigns_the_head_unless_another_manager_is_named(web: httpx.AsyncClient,
                                                                        agency: Backends) -> None:
    agency.on("projects", "POST", f"/projects/{PROJECT}/accept", SUBMITTED | {"status": "accepted"})
    answer = await decide(web, decision="accept", comment="", manager="")
    assert (answer.status_code, answer.headers["location"]) == (303, f"/projects/{PROJECT}")
    assert json_body(agency.called("projects", "POST", f"/projects/{PROJECT}/accept")[0]) == {
        "manager_user_id": HEAD["id"], "comment": None}


def selected_manager(html: str) -> str | None:
    found = re.search(r'<option value="([^"]*)" selected>', html[html.index('id="f-manager"'):])
    return found[1] if found else None


async def test_the_head_chooses_the_manager_from_the_agencys_managers_by_name(web: httpx.AsyncClient,
                                                                             agency: Backends) -> None:
    await sign_in(web)
    page = await web.get(f"/projects/{PROJECT}")
    assert page.status_code == 200
    assert '<label for="f-manager">Руководитель проекта</label>' in page.text
    assert re.search(r'<select id="f-manager" name="manager" aria-describedby="h-manager">', page.text)
    assert f'<option value="{MANAGER["user_id"]}">Андреев Илья Петрович</option>' in page.text
    assert selected_manager(page.text) == HEAD["id"]  # the head manages projects too
    assert "Уволенный" not in page.text and 'id="manager-note"' not in page.text
    asked = agency.called("identity", "GET", MEMBERS)[0]
    assert asked.headers["authorization"] == "Bearer access-1"
    assert (asked.url.params["role"], asked.url.params["offset"]) == ("manager", "0")

    agency.on("projects", "POST", f"/projects/{PROJECT}/accept", SUBMITTED | {"status": "accepted"})
    answer = await web.post(f"/projects/{PROJECT}/decision", data={
        "csrf_token": csrf_of(page.text), "decision": "accept", "comment": "", "manager": MANAGER["user_id"]})
    assert (answer.status_code, answer.headers["location"]) == (303, f"/projects/{PROJECT}")
    assert json_body(agency.called("projects", "POST", f"/projects/{PROJECT}/accept")[0]) == {
        "manager_user_id": MANAGER["user_id"], "comment": None}


@pytest.mark.parametrize("identity_says", [
    lambda _r: problem(403, "forbidden", "Not a member"), lambda _r: problem(404, "not-found", "No such route"),
    lambda _r: httpx.Response(503, json={}), lambda _r: (_ for _ in ()).throw(httpx.ConnectError("down"))])
async def test_without_the_list_the_head_types_an_id_with_a_note_saying_why(
        web: httpx.AsyncClient, agency: Backends, identity_says) -> None:
    agency.on("identity", "GET", MEMBERS, identity_says)
    await sign_in(web)
    page = await web.get(f"/projects/{PROJECT}")
    assert page.status_code == 200
    assert '<p class="note" id="manager-note">Список менеджеров сейчас недоступен' in page.text
    assert '<input id="f-manager" name="manager" value=""' in page.text and '<select id="f-manager"' not in page.text


async def test_a_manager_the_service_refuses_stays_chosen_with_the_refusal_beside_the_list(
        web: httpx.AsyncClient, agency: Backends) -> None:
    stranger = "88888888-8888-4888-8888-888888888888"
    agency.on("projects", "POST", f"/projects/{PROJECT}/accept", lambda _r: problem(
        422, "manager-not-assignable", "That person cannot be assigned", detail=f"User {stranger} is not known"))
    answer = await decide(web, decision="accept", comment="Берём", manager=stranger)
    assert answer.status_code == 422
    assert json_body(agency.called("projects", "POST", f"/projects/{PROJECT}/accept")[0])["manager_user_id"] == stranger
    assert 'id="e-manager">Этого сотрудника нельзя назначить' in answer.text
    assert 'aria-describedby="h-manager e-manager" aria-invalid="true"' in answer.text
    assert selected_manager(answer.text) == stranger and ">Берём</textarea>" in answer.text


async def test_returning_or_declining_needs_a_comment_and_nothing_is_sent_without_one(
        web: httpx.AsyncClient, agency: Backends) -> None:
    answer = await decide(web, decision="return", comment="  ")
    assert answer.status_code == 422 and 'id="e-comment">Напишите комментарий' in answer.text
    assert agency.called("projects", "POST", f"/projects/{PROJECT}/return") == []


async def test_a_manager_id_typed_by_hand_that_the_service_refuses_is_flagged_beside_the_field_as_typed(
        web: httpx.AsyncClient, agency: Backends) -> None:
    agency.on("identity", "GET", MEMBERS, lambda _r: httpx.Response(503, json={}))
    agency.on("projects", "POST", f"/projects/{PROJECT}/accept",
              lambda _r: problem(422, "manager-not-assignable", "That person cannot be assigned"))
    answer = await decide(web, decision="accept", comment="Берём", manager="88888888-8888-4888-8888-888888888888")
    assert answer.status_code == 422
    assert 'id="e-manager">Этого сотрудника нельзя назначить' in answer.text
    assert '<input id="f-manager" name="manager" value="88888888-8888-4888-8888-888888888888"' in answer.text
    assert ">Берём</textarea>" in answer.text and 'id="manager-note"' in answer.text


GRID = {"code": "grid-connection", "name": "ТУ на присоединение", "recipient_kind": "supplier",
        "target_working_days": 7, "active": True,
        "required_documents": [{"code": "site-plan", "title": "План расположения"}],
        "form_fields": [{"code": "max_power_kw", "label": "Мощность, кВт", "type": "number", "required": True},
                        {"code": "rail", "label": "Подъезд", "type": "boolean"}]}


@pytest.fixture
def filing(backends: Backends) -> Backends:
    backends.on("projects", "GET", f"/projects/{PROJECT}", SUBMITTED | {"status": "accepted"})
    backends.on("projects", "GET", f"/projects/{PROJECT}/roadmap", {"tasks": []})
    backends.on("requests", "GET", "/request-types", [GRID])
    return backends


async def test_a_request_is_filed_with_typed_fields_and_its_uploaded_documents(web: httpx.AsyncClient,
                                                                              filing: Backends) -> None:
    document = {"document_id": "99999999-9999-4999-8999-999999999999", "file_name": "plan.pdf", "kind": "site-plan"}
    filing.on("requests", "POST", "/documents", lambda _r: httpx.Response(201, json=document))
    filing.on("requests", "POST", "/requests", lambda _r: httpx.Response(201, json={"request_id": "r-1"}))
    await sign_in(web)
    token = csrf_of((await web.get(f"/requests/new?project_id={PROJECT}&type=grid-connection")).text)
    answer = await web.post("/requests/new", data={
        "csrf_token": token, "project_id": PROJECT, "request_type_code": "grid-connection", "subject": "ТУ 1200 кВт",
        "payload.max_power_kw": "1 200,5", "roadmap_task_id": ""},
        files={"document.site-plan": ("plan.pdf", b"%PDF-1.4", "application/pdf")})
    assert (answer.status_code, answer.headers["location"]) == (303, "/requests/r-1")
    upload = filing.called("requests", "POST", "/documents")[0]
    assert b'name="kind"\r\n\r\nsite-plan' in upload.content and b"%PDF-1.4" in upload.content
    assert json_body(filing.called("requests", "POST", "/requests")[0]) == {
        "project_id": PROJECT, "request_type_code": "grid-connection", "subject": "ТУ 1200 кВт",
        "payload": {"max_power_kw": 1200.5, "rail": False}, "document_ids": [document["document_id"]],
        "roadmap_task_id": None}


async def test_missing_documents_are_flagged_at_their_inputs_and_what_was_uploaded_is_kept(
        web: httpx.AsyncClient, filing: Backends) -> None:
    filing.on("requests", "POST", "/documents", lambda _r: httpx.Response(201, json={
        "document_id": "99999999-9999-4999-8999-999999999999", "file_name": "other.pdf", "kind": None}))
    filing.on("requests", "POST", "/requests", lambda _r: problem(
        422, "missing-documents", missing=[{"code": "site-plan", "title": "План расположения"}]))
    await sign_in(web)
    token = csrf_of((await web.get(f"/requests/new?project_id={PROJECT}&type=grid-connection")).text)
    answer = await web.post("/requests/new", data={
        "csrf_token": token, "project_id": PROJECT, "request_type_code": "grid-connection", "subject": "ТУ",
        "payload.max_power_kw": "200"}, files={"document.other": ("other.pdf", b"%PDF-1.4", "application/pdf")})
    assert answer.status_code == 422
    assert 'id="e-document-site-plan">Приложите этот документ' in answer.text
    assert 'name="uploaded" value="99999999-9999-4999-8999-999999999999||other.pdf"' in answer.text
    assert 'value="200"' in answer.text and 'value="ТУ"' in answer.text


OFFICIAL = {"id": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "email": "official@lenenergo.example",
            "full_name": "Кузнецов Андрей", "roles": ["official"],
            "organization_id": "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", "organization_kind": "supplier"}


def inbox_item(request_id: str, subject: str, due_on: str) -> dict:
    return {"request_id": request_id, "project_id": PROJECT, "subject": subject, "request_type_code": "grid-connection",
            "status": "accepted", "due_on": due_on}


async def test_the_inbox_puts_the_fewest_working_days_left_first_and_says_how_many(
        web: httpx.AsyncClient, backends: Backends) -> None:
    day = 24 * 60
    backends.on("identity", "GET", "/me", OFFICIAL)
    backends.on("identity", "GET", f"/organizations/{OFFICIAL['organization_id']}", {"short_name": "Ленэнерго"})
    backends.on("requests", "GET", "/request-types", [GRID])
    backends.on("requests", "GET", "/inbox", {"items": [inbox_item("r-late", "Просроченное", "2026-03-02"),
                                                        inbox_item("r-calm", "Спокойное", "2026-03-01"),
                                                        inbox_item("r-soon", "Срочное", "2026-03-03")], "total": 3})
    clocks = {"running": [{"request_id": "r-calm", "status": "running", "remaining_working_minutes": 4 * day},
                          {"request_id": "r-soon", "status": "running", "remaining_working_minutes": day // 2}],
              "breached": [{"request_id": "r-late", "status": "breached", "remaining_working_minutes": -2 * day}],
              "paused": []}
    backends.on("sla", "GET", "/clocks", lambda r: httpx.Response(200, json=clocks[r.url.params["status"]]))
    await sign_in(web)
    page = await web.get("/inbox")
    assert page.status_code == 200
    order = [page.text.index(subject) for subject in ("Просроченное", "Срочное", "Спокойное")]
    assert order == sorted(order)
    assert "просрочено на 2 рабочих дня" in page.text and "остался 1 рабочий день" in page.text
    assert "осталось 4 рабочих дня" in page.text
    inbox_call = backends.called("requests", "GET", "/inbox")[0]
    assert inbox_call.url.params.get_list("status") == ["routed", "accepted", "clarification_requested"]


async def test_redirecting_sends_the_organisation_and_reason_and_a_missing_reason_is_flagged(
        web: httpx.AsyncClient, backends: Backends) -> None:
    request_id = "cccccccc-cccc-4ccc-8ccc-cccccccccccc"
    detail = inbox_item(request_id, "ТУ", "2026-03-02") | {
        "viewer": ["recipient"], "history": [], "payload": {}, "recipient_name": "Ленэнерго",
        "recipient_organization_id": OFFICIAL["organization_id"], "registered_at": "2026-02-20T09:00:00+00:00"}
    other = {"id": "dddddddd-dddd-4ddd-8ddd-dddddddddddd", "kind": "supplier", "short_name": "Леноблводоканал",
             "full_name": "ГУП «Леноблводоканал»"}
    backends.on("identity", "GET", "/me", OFFICIAL)
    backends.on("identity", "GET", "/organizations", [other])
    backends.on("requests", "GET", f"/requests/{request_id}", detail)
    backends.on("requests", "POST", f"/requests/{request_id}/redirect", detail | {"status": "routed"})
    await sign_in(web)
    page = await web.get(f"/requests/{request_id}")
    assert "Леноблводоканал" in page.text
    token = csrf_of(page.text)

    unexplained = await web.post(f"/requests/{request_id}/redirect", data={
        "csrf_token": token, "redirect.organization_id": other["id"], "redirect.reason": ""})
    assert unexplained.status_code == 422 and 'id="e-redirect-reason">Заполните это поле' in unexplained.text
    assert backends.called("requests", "POST", f"/requests/{request_id}/redirect") == []

    done = await web.post(f"/requests/{request_id}/redirect", data={
        "csrf_token": token, "redirect.organization_id": other["id"], "redirect.reason": "Вода, не электричество"})
    assert (done.status_code, done.headers["location"]) == (303, f"/requests/{request_id}")
    assert json_body(backends.called("requests", "POST", f"/requests/{request_id}/redirect")[0]) == {
        "organization_id": other["id"], "reason": "Вода, не электричество"}
