"""Use cases of user administration: roles, deactivation, the agency's first administrator, lookups."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from uuid import UUID

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_chassis.messaging.outbox import enqueue
from corridor_identity.adapters.audit_log import AuditLog
from corridor_identity.adapters.credentials import RefreshSessions
from corridor_identity.adapters.directory import Page, Users
from corridor_identity.domain.audit import AuditEvent, AuditEventKind
from corridor_identity.domain.deactivation import deactivate_user
from corridor_identity.domain.roles import Role
from corridor_identity.domain.users import Locale, User, change_roles, new_user
from corridor_identity.service_layer.actors import require_actor
from corridor_identity.service_layer.authority import Authority
from corridor_identity.service_layer.errors import EmailTaken, UnknownUser
from corridor_identity.service_layer.organisations import get_organization
from corridor_identity.service_layer.published_events import user_deactivated, user_registered, user_roles_changed


async def get_user(session: AsyncSession, user_id: UUID) -> User:
    user = await Users(session).get(user_id)
    if user is None:
        raise UnknownUser(f"no user {user_id}")
    return user


async def get_user_by_email(session: AsyncSession, email: str) -> User:
    user = await Users(session).find_by_email(email.strip().lower())
    if user is None:
        raise UnknownUser(f"no user {email}")
    return user


async def find_users(session: AsyncSession, *, organization_id: UUID | None, role: Role | None,
                     active: bool | None, email: str | None, page: Page) -> list[User]:
    return await Users(session).search(organization_id=organization_id, role=role, active=active, email=email,
                                       page=page)


async def change_user_roles(session: AsyncSession, *, actor_id: UUID, user_id: UUID, roles: Iterable[Role],
                            now: datetime) -> User:
    """Replace the user's roles; tokens carry them from the next sign-in or refresh."""
    actor = await require_actor(session, actor_id)
    before = await get_user(session, user_id)
    after = change_roles(before, roles, actor=actor)
    if after.roles == before.roles:
        return before
    await Users(session).replace_roles(after.id, after.roles)
    await enqueue(session, user_roles_changed(after, previous=before, actor_id=actor_id, now=now))
    await AuditLog(session).record(AuditEvent(
        AuditEventKind.ROLES_CHANGED, now, actor=str(actor_id), subject=str(after.id),
        details={"roles": " ".join(sorted(after.roles)), "previous_roles": " ".join(sorted(before.roles))}))
    await session.commit()
    return after


async def deactivate(session: AsyncSession, *, actor_id: UUID, user_id: UUID, reason: str | None,
                     now: datetime) -> User:
    """End the user's access: no sign-in, every refresh session revoked at once."""
    actor = await require_actor(session, actor_id)
    target = await get_user(session, user_id)
    sessions = RefreshSessions(session)
    outcome = deactivate_user(target, actor=actor, sessions=await sessions.families_of(target.id), now=now)
    await Users(session).deactivate(outcome.user, reason=reason)
    for family in outcome.revoked_sessions:
        await sessions.save_revocation(family)
    await enqueue(session, user_deactivated(outcome.user, reason=reason, actor_id=actor_id, now=now))
    await AuditLog(session).record(AuditEvent(
        AuditEventKind.USER_DEACTIVATED, now, actor=str(actor_id), subject=str(target.id),
        details={"revoked_sessions": str(len(outcome.revoked_sessions))}))
    await session.commit()
    return outcome.user


async def create_agency_administrator(session: AsyncSession, *, organization_id: UUID, email: str, full_name: str,
                                      password: str, locale: Locale, authority: Authority, now: datetime) -> User:
    """The agency's first administrator, made from the command line by whoever runs the service.

    Everybody else joins by invitation, which needs an administrator: this is where the chain starts.
    """
    organization = await get_organization(session, organization_id)  # the domain refuses any but the agency
    authority.passwords.check(password, email=email)
    admin = new_user(user_id=uuid.uuid4(), email=email, full_name=full_name, organization=organization,
                     roles={Role.ADMINISTRATOR}, password_hash=authority.hashing.hash(password), now=now,
                     locale=locale)
    await store_user(session, admin, now=now)
    await AuditLog(session).record(AuditEvent(AuditEventKind.USER_REGISTERED, now, subject=str(admin.id),
                                              email=admin.email, details={"via": "command line"}))
    await session.commit()
    return admin


async def store_user(session: AsyncSession, user: User, *, now: datetime) -> None:
    """Save a new user and publish them, in the caller's transaction: one account per e-mail address."""
    users = Users(session)
    if await users.email_taken(user.email):
        raise EmailTaken(f"{user.email} has an account already; sign in instead")
    try:
        await users.add(user)
    except IntegrityError:  # taken by a concurrent request since the check
        raise EmailTaken(f"{user.email} has an account already; sign in instead") from None
    await enqueue(session, user_registered(user, now=now))
