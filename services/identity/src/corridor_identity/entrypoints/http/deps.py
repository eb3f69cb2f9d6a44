"""The dependencies every router of identity uses, as Annotated types (one place, as in FastAPI's guides)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Query, Request
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from corridor_chassis.auth import Principal
from corridor_identity.adapters.directory import Page
from corridor_identity.domain.roles import Permission, require_permission, roles_from_claims
from corridor_identity.service_layer.authority import Authority

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class IdentityState:
    """What bootstrap.py hangs on `app.state.identity` for the routers."""

    authority: Authority
    clock: Clock
    sessions: async_sessionmaker[AsyncSession]


def _state(request: Request) -> IdentityState:
    return request.app.state.identity


async def _session(request: Request) -> AsyncIterator[AsyncSession]:
    # Use cases commit what they do; whatever is left uncommitted (a failed request) rolls back here.
    async with _state(request).sessions() as session:
        yield session


def _now(request: Request) -> datetime:
    return _state(request).clock()


def _authority(request: Request) -> Authority:
    return _state(request).authority


def _client_ip(request: Request) -> str:
    # Behind a proxy, run uvicorn with --proxy-headers so that this is the client's address.
    return request.client.host if request.client else "unknown"


def _page(limit: Annotated[int, Query(ge=1, le=500)] = 50, offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> Page:
    return Page(limit=limit, offset=offset)


Session = Annotated[AsyncSession, Depends(_session)]
Now = Annotated[datetime, Depends(_now)]
CurrentAuthority = Annotated[Authority, Depends(_authority)]
ClientIp = Annotated[str, Depends(_client_ip)]
Paging = Annotated[Page, Depends(_page)]


def permit(principal: Principal, permission: Permission) -> None:
    """Authorise from the token's roles; raises NotPermitted (403)."""
    require_permission(roles_from_claims(principal.roles), permission)
