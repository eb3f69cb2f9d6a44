"""Dependencies the routers share: the session factory, the injected clock, the feed broadcaster."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from corridor_notifications.adapters.broadcaster import FeedBroadcaster
from corridor_notifications.settings import Settings


def _sessions(request: Request) -> async_sessionmaker[AsyncSession]:
    return request.app.state.runtime.session_factory


def _now(request: Request) -> datetime:
    clock: Callable[[], datetime] = request.app.state.clock
    return clock()


def _settings(request: Request) -> Settings:
    return request.app.state.runtime.settings


def _broadcaster(request: Request) -> FeedBroadcaster:
    return request.app.state.broadcaster


# Routers open their own transaction (`async with sessions() as s, s.begin()`), so it commits before
# the response is sent whatever FastAPI's timing for dependency exits.
Sessions = Annotated[async_sessionmaker[AsyncSession], Depends(_sessions)]
Now = Annotated[datetime, Depends(_now)]
CurrentSettings = Annotated[Settings, Depends(_settings)]
Broadcaster = Annotated[FeedBroadcaster, Depends(_broadcaster)]
