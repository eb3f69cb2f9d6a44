"""A failing endpoint is retried with exponential backoff and jitter, then dead-lettered; an operator
lists dead letters, reads the delivery log and replays them."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

import pytest

from corridor_chassis.messaging.tables import outbox
from corridor_notifications.adapters.tables import delivery_attempt, notification

from ..examples import new_id, request_routed
from .conftest import eventually

pytestmark = pytest.mark.kafka  # and PostgreSQL, through `database_url`

PROBLEM = "urn:green-corridor:problem:"
FAILED = "ru.green-corridor.notifications.NotificationFailed.v1"


async def test_a_failing_endpoint_is_retried_with_backoff_then_dead_lettered_and_replayed(
        service, receiver) -> None:
    """Settings of the fixture: 3 attempts, base 60 s; jitter fixed at half the ceiling (random = 0.5)."""
    supplier, project = new_id(), new_id()
    hook = (await service.client.post("/webhooks", json={"url": receiver.url, "event_kinds": ["request-routed"]},
                                      headers=service.auth(roles=["supplier_system"], organization_id=supplier,
                                                           service_account=True))).json()
    receiver.secret, receiver.clock, receiver.failing = hook["secret"], service.clock, True
    routed = await service.publish(request_routed(new_id(), project, investor=new_id(), recipient=supplier))

    await eventually(lambda: _attempts(service, routed.id, 1), what="first attempt")
    [row] = await service.rows(notification, notification.c.cause_event_id == routed.id)
    [first] = await service.rows(delivery_attempt, delivery_attempt.c.notification_id == row.notification_id)
    assert (row.status, first.outcome, first.detail) == ("pending", "failed", f"POST {receiver.url}: HTTP 500")
    assert row.next_attempt_at - first.at == timedelta(seconds=30)  # 0.5 × 60 s

    service.clock.advance(29)
    await eventually(lambda: _claimable_in(service, row.notification_id), what="still waiting")
    assert await service.count(delivery_attempt, delivery_attempt.c.notification_id == row.notification_id) == 1
    service.clock.advance(2)
    await eventually(lambda: _attempts(service, routed.id, 2), what="second attempt")
    [row] = await service.rows(notification, notification.c.notification_id == row.notification_id)
    second = (await service.rows(delivery_attempt, delivery_attempt.c.notification_id == row.notification_id))[-1]
    assert row.next_attempt_at - second.at == timedelta(seconds=60)  # 0.5 × 120 s

    service.clock.advance(61)
    await eventually(lambda: _attempts(service, routed.id, 3), what="third attempt")
    [row] = await service.rows(notification, notification.c.notification_id == row.notification_id)
    assert (row.status, row.next_attempt_at, row.last_error) == (
        "dead_lettered", None, f"POST {receiver.url}: HTTP 500")
    failures = [json.loads(e.value) for e in await service.rows(outbox, outbox.c.event_type == FAILED)]
    assert [(f["attempts"], f["will_retry"]) for f in failures] == [(1, True), (2, True), (3, False)]
    assert len(receiver.received) == 3 and receiver.rejected == []  # each retry verified (same id, fresh time)

    operator = service.auth(roles=["operator"], organization_id=new_id())
    dead = {item["id"]: item for item in (await service.client.get("/dead-letters", headers=operator)).json()["items"]}
    assert dead[str(row.notification_id)]["attempts"] == 3 and dead[str(row.notification_id)]["channel"] == "webhook"

    receiver.failing = False
    replayed = await service.client.post(f"/dead-letters/{row.notification_id}/replay", headers=operator)
    assert replayed.status_code == 200 and replayed.json()["status"] == "pending"
    await eventually(lambda: _processed(receiver), what="processed after the replay")
    await eventually(lambda: _status(service, row.notification_id, "delivered"), what="delivery recorded")
    log = (await service.client.get(f"/notifications/{row.notification_id}/deliveries", headers=operator)).json()
    assert [attempt["outcome"] for attempt in log["attempts"]] == [
        "failed", "failed", "dead_lettered", "replayed", "delivered"]
    assert log["notification"]["status"] == "delivered"
    still_dead = (await service.client.get("/dead-letters", headers=operator)).json()["items"]
    assert str(row.notification_id) not in {item["id"] for item in still_dead}


async def test_dead_letter_endpoints_refuse_the_wrong_people_and_illegal_replays(service, receiver) -> None:
    supplier, project = new_id(), new_id()
    owner = service.auth(roles=["supplier_system"], organization_id=supplier, service_account=True)
    await service.client.post("/webhooks", json={"url": receiver.url, "event_kinds": ["request-routed"]},
                              headers=owner)
    routed = await service.publish(request_routed(new_id(), project, investor=new_id(), recipient=supplier))
    receiver.secret, receiver.clock = "not-the-secret", service.clock  # the receiver rejects; we retry
    await eventually(lambda: _attempts(service, routed.id, 1), what="first attempt")
    [row] = await service.rows(notification, notification.c.cause_event_id == routed.id)
    administrator = service.auth(roles=["administrator"], organization_id=new_id())
    official = service.auth(roles=["official"], organization_id=supplier)

    cases = [
        ("POST", f"/dead-letters/{row.notification_id}/replay", administrator, 409, "not-dead-lettered"),
        ("POST", f"/dead-letters/{uuid.uuid4()}/replay", administrator, 404, "notification-not-found"),
        ("POST", "/dead-letters/nonsense/replay", administrator, 422, "validation-error"),
        ("POST", f"/dead-letters/{row.notification_id}/replay", official, 403, "forbidden"),
        ("POST", f"/dead-letters/{row.notification_id}/replay", {}, 401, "unauthorized"),
        ("GET", "/dead-letters", official, 403, "forbidden"),
        ("GET", "/dead-letters?limit=0", administrator, 422, "validation-error"),
        ("GET", f"/notifications/{row.notification_id}/deliveries", official, 403, "forbidden"),
        ("GET", f"/notifications/{uuid.uuid4()}/deliveries", administrator, 404, "notification-not-found"),
    ]
    for method, path, headers, status, slug in cases:
        response = await service.client.request(method, path, headers=headers)
        assert (response.status_code, response.json()["type"]) == (status, f"{PROBLEM}{slug}"), (method, path)
    assert await service.count(delivery_attempt, delivery_attempt.c.notification_id == row.notification_id,
                               delivery_attempt.c.outcome == "replayed") == 0
    # The account that registered the webhook is who its notifications are addressed to: it reads the log.
    log = await service.client.get(f"/notifications/{row.notification_id}/deliveries", headers=owner)
    assert log.status_code == 200
    assert log.json()["attempts"][0]["detail"] == f"POST {receiver.url}: HTTP 401"


async def test_a_webhook_deleted_while_a_delivery_waits_is_dead_lettered_without_more_retries(
        service, receiver) -> None:
    supplier = new_id()
    owner = service.auth(roles=["supplier_system"], organization_id=supplier, service_account=True)
    hook = (await service.client.post("/webhooks", json={"url": receiver.url, "event_kinds": ["request-routed"]},
                                      headers=owner)).json()
    receiver.secret, receiver.clock, receiver.failing = hook["secret"], service.clock, True
    routed = await service.publish(request_routed(new_id(), new_id(), investor=new_id(), recipient=supplier))
    await eventually(lambda: _attempts(service, routed.id, 1), what="first attempt")
    assert (await service.client.delete(f"/webhooks/{hook['id']}", headers=owner)).status_code == 204

    service.clock.advance(31)
    await eventually(lambda: _attempts(service, routed.id, 2), what="second attempt")
    [row] = await service.rows(notification, notification.c.cause_event_id == routed.id)
    assert (row.status, row.last_error) == ("dead_lettered", "the webhook subscription was deleted")
    assert len(receiver.received) == 1  # nothing was sent to the deleted endpoint


async def _attempts(service, cause_event_id: str, count: int) -> bool:
    rows = await service.rows(notification, notification.c.cause_event_id == cause_event_id)
    return bool(rows) and rows[0].attempts >= count and rows[0].lease_id is None


async def _claimable_in(service, notification_id) -> bool:
    [row] = await service.rows(notification, notification.c.notification_id == notification_id)
    return row.next_attempt_at > service.clock()


async def _status(service, notification_id, status: str) -> bool:
    return await service.count(notification, notification.c.notification_id == notification_id,
                               notification.c.status == status) == 1


async def _processed(receiver) -> bool:
    return len(receiver.processed) == 1
