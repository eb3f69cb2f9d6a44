"""Invitations: how agency staff and officials join — an administrator invites, the person accepts.

Why: nobody can make themselves an official of a body or a manager of the agency; the roles are set
by the administrator in the invitation and the invitee only proves control of the e-mail (the link)
and chooses a password. A link works once and only until it expires.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from uuid import UUID

from .errors import InvalidInvitation, NotPermitted, RoleNotAllowed
from .opaque_tokens import hash_opaque_token, new_opaque_token, opaque_token_matches
from .organisations import Organization
from .passwords import PasswordHashing, PasswordPolicy
from .roles import INVITED_ROLES, Permission, Role, ensure_roles_fit, require_permission
from .users import Locale, User, new_user, normalise_email

INVITATION_TTL = timedelta(days=7)


@dataclass(frozen=True)
class Invitation:
    id: UUID
    email: str
    organization_id: UUID
    roles: frozenset[Role]
    invited_by: UUID
    token_hash: str
    created_at: datetime
    expires_at: datetime
    accepted_at: datetime | None = None


@dataclass(frozen=True)
class InvitationSent:
    invitation: Invitation
    raw_token: str  # only in the e-mailed link; never stored


@dataclass(frozen=True)
class InvitationAccepted:
    invitation: Invitation
    user: User


def invite(*, invitation_id: UUID, email: str, organization: Organization, roles: Iterable[Role],
           inviter: User, now: datetime, ttl: timedelta = INVITATION_TTL) -> InvitationSent:
    if not inviter.active:
        raise NotPermitted("a deactivated user invites nobody")
    require_permission(inviter.roles, Permission.INVITE_USER)
    roles = ensure_roles_fit(roles, organization.kind)
    if not_invited := roles - INVITED_ROLES:
        raise RoleNotAllowed(f"{', '.join(sorted(not_invited))}: investors register themselves and "
                             "supplier systems get service accounts")
    raw_token = new_opaque_token()
    invitation = Invitation(id=invitation_id, email=normalise_email(email), organization_id=organization.id,
                            roles=roles, invited_by=inviter.id, token_hash=hash_opaque_token(raw_token),
                            created_at=now, expires_at=now + ttl)
    return InvitationSent(invitation, raw_token)


def accept_invitation(invitation: Invitation, *, raw_token: str, user_id: UUID, full_name: str, password: str,
                      organization: Organization, hashing: PasswordHashing,
                      policy: PasswordPolicy = PasswordPolicy(), now: datetime,
                      locale: Locale = "ru") -> InvitationAccepted:
    if organization.id != invitation.organization_id:
        raise ValueError("the organisation is not the invitation's")
    if not opaque_token_matches(raw_token, invitation.token_hash):
        raise InvalidInvitation()
    if invitation.accepted_at is not None:
        raise InvalidInvitation("the invitation was already used")
    if now >= invitation.expires_at:
        raise InvalidInvitation("the invitation has expired; ask the administrator for a new one")
    policy.check(password, email=invitation.email)
    user = new_user(user_id=user_id, email=invitation.email, full_name=full_name, organization=organization,
                    roles=invitation.roles, password_hash=hashing.hash(password), now=now, locale=locale)
    return InvitationAccepted(replace(invitation, accepted_at=now), user)
