"""The in-app feed: GET /feed, POST /feed/{id}/read, POST /feed/read-all, GET /feed/stream (SSE)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query
from fastapi.sse import EventSourceResponse, ServerSentEvent
from pydantic import BaseModel

from corridor_chassis.auth import CurrentPrincipal
from corridor_notifications.entrypoints.http.deps import Broadcaster, CurrentSettings, Now, Sessions
from corridor_notifications.service_layer import feed

router = APIRouter(prefix="/feed", tags=["feed"])

STREAM_BATCH = 100


class FeedItem(BaseModel):
    id: uuid.UUID
    position: int
    kind: str
    title: str
    body: str
    link: str
    created_at: datetime
    read_at: datetime | None

    @classmethod
    def of(cls, row: Any) -> "FeedItem":
        return cls(id=row.notification_id, position=row.position, kind=row.kind, title=row.subject,
                   body=row.body_text, link=row.link, created_at=row.delivered_at or row.created_at,
                   read_at=row.read_at)


class FeedPage(BaseModel):
    items: list[FeedItem]
    unread: int
    next_before: int | None  # pass as `before` for the next (older) page; null on the last page


class Marked(BaseModel):
    marked: int


@router.get("", summary="My notifications, newest first")
async def list_feed(principal: CurrentPrincipal, sessions: Sessions, unread: bool = False,
                    limit: Annotated[int, Query(ge=1, le=100)] = 20,
                    before: Annotated[int | None, Query(ge=1, le=2**63 - 1)] = None) -> FeedPage:
    async with sessions() as session:
        rows = await feed.list_feed(session, user_id=principal.subject, unread_only=unread, limit=limit, before=before)
        unread_count = await feed.unread_count(session, user_id=principal.subject)
    return FeedPage(items=[FeedItem.of(row) for row in rows], unread=unread_count,
                    next_before=rows[-1].position if len(rows) == limit else None)


@router.post("/read-all", summary="Mark all my notifications read")
async def mark_all_read(principal: CurrentPrincipal, sessions: Sessions, now: Now) -> Marked:
    async with sessions() as session, session.begin():
        return Marked(marked=await feed.mark_all_read(session, user_id=principal.subject, now=now))


@router.post("/{notification_id}/read", summary="Mark one of my notifications read")
async def mark_read(notification_id: uuid.UUID, principal: CurrentPrincipal, sessions: Sessions, now: Now) -> FeedItem:
    async with sessions() as session, session.begin():
        row = await feed.mark_read(session, user_id=principal.subject, notification_id=notification_id, now=now)
    return FeedItem.of(row)


@router.get("/stream", response_class=EventSourceResponse, summary="My notifications as they arrive (SSE)")
async def stream(principal: CurrentPrincipal, sessions: Sessions, settings: CurrentSettings,
                 broadcaster: Broadcaster,
                 last_event_id: Annotated[int | None, Header(ge=0)] = None) -> AsyncIterator[ServerSentEvent]:
    """Each event is `event: notification`, `id: <position>`, `data: <FeedItem JSON>`. A client that
    reconnects with `Last-Event-ID` first gets what it missed; without it the stream starts from now.
    A comment line keeps idle connections open (and the feed is re-read then, for other replicas)."""
    with broadcaster.listen(principal.subject) as bell:
        async with sessions() as session:
            after = last_event_id if last_event_id is not None else await feed.latest_position(
                session, user_id=principal.subject)
        yield ServerSentEvent(comment="connected", retry=3000)
        while True:
            bell.clear()
            async with sessions() as session:
                rows = await feed.feed_after(session, user_id=principal.subject, after=after, limit=STREAM_BATCH)
            for row in rows:
                after = row.position
                yield ServerSentEvent(event="notification", id=str(row.position), data=FeedItem.of(row))
            if len(rows) == STREAM_BATCH:
                continue
            try:
                await asyncio.wait_for(bell.wait(), timeout=settings.feed_keepalive_seconds)
            except TimeoutError:
                yield ServerSentEvent(comment="keep-alive")
