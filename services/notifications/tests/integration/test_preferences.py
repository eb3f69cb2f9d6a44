"""Preferences switch channels off per kind: e-mail stops, the feed still gets it."""

from __future__ import annotations

import pytest

from corridor_notifications.adapters.tables import notification, preference

from ..examples import new_id, request_answered, request_routed, user
from .conftest import eventually

pytestmark = pytest.mark.kafka  # and PostgreSQL, through `database_url`

PROBLEM = "urn:green-corridor:problem:"


async def test_switching_email_off_stops_email_but_the_feed_still_gets_it(service) -> None:
    investor_org, body, project, request = new_id(), new_id(), new_id(), new_id()
    quiet = (await service.publish(user(investor_org))).data
    default = (await service.publish(user(investor_org))).data
    await service.until_known(quiet, default)

    before = (await service.client.get("/preferences", headers=service.auth(quiet))).json()["preferences"]
    assert {"kind": "request-answered", "channel": "email", "enabled": True} in before
    assert {"kind": "roadmap-published", "channel": "email", "enabled": False} in before
    assert len(before) == 14 * 2
    changed = await service.client.put("/preferences", headers=service.auth(quiet), json={"preferences": [
        {"kind": "request-answered", "channel": "email", "enabled": False}]})
    assert changed.status_code == 200
    assert {"kind": "request-answered", "channel": "email", "enabled": False} in changed.json()["preferences"]
    assert {"kind": "request-answered", "channel": "in_app", "enabled": True} in changed.json()["preferences"]

    await service.publish(request_routed(request, project, investor=investor_org, recipient=body))
    answer = await service.publish(request_answered(request, project, recipient=body))
    await eventually(lambda: _delivered(service, answer.id, 3), what="three deliveries")
    assert service.mail.to(quiet.email) == [] and len(service.mail.to(default.email)) == 1
    feed = (await service.client.get("/feed", headers=service.auth(quiet))).json()
    assert [item["kind"] for item in feed["items"]] == ["request-answered"]
    assert feed["items"][0]["link"] == f"http://127.0.0.1:8080/requests/{request}"
    rows = await service.rows(notification, notification.c.user_id == quiet.user_id)
    assert [row.channel for row in rows] == ["in_app"]


async def test_preferences_refuse_bad_input_and_write_nothing(service) -> None:
    person = user(new_id())
    cases = [
        ({"preferences": [{"kind": "request-answered", "channel": "email", "enabled": "no"}]}, 422),
        ({"preferences": [{"kind": "request-answered", "channel": "email"}]}, 422),
        ({"preferences": [{"kind": "tea-is-ready", "channel": "email", "enabled": False}]}, 422),
        ({"preferences": [{"kind": "request-answered", "channel": "webhook", "enabled": False}]}, 422),
        ({"preferences": [{"kind": "request-answered", "channel": "sms", "enabled": False}]}, 422),
        ({"preferences": []}, 422),
        ({"preferences": "all"}, 422),
        ({"preferences": [{"kind": "request-answered", "channel": "email", "enabled": False, "user_id": "x"}]}, 422),
        ({}, 422),
    ]
    for body, status in cases:
        response = await service.client.put("/preferences", headers=service.auth(person), json=body)
        assert response.status_code == status, body
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["type"] == f"{PROBLEM}validation-error"
    anonymous = await service.client.put("/preferences", json={"preferences": [
        {"kind": "request-answered", "channel": "email", "enabled": False}]})
    assert anonymous.status_code == 401 and anonymous.json()["type"] == f"{PROBLEM}unauthorized"
    forged = await service.client.get("/preferences", headers={"Authorization": "Bearer not-a-token"})
    assert forged.status_code == 401 and forged.json()["type"] == f"{PROBLEM}invalid-token"
    assert await service.count(preference) == 0


async def _delivered(service, cause_event_id: str, count: int) -> bool:
    return await service.count(notification, notification.c.cause_event_id == cause_event_id,
                               notification.c.status == "delivered") >= count
