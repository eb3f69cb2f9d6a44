"""Who is acting: the user behind an access token, as the store knows them now.

Why: an access token lives ten minutes, and its roles may be out of date by then. Identity's own
administrative use cases therefore re-read the actor, so an administrator who was deactivated or
lost the role a minute ago can no longer act, whatever their token still says.
"""

from __future__ import annotations

from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from corridor_identity.adapters.credentials import ServiceAccounts
from corridor_identity.adapters.directory import Users
from corridor_identity.domain.errors import NotPermitted
from corridor_identity.domain.service_accounts import ServiceAccount
from corridor_identity.domain.users import User
from corridor_identity.service_layer.errors import UnknownUser


async def require_actor(session: AsyncSession, actor_id: UUID) -> User:
    actor = await Users(session).get(actor_id)
    if actor is None or not actor.active:
        raise NotPermitted("only an active user of the directory may do this")
    return actor


async def whoami(session: AsyncSession, subject: UUID, *, service_account: bool) -> User | ServiceAccount:
    """The person or supplier system a valid token names (deactivated ones included: the token says so)."""
    found = await (ServiceAccounts(session).get(subject) if service_account else Users(session).get(subject))
    if found is None:
        raise UnknownUser(f"the token's subject {subject} is not in this directory")
    return found
