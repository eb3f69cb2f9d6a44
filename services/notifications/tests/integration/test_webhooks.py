"""Webhooks: organisations register endpoints; deliveries are signed, and the documented receiver check
accepts them and rejects a tampered, stale or replayed one."""

from __future__ import annotations

import json
import uuid

import httpx
import pytest

from corridor_chassis.messaging.tables import outbox
from corridor_contracts import OrganizationKind, Role
from corridor_notifications.adapters.tables import notification, notification_intent, webhook
from corridor_notifications.domain.signatures import signed_headers

from ..examples import new_id, request_routed, user
from .conftest import eventually

pytestmark = pytest.mark.kafka  # and PostgreSQL, through `database_url`

PROBLEM = "urn:green-corridor:problem:"


def supplier_system(service, organization_id: uuid.UUID) -> dict[str, str]:
    return service.auth(roles=["supplier_system"], organization_id=organization_id, organization_kind="supplier",
                        service_account=True)


async def test_a_delivery_is_signed_and_a_tampered_stale_or_replayed_copy_is_rejected(service, receiver) -> None:
    supplier, investor_org, project, request = new_id(), new_id(), new_id(), new_id()
    registered = await service.client.post("/webhooks", headers=supplier_system(service, supplier), json={
        "url": receiver.url, "event_kinds": ["request-routed", "sla-warning"]})
    assert registered.status_code == 201
    created = registered.json()
    assert created["secret"].startswith("whsec_") and created["organization_id"] == str(supplier)
    receiver.secret, receiver.clock = created["secret"], service.clock

    # The supplier's people are service accounts only: nobody to e-mail, but its system hears of it.
    routed = await service.publish(request_routed(request, project, investor=investor_org, recipient=supplier))
    await eventually(lambda: _processed(receiver), what="webhook processed")
    await eventually(lambda: _recorded_delivered(service, routed.id), what="delivery recorded")
    [payload] = receiver.processed
    assert payload["type"] == "request-routed" and payload["organization_id"] == str(supplier)
    assert payload["data"]["request_id"] == str(request) and payload["cause"]["id"] == routed.id
    assert payload["link"] == f"http://127.0.0.1:8080/requests/{request}"
    [row] = await service.rows(notification, notification.c.cause_event_id == routed.id)
    assert (row.channel, row.status, str(row.webhook_id)) == ("webhook", "delivered", created["id"])
    assert payload["id"] == str(row.notification_id)
    [event] = await service.rows(outbox, outbox.c.key == str(row.notification_id))
    assert json.loads(event.value)["webhook_id"] == created["id"]

    headers, body = receiver.received[0]
    forward = {name: headers[name] for name in ("webhook-id", "webhook-timestamp", "webhook-signature")}
    async with httpx.AsyncClient() as attacker:
        tampered = await attacker.post(receiver.url, content=body.replace(str(request).encode(),
                                                                          str(new_id()).encode()), headers=forward)
        replayed = await attacker.post(receiver.url, content=body, headers=forward)
        old = int(service.clock().timestamp()) - 600
        stale = await attacker.post(receiver.url, content=body, headers=signed_headers(
            created["secret"], webhook_id=str(new_id()), timestamp=old, body=body))
    assert tampered.status_code == 401 and stale.status_code == 401
    assert replayed.json() == {"status": "duplicate, not processed again"}
    assert receiver.rejected == ["bad-signature", "replayed", "stale-timestamp"]
    assert len(receiver.processed) == 1


async def test_only_subscribed_kinds_go_to_a_webhook_and_deleted_ones_get_nothing(service, receiver) -> None:
    body, investor_org, project = new_id(), new_id(), new_id()
    official = user(body, roles=(Role.OFFICIAL,), kind=OrganizationKind.REGIONAL_BODY)
    warnings_only = await service.client.post("/webhooks", headers=service.auth(official), json={
        "url": receiver.url, "event_kinds": ["sla-warning"]})
    deleted = await service.client.post("/webhooks", headers=service.auth(official), json={
        "url": receiver.url, "event_kinds": ["request-routed"]})
    assert (await service.client.delete(f"/webhooks/{deleted.json()['id']}", headers=service.auth(official))
            ).status_code == 204
    routed = await service.publish(request_routed(new_id(), project, investor=investor_org, recipient=body))
    await eventually(lambda: _intent_seen(service, routed.id), what="routing seen")
    assert await service.count(notification, notification.c.cause_event_id == routed.id) == 0
    assert receiver.received == [] and warnings_only.status_code == 201


async def test_webhook_endpoints_refuse_bad_input_and_write_nothing(service) -> None:
    org, other = new_id(), new_id()
    official = service.auth(roles=["official"], organization_id=org, organization_kind="regional_body")
    valid = {"url": "https://hooks.example.ru/corridor", "event_kinds": ["request-routed"]}
    cases = [
        (official, {**valid, "url": 42}, 422, "validation-error"),
        (official, {"event_kinds": ["request-routed"]}, 422, "validation-error"),
        (official, {**valid, "event_kinds": []}, 422, "validation-error"),
        (official, {**valid, "event_kinds": ["everything"]}, 422, "validation-error"),
        (official, {**valid, "url": "x" * 2001}, 422, "validation-error"),
        (official, {**valid, "secret": "mine"}, 422, "validation-error"),
        (official, {**valid, "url": "ftp://hooks.example.ru/x"}, 422, "invalid-webhook-url"),
        (official, {**valid, "url": "hooks.example.ru/x"}, 422, "invalid-webhook-url"),
        (official, {**valid, "url": "https://user:pw@hooks.example.ru/x"}, 422, "invalid-webhook-url"),
        (official, {**valid, "organization_id": str(other)}, 403, "not-your-organization"),
        (official, {**valid, "organization_id": "the-ministry"}, 422, "validation-error"),
        (service.auth(roles=["investor"], organization_id=org), valid, 403, "forbidden"),
        (service.auth(roles=["administrator"], organization_id=new_id()), valid, 422, "organization-required"),
        ({}, valid, 401, "unauthorized"),
    ]
    for headers, body, status, slug in cases:
        response = await service.client.post("/webhooks", headers=headers, json=body)
        assert (response.status_code, response.json()["type"]) == (status, f"{PROBLEM}{slug}"), body
    assert await service.count(webhook) == 0

    mine = (await service.client.post("/webhooks", headers=official, json=valid)).json()
    admin = service.auth(roles=["administrator"], organization_id=new_id())
    theirs = (await service.client.post("/webhooks", headers=admin, json={**valid, "organization_id": str(other)})).json()
    listed = (await service.client.get("/webhooks", headers=official)).json()
    assert [hook["id"] for hook in listed] == [mine["id"]] and "secret" not in listed[0]
    assert {hook["id"] for hook in (await service.client.get("/webhooks", headers=admin)).json()} == {
        mine["id"], theirs["id"]}
    assert [hook["id"] for hook in (await service.client.get(
        "/webhooks", params={"organization_id": str(other)}, headers=admin)).json()] == [theirs["id"]]
    peeking = await service.client.get("/webhooks", params={"organization_id": str(other)}, headers=official)
    assert peeking.status_code == 403
    for method in ("GET", "DELETE"):
        foreign = await service.client.request(method, f"/webhooks/{theirs['id']}", headers=official)
        assert (foreign.status_code, foreign.json()["type"]) == (404, f"{PROBLEM}webhook-not-found")
        unknown = await service.client.request(method, f"/webhooks/{uuid.uuid4()}", headers=official)
        assert unknown.status_code == 404
        assert (await service.client.request(method, "/webhooks/42", headers=official)).status_code == 422
    assert (await service.client.get(f"/webhooks/{mine['id']}", headers=official)).json()["url"] == valid["url"]
    assert (await service.client.delete(f"/webhooks/{mine['id']}", headers=official)).status_code == 204
    again = await service.client.delete(f"/webhooks/{mine['id']}", headers=official)
    assert (again.status_code, again.json()["type"]) == (404, f"{PROBLEM}webhook-not-found")
    assert await service.count(webhook, webhook.c.deleted_at.is_(None)) == 1


async def _processed(receiver) -> bool:
    return len(receiver.processed) == 1


async def _recorded_delivered(service, cause_event_id: str) -> bool:
    return await service.count(notification, notification.c.cause_event_id == cause_event_id,
                               notification.c.status == "delivered") == 1


async def _intent_seen(service, cause_event_id: str) -> bool:
    return await service.count(notification_intent, notification_intent.c.cause_event_id == cause_event_id) == 1
