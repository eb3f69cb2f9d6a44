"""Bad input on every write endpoint: the right status and problem type, and nothing written.

Each table row is (what, who, method, path, body, status, problem slug). `who` None sends no token.
Illegal transitions of every step are in test_lifecycle.py; document upload limits in test_documents.py.
"""

from __future__ import annotations

import uuid

PROBLEM = "urn:green-corridor:problem:"
NOWHERE = "00000000-0000-0000-0000-000000000000"


async def expect_all(service, rows, *, unchanged) -> None:
    before = await unchanged()
    for what, who, method, path, body, status, slug in rows:
        headers = service.auth(who) if who is not None else {}
        if isinstance(body, bytes):
            response = await service.client.request(method, path, content=body,
                                                    headers={**headers, "Content-Type": "application/json"})
        else:
            response = await service.client.request(method, path, json=body, headers=headers)
        assert response.status_code == status, f"{what}: {response.status_code} {response.text}"
        assert response.headers["content-type"] == "application/problem+json", what
        assert response.json()["type"] == PROBLEM + slug, f"{what}: {response.text}"
        assert await unchanged() == before, f"{what} wrote something"


async def test_filing_a_request(service, cast, samples) -> None:
    pdf = (await service.upload(cast.investor, samples["pdf"], kind="title-document"))["document_id"]
    theirs = (await service.upload(cast.other_investor, samples["pdf"], kind="title-document"))["document_id"]
    good = {"project_id": str(cast.project_id), "request_type_code": "gpzu", "subject": "ГПЗУ",
            "payload": {"cadastral_number": "47:07:1"}, "document_ids": [pdf]}
    grid = {**good, "request_type_code": "grid-connection", "document_ids": [pdf]}
    i, p = cast.investor, "/requests"
    await expect_all(service, [
        ("not JSON", i, "POST", p, b"{project", 422, "validation-error"),
        ("missing project", i, "POST", p, {k: v for k, v in good.items() if k != "project_id"}, 422,
         "validation-error"),
        ("project not a UUID", i, "POST", p, {**good, "project_id": "42"}, 422, "validation-error"),
        ("type of the wrong type", i, "POST", p, {**good, "request_type_code": 7}, 422, "validation-error"),
        ("empty subject", i, "POST", p, {**good, "subject": "   "}, 422, "validation-error"),
        ("subject too long", i, "POST", p, {**good, "subject": "я" * 501}, 422, "validation-error"),
        ("unknown field", i, "POST", p, {**good, "recipient_organization_id": NOWHERE}, 422, "validation-error"),
        ("nested payload", i, "POST", p, {**good, "payload": {"cadastral_number": {"a": 1}}}, 422,
         "validation-error"),
        ("document ids not UUIDs", i, "POST", p, {**good, "document_ids": ["scan.pdf"]}, 422, "validation-error"),
        ("unknown request type", i, "POST", p, {**good, "request_type_code": "no-such-type"}, 422,
         "unknown-reference"),
        ("payload out of range", i, "POST", p, {**grid, "payload": {"max_power_kw": -5}}, 422, "invalid-payload"),
        ("payload of the wrong type", i, "POST", p, {**grid, "payload": {"max_power_kw": "много"}}, 422,
         "invalid-payload"),
        ("required field missing", i, "POST", p, {**good, "payload": {}}, 422, "invalid-payload"),
        ("required document missing", i, "POST", p, {**good, "document_ids": []}, 422, "missing-documents"),
        ("unknown document", i, "POST", p, {**good, "document_ids": [NOWHERE]}, 422, "unusable-documents"),
        ("someone else's document", i, "POST", p, {**good, "document_ids": [theirs]}, 422, "unusable-documents"),
        ("unknown project", i, "POST", p, {**good, "project_id": str(uuid.uuid4())}, 404, "not-found"),
        ("unknown roadmap task", i, "POST", p, {**good, "roadmap_task_id": NOWHERE}, 422, "unknown-reference"),
        ("another investor's project", cast.other_investor, "POST", p, good, 404, "not-found"),
        ("an official files", cast.official, "POST", p, good, 403, "forbidden"),
        ("a manager files", cast.manager, "POST", p, good, 403, "forbidden"),
        ("no token", None, "POST", p, good, 401, "unauthorized"),
    ], unchanged=service.snapshot)


async def test_every_step_on_a_request(service, cast, samples) -> None:
    routed = (await service.file(cast, samples))["request_id"]
    answered = (await service.file(cast, samples))["request_id"]
    await service.step(cast.official, answered, "accept")
    await service.step(cast.official, answered, "answer", {"text": "готово"})
    accepted = (await service.file(cast, samples))["request_id"]
    await service.step(cast.official, accepted, "accept")
    asked = (await service.file(cast, samples))["request_id"]
    await service.step(cast.official, asked, "accept")
    await service.step(cast.official, asked, "clarification-requests", {"question": "?"})
    theirs = (await service.upload(cast.other_official, samples["pdf"]))["document_id"]
    o, i, m = cast.official, cast.investor, cast.manager
    to_other = {"organization_id": str(cast.other_municipality.organization_id), "reason": "не наше"}

    def r(request_id: str, action: str) -> str:
        return f"/requests/{request_id}/{action}"

    await expect_all(service, [
        ("accept: unknown request", o, "POST", r(NOWHERE, "accept"), None, 404, "not-found"),
        ("accept: malformed id", o, "POST", "/requests/42/accept", None, 422, "validation-error"),
        ("accept: by the investor", i, "POST", r(routed, "accept"), None, 403, "forbidden"),
        ("accept: by another district", cast.other_official, "POST", r(routed, "accept"), None, 404, "not-found"),
        ("accept: bad token", None, "POST", r(routed, "accept"), None, 401, "unauthorized"),

        ("ask: no question", o, "POST", r(accepted, "clarification-requests"), {}, 422, "validation-error"),
        ("ask: empty question", o, "POST", r(accepted, "clarification-requests"), {"question": ""}, 422,
         "validation-error"),
        ("ask: a number", o, "POST", r(accepted, "clarification-requests"), {"question": 5}, 422,
         "validation-error"),
        ("ask: too long", o, "POST", r(accepted, "clarification-requests"), {"question": "?" * 4001}, 422,
         "validation-error"),
        ("ask: by the manager", m, "POST", r(accepted, "clarification-requests"), {"question": "?"}, 403,
         "forbidden"),
        ("ask: unknown request", o, "POST", r(NOWHERE, "clarification-requests"), {"question": "?"}, 404,
         "not-found"),

        ("clarify: no text", i, "POST", r(asked, "clarifications"), {"document_ids": []}, 422, "validation-error"),
        ("clarify: documents not a list", i, "POST", r(asked, "clarifications"), {"text": "a", "document_ids": "x"},
         422, "validation-error"),
        ("clarify: unknown document", i, "POST", r(asked, "clarifications"),
         {"text": "вот", "document_ids": [NOWHERE]}, 422, "unusable-documents"),
        ("clarify: by the official", o, "POST", r(asked, "clarifications"), {"text": "вот"}, 403, "forbidden"),
        ("clarify: by another investor", cast.other_investor, "POST", r(asked, "clarifications"), {"text": "вот"},
         404, "not-found"),

        ("answer: no text", o, "POST", r(accepted, "answer"), {}, 422, "validation-error"),
        ("answer: too long", o, "POST", r(accepted, "answer"), {"text": "ж" * 20001}, 422, "validation-error"),
        ("answer: another body's document", o, "POST", r(accepted, "answer"),
         {"text": "ответ", "document_ids": [theirs]}, 422, "unusable-documents"),
        ("answer: by the investor", i, "POST", r(accepted, "answer"), {"text": "сам себе"}, 403, "forbidden"),
        ("answer: by a supplier", cast.supplier_system, "POST", r(accepted, "answer"), {"text": "x"}, 404,
         "not-found"),

        ("redirect: no reason", o, "POST", r(routed, "redirect"), {"organization_id": to_other["organization_id"]},
         422, "validation-error"),
        ("redirect: id not a UUID", o, "POST", r(routed, "redirect"), {**to_other, "organization_id": "мэрия"}, 422,
         "validation-error"),
        ("redirect: unknown organisation", o, "POST", r(routed, "redirect"), {**to_other, "organization_id": NOWHERE},
         422, "unknown-reference"),
        ("redirect: to an investor", o, "POST", r(routed, "redirect"),
         {**to_other, "organization_id": str(cast.other_investor_org.organization_id)}, 422, "unknown-reference"),
        ("redirect: to itself", o, "POST", r(routed, "redirect"),
         {**to_other, "organization_id": str(cast.municipality.organization_id)}, 422, "invalid-input"),
        ("redirect: by the manager", m, "POST", r(routed, "redirect"), to_other, 403, "forbidden"),
        ("redirect: when answered", o, "POST", r(answered, "redirect"), to_other, 409, "illegal-transition"),

        ("reroute: by the recipient", o, "POST", r(routed, "reroute"), to_other, 403, "forbidden"),
        ("reroute: by another manager", cast.other_manager, "POST", r(routed, "reroute"), to_other, 404,
         "not-found"),
        ("reroute: unknown organisation", m, "POST", r(routed, "reroute"), {**to_other, "organization_id": NOWHERE},
         422, "unknown-reference"),
        ("reroute: reason too long", m, "POST", r(routed, "reroute"), {**to_other, "reason": "!" * 4001}, 422,
         "validation-error"),
        ("reroute: when answered", m, "POST", r(answered, "reroute"), to_other, 409, "illegal-transition"),

        ("withdraw: reason a number", i, "POST", r(routed, "withdraw"), {"reason": 1}, 422, "validation-error"),
        ("withdraw: unknown field", i, "POST", r(routed, "withdraw"), {"why": "так"}, 422, "validation-error"),
        ("withdraw: by the official", o, "POST", r(routed, "withdraw"), None, 403, "forbidden"),
        ("withdraw: by another investor", cast.other_investor, "POST", r(routed, "withdraw"), None, 404,
         "not-found"),

        ("close: by the official", o, "POST", r(answered, "close"), None, 403, "forbidden"),
        ("close: by another manager", cast.other_manager, "POST", r(answered, "close"), None, 404, "not-found"),
        ("close: not answered yet", i, "POST", r(routed, "close"), None, 409, "illegal-transition"),
    ], unchanged=service.snapshot)


async def test_the_catalogue_and_the_routing_rules(service, cast) -> None:
    async def catalogue() -> tuple:
        head = service.auth(cast.agency_head)
        return ((await service.client.get("/request-types", headers=head)).json(),
                (await service.client.get("/routing-rules", headers=head)).json())

    good_type = {"name": "Вопрос по аренде", "recipient_kind": "regional_body", "sla_policy_code": "regional-5wd",
                 "target_working_days": 5}
    field = {"code": "area_ha", "label": "Площадь", "type": "number"}
    step = {"algorithm_code": "land-lease-without-auction", "step": "lease-decision"}
    rule = {"rule_id": "lease", "name": "Аренда → комитет", "recipient": {"by": "short_code", "value": "kugi"}}
    h, t, rr = cast.agency_head, "/request-types/lease-question", "/routing-rules"
    await expect_all(service, [
        ("type: bad code", h, "PUT", "/request-types/Lease Question", good_type, 422, "validation-error"),
        ("type: no name", h, "PUT", t, {k: v for k, v in good_type.items() if k != "name"}, 422, "validation-error"),
        ("type: to investors", h, "PUT", t, {**good_type, "recipient_kind": "investor"}, 422, "validation-error"),
        ("type: unknown kind", h, "PUT", t, {**good_type, "recipient_kind": "church"}, 422, "validation-error"),
        ("type: zero days", h, "PUT", t, {**good_type, "target_working_days": 0}, 422, "validation-error"),
        ("type: 61 days", h, "PUT", t, {**good_type, "target_working_days": 61}, 422, "validation-error"),
        ("type: days as text", h, "PUT", t, {**good_type, "target_working_days": "пять"}, 422, "validation-error"),
        ("type: unknown field type", h, "PUT", t, {**good_type, "form_fields": [{**field, "type": "date"}]}, 422,
         "validation-error"),
        ("type: field twice", h, "PUT", t, {**good_type, "form_fields": [field, field]}, 422,
         "invalid-request-type"),
        ("type: minimum above maximum", h, "PUT", t,
         {**good_type, "form_fields": [{**field, "minimum": 10, "maximum": 1}]}, 422, "invalid-request-type"),
        ("type: unknown property", h, "PUT", t, {**good_type, "colour": "green"}, 422, "validation-error"),
        ("type: steps named both ways", h, "PUT", t, {**good_type, "roadmap_step": step, "roadmap_steps": [step]},
         422, "validation-error"),
        ("type: step without its algorithm", h, "PUT", t, {**good_type, "roadmap_steps": [{"step": "issue"}]}, 422,
         "validation-error"),
        ("type: step twice", h, "PUT", t, {**good_type, "roadmap_steps": [step, step]}, 422, "invalid-request-type"),
        ("type: by an investor", cast.investor, "PUT", t, good_type, 403, "forbidden"),
        ("type: by an official", cast.official, "PUT", t, good_type, 403, "forbidden"),
        ("type: no token", None, "PUT", t, good_type, 401, "unauthorized"),

        ("rules: no list", h, "PUT", rr, {}, 422, "validation-error"),
        ("rules: same id twice", h, "PUT", rr, {"rules": [rule, rule]}, 422, "invalid-routing-rules"),
        ("rules: unknown operator", h, "PUT", rr,
         {"rules": [{**rule, "conditions": [{"field": "area_ha", "op": "like", "value": 1}]}]}, 422,
         "validation-error"),
        ("rules: 'in' without a list", h, "PUT", rr,
         {"rules": [{**rule, "conditions": [{"field": "area_ha", "op": "in", "value": 1}]}]}, 422,
         "invalid-routing-rules"),
        ("rules: unknown recipient selector", h, "PUT", rr, {"rules": [{**rule, "recipient": {"by": "magic"}}]},
         422, "validation-error"),
        ("rules: organisation id not a UUID", h, "PUT", rr,
         {"rules": [{**rule, "recipient": {"by": "organization_id", "value": "kugi"}}]}, 422,
         "invalid-routing-rules"),
        ("rules: too many", h, "PUT", rr, {"rules": [{**rule, "rule_id": f"r{n}"} for n in range(501)]}, 422,
         "validation-error"),
        ("rules: by an official", cast.official, "PUT", rr, {"rules": [rule]}, 403, "forbidden"),
        ("rules: read by an investor", cast.investor, "GET", rr, None, 403, "forbidden"),

        ("explain: unknown type", h, "POST", f"{rr}/explain",
         {"request_type_code": "nothing", "municipality_code": "x"}, 422, "unknown-reference"),
        ("explain: invalid form", h, "POST", f"{rr}/explain",
         {"request_type_code": "grid-connection", "municipality_code": "x", "payload": {"max_power_kw": 0}}, 422,
         "invalid-payload"),
        ("explain: by an investor", cast.investor, "POST", f"{rr}/explain",
         {"request_type_code": "gpzu", "municipality_code": "x"}, 403, "forbidden"),
    ], unchanged=catalogue)


async def test_uploads_need_an_organisation(service, cast, samples) -> None:
    nobody = cast.colleague(cast.investor).__class__(uuid.uuid4(), None, ("investor",), None)
    response = await service.client.post("/documents", headers=service.auth(nobody),
                                         files={"file": ("a.pdf", samples["pdf"])})
    assert response.status_code == 403 and response.json()["type"] == PROBLEM + "forbidden"
    assert (await service.snapshot())["documents"] == 0
