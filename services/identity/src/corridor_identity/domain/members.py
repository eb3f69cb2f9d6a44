"""Who may list an organisation's members, and how much of them they see.

Why: agency staff pick a colleague (the manager who will curate a project) and officials see who
else answers for their body, so colleagues may list colleagues. E-mail addresses and deactivated
accounts are personal data the administrators keep, so only administrators see those, and only
they may list any organisation's members.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from .errors import NotPermitted
from .roles import Permission, has_permission
from .users import User


@dataclass(frozen=True)
class MemberListing:
    """What the actor is shown: whether e-mails, whether deactivated members too."""

    with_emails: bool
    include_inactive: bool


def member_listing(actor: User, organization_id: UUID, *, include_inactive: bool) -> MemberListing:
    if not actor.active:
        raise NotPermitted("a deactivated user lists nobody")
    if has_permission(actor.roles, Permission.READ_USERS):
        return MemberListing(with_emails=True, include_inactive=include_inactive)
    if actor.organization_id != organization_id or not has_permission(actor.roles, Permission.READ_COLLEAGUES):
        raise NotPermitted("only administrators, and the staff or officials of this organisation, list its members")
    if include_inactive:
        raise NotPermitted("only administrators list deactivated members")
    return MemberListing(with_emails=False, include_inactive=False)
