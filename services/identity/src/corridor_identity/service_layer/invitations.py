"""Use cases of invitations: an administrator invites staff or officials, the invitee accepts."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from corridor_identity.adapters.audit_log import AuditLog
from corridor_identity.adapters.credentials import Invitations
from corridor_identity.adapters.directory import Users
from corridor_identity.domain.audit import AuditEvent, AuditEventKind
from corridor_identity.domain.errors import InvalidInvitation
from corridor_identity.domain.invitations import InvitationSent, accept_invitation, invite
from corridor_identity.domain.opaque_tokens import hash_opaque_token
from corridor_identity.domain.roles import Role
from corridor_identity.domain.users import Locale, User
from corridor_identity.service_layer.actors import require_actor
from corridor_identity.service_layer.authority import Authority
from corridor_identity.service_layer.errors import EmailTaken
from corridor_identity.service_layer.organisations import get_organization
from corridor_identity.service_layer.users import store_user


async def invite_member(session: AsyncSession, *, actor_id: UUID, email: str, organization_id: UUID,
                        roles: Iterable[Role], authority: Authority, now: datetime) -> InvitationSent:
    """The invitation and its one-time link token, which only the caller ever sees."""
    inviter = await require_actor(session, actor_id)
    organization = await get_organization(session, organization_id)
    sent = invite(invitation_id=uuid.uuid4(), email=email, organization=organization, roles=roles,
                  inviter=inviter, now=now, ttl=authority.invitation_ttl)
    if await Users(session).email_taken(sent.invitation.email):
        raise EmailTaken(f"{sent.invitation.email} has an account already")
    await Invitations(session).add(sent.invitation)
    await AuditLog(session).record(AuditEvent(
        AuditEventKind.INVITATION_SENT, now, actor=str(actor_id), subject=str(sent.invitation.id),
        email=sent.invitation.email, details={"organization_id": str(organization_id),
                                              "roles": " ".join(sorted(sent.invitation.roles))}))
    await session.commit()
    return sent


async def accept(session: AsyncSession, *, raw_token: str, full_name: str, password: str, locale: Locale,
                 authority: Authority, now: datetime) -> User:
    invitations = Invitations(session)
    invitation = await invitations.find_by_token_hash(hash_opaque_token(raw_token))
    if invitation is None:
        raise InvalidInvitation()
    organization = await get_organization(session, invitation.organization_id)
    accepted = accept_invitation(invitation, raw_token=raw_token, user_id=uuid.uuid4(), full_name=full_name,
                                 password=password, organization=organization, hashing=authority.hashing,
                                 policy=authority.passwords, now=now, locale=locale)
    user = accepted.user
    if not await invitations.mark_accepted(accepted.invitation):
        raise InvalidInvitation("the invitation was already used")
    await store_user(session, user, now=now)
    await AuditLog(session).record(AuditEvent(AuditEventKind.INVITATION_ACCEPTED, now, actor=str(user.id),
                                              subject=str(invitation.id), email=user.email))
    await session.commit()
    return user
