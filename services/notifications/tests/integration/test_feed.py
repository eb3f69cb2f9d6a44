"""The in-app feed: list (newest first, paged, unread filter), mark read, read all, and the live stream."""

from __future__ import annotations

import asyncio
import json
import uuid

import httpx
import pytest
import uvicorn

from corridor_notifications.adapters.tables import notification

from ..examples import clarification_requested, new_id, request_answered, request_routed, user
from .conftest import eventually, free_port

pytestmark = pytest.mark.kafka  # and PostgreSQL, through `database_url`

PROBLEM = "urn:green-corridor:problem:"


async def _two_notifications(service):
    investor_org, body, project, request = new_id(), new_id(), new_id(), new_id()
    investor = (await service.publish(user(investor_org))).data
    await service.until_known(investor)
    await service.publish(request_routed(request, project, investor=investor_org, recipient=body))
    question = await service.publish(clarification_requested(request, project, recipient=body))
    answer = await service.publish(request_answered(request, project, recipient=body))
    await eventually(lambda: _in_feed(service, investor.user_id, 2), what="two feed items")
    return investor, question, answer


async def test_the_feed_lists_my_notifications_newest_first_and_marks_them_read(service) -> None:
    investor, _question, _answer = await _two_notifications(service)
    me = service.auth(investor)

    first = (await service.client.get("/feed", params={"limit": 1}, headers=me)).json()
    assert [item["kind"] for item in first["items"]] == ["request-answered"]
    assert first["unread"] == 2 and first["next_before"] == first["items"][0]["position"]
    second = (await service.client.get("/feed", params={"limit": 1, "before": first["next_before"]}, headers=me)).json()
    assert [item["kind"] for item in second["items"]] == ["clarification-requested"]
    assert second["items"][0]["title"] == "Нужно уточнение по запросу «Градостроительный план земельного участка»"
    assert "Уточните кадастровый номер участка." in second["items"][0]["body"]

    answer_id = first["items"][0]["id"]
    read = await service.client.post(f"/feed/{answer_id}/read", headers=me)
    assert read.status_code == 200 and read.json()["read_at"] is not None
    again = await service.client.post(f"/feed/{answer_id}/read", headers=me)
    assert again.json()["read_at"] == read.json()["read_at"]  # the first reading is what counts
    unread = (await service.client.get("/feed", params={"unread": True}, headers=me)).json()
    assert [item["kind"] for item in unread["items"]] == ["clarification-requested"] and unread["unread"] == 1
    assert unread["next_before"] is None

    stranger = service.auth(user(new_id()))
    someone_elses = await service.client.post(f"/feed/{second['items'][0]['id']}/read", headers=stranger)
    assert someone_elses.status_code == 404
    assert someone_elses.json()["type"] == f"{PROBLEM}notification-not-found"
    assert (await service.client.get("/feed", headers=stranger)).json() == {"items": [], "unread": 0,
                                                                           "next_before": None}
    assert (await service.client.post(f"/feed/{uuid.uuid4()}/read", headers=me)).status_code == 404
    malformed = await service.client.post("/feed/not-an-id/read", headers=me)
    assert malformed.status_code == 422 and malformed.json()["type"] == f"{PROBLEM}validation-error"
    for bad in ({"limit": 0}, {"limit": 101}, {"before": "soon"}, {"unread": "maybe"}):
        assert (await service.client.get("/feed", params=bad, headers=me)).status_code == 422, bad
    assert (await service.client.post(f"/feed/{answer_id}/read")).status_code == 401
    assert await service.count(notification, notification.c.read_at.is_not(None)) == 1

    marked = await service.client.post("/feed/read-all", headers=me)
    assert marked.json() == {"marked": 1}
    assert (await service.client.get("/feed", headers=me)).json()["unread"] == 0


async def test_the_live_stream_delivers_to_a_connected_client_and_resumes_after_a_reconnect(service) -> None:
    investor_org, body, project, request = new_id(), new_id(), new_id(), new_id()
    investor = (await service.publish(user(investor_org))).data
    await service.until_known(investor)
    await service.publish(request_routed(request, project, investor=investor_org, recipient=body))
    server = uvicorn.Server(uvicorn.Config(service.app, host="127.0.0.1", port=free_port(), lifespan="off",
                                           log_level="warning"))
    serving = asyncio.create_task(server.serve())
    try:
        while not server.started:
            await asyncio.sleep(0.02)
        base = f"http://127.0.0.1:{server.config.port}"
        async with httpx.AsyncClient(base_url=base, timeout=10) as client:
            async with client.stream("GET", "/feed/stream", headers=service.auth(investor)) as stream:
                assert stream.status_code == 200
                assert stream.headers["content-type"].startswith("text/event-stream")
                lines = stream.aiter_lines()
                assert await anext(lines) == ": connected"
                answer = await service.publish(request_answered(request, project, recipient=body))
                event = await asyncio.wait_for(_next_event(lines), timeout=15)
                assert event["event"] == "notification"
                item = json.loads(event["data"])
                assert item["kind"] == "request-answered" and event["id"] == str(item["position"])
                assert item["link"] == f"http://127.0.0.1:8080/requests/{request}"
                assert ": keep-alive" in [await asyncio.wait_for(anext(lines), timeout=5) for _ in range(2)]
            assert await service.count(notification, notification.c.cause_event_id == answer.id) == 2

            # A client that lost the connection comes back with the last id it saw and gets what it missed.
            resume = {**service.auth(investor), "Last-Event-ID": str(int(event["id"]) - 1)}
            async with client.stream("GET", "/feed/stream", headers=resume) as stream:
                lines = stream.aiter_lines()
                missed = await asyncio.wait_for(_next_event(lines), timeout=5)
                assert missed["id"] == event["id"]
            await eventually(lambda: _no_listeners(service), timeout=5, what="disconnected streams forgotten")
            bad = await client.get("/feed/stream", headers={**service.auth(investor), "Last-Event-ID": "yesterday"})
            assert bad.status_code == 422
            assert (await client.get("/feed/stream")).status_code == 401
    finally:
        server.should_exit = True
        await serving


async def _next_event(lines) -> dict[str, str]:
    """Read the next SSE event carrying data (fields up to a blank line), skipping comments and `retry:`."""
    fields: dict[str, str] = {}
    async for line in lines:
        if line.startswith(":"):
            continue
        if not line:
            if "data" in fields:
                return fields
            fields = {}
            continue
        name, _, value = line.partition(": ")
        fields[name] = value
    raise AssertionError("the stream ended")


async def _no_listeners(service) -> bool:
    return service.app.state.broadcaster.listeners == 0


async def _in_feed(service, user_id, count: int) -> bool:
    return await service.count(notification, notification.c.user_id == user_id, notification.c.channel == "in_app",
                               notification.c.status == "delivered") >= count
