"""What every router needs, as Annotated dependencies: the caller as an Actor, the wiring, a transaction."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from corridor_chassis.auth import CurrentPrincipal
from corridor_requests.adapters.storage import DocumentStorage
from corridor_requests.domain.access import Actor
from corridor_requests.service_layer.deployment import Deployment

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Wiring:
    """Built once by bootstrap.py and kept on app.state."""

    deployment: Deployment
    storage: DocumentStorage
    clock: Clock
    session_factory: async_sessionmaker[AsyncSession]

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """Commits when the block ends normally, before the response is sent; rolls back on any error."""
        async with self.session_factory() as session, session.begin():
            yield session


def _wiring(request: Request) -> Wiring:
    return request.app.state.wiring


def _actor(principal: CurrentPrincipal) -> Actor:
    return Actor(subject=principal.subject, organization_id=principal.organization_id, roles=principal.roles)


WiringDep = Annotated[Wiring, Depends(_wiring)]
ActorDep = Annotated[Actor, Depends(_actor)]
