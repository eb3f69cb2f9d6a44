"""People: one user is a member of one organisation with one or more roles, until deactivated.

Why: the `org`, `org_kind` and `roles` claims of every token come from here, so a user is only
created through `new_user`, which refuses roles that do not fit the organisation. Investors create
themselves with their company (`register_investor`); everyone else joins by invitation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from uuid import UUID

from corridor_contracts.vocabulary import Locale

from .errors import AlreadyDeactivated, InvalidEmail, InvalidUser, NotPermitted, RoleNotAllowed
from .organisations import Organization, OrganizationKind
from .passwords import PasswordHashing, PasswordPolicy
from .roles import MACHINE_ROLES, Permission, Role, ensure_roles_fit, require_permission

# Deliberately loose: the API validates the syntax; this guards the invariant "one address, one form".
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
MAX_EMAIL_LENGTH = 254
MAX_FULL_NAME_LENGTH = 300


@dataclass(frozen=True)
class User:
    id: UUID
    email: str
    full_name: str
    organization_id: UUID
    organization_kind: OrganizationKind
    roles: frozenset[Role]
    password_hash: str | None
    created_at: datetime
    locale: Locale = "ru"
    deactivated_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.deactivated_at is None


def normalise_email(value: str) -> str:
    """The form e-mails are stored, looked up and throttled by: trimmed and lower-case."""
    email = value.strip().lower()
    if len(email) > MAX_EMAIL_LENGTH or not _EMAIL.fullmatch(email):
        raise InvalidEmail(f"{value!r} is not an e-mail address")
    return email


def new_user(*, user_id: UUID, email: str, full_name: str, organization: Organization, roles: Iterable[Role],
             password_hash: str | None, now: datetime, locale: Locale = "ru") -> User:
    roles = _person_roles(roles, organization.kind)
    full_name = full_name.strip()
    if not full_name:
        raise InvalidUser("the full name is empty")
    if len(full_name) > MAX_FULL_NAME_LENGTH:
        raise InvalidUser(f"the full name has more than {MAX_FULL_NAME_LENGTH} characters")
    return User(id=user_id, email=normalise_email(email), full_name=full_name, organization_id=organization.id,
                organization_kind=organization.kind, roles=roles, password_hash=password_hash, created_at=now,
                locale=locale)


def register_investor(*, user_id: UUID, email: str, full_name: str, password: str, company: Organization,
                      hashing: PasswordHashing, policy: PasswordPolicy = PasswordPolicy(),
                      now: datetime, locale: Locale = "ru") -> User:
    """Self-registration: the investor with their company (already built by register_organization)."""
    if company.kind is not OrganizationKind.INVESTOR:
        raise RoleNotAllowed("only an investor company's people register themselves")
    email = normalise_email(email)
    policy.check(password, email=email)
    return new_user(user_id=user_id, email=email, full_name=full_name, organization=company,
                    roles={Role.INVESTOR}, password_hash=hashing.hash(password), now=now, locale=locale)


def change_roles(target: User, roles: Iterable[Role], *, actor: User) -> User:
    """The target with its new set of roles, which must still fit its organisation.

    An administrator cannot take the administrator role from themselves, so the agency never ends
    up with nobody able to administer it by a slip of one person.
    """
    if not actor.active:
        raise NotPermitted("a deactivated user changes nobody's roles")
    require_permission(actor.roles, Permission.CHANGE_ROLES)
    if not target.active:
        raise AlreadyDeactivated("a deactivated user's roles cannot change")
    roles = _person_roles(roles, target.organization_kind)
    if actor.id == target.id and Role.ADMINISTRATOR not in roles:
        raise NotPermitted("administrators cannot take the administrator role from themselves")
    return replace(target, roles=roles)


def _person_roles(roles: Iterable[Role], kind: OrganizationKind) -> frozenset[Role]:
    roles = ensure_roles_fit(roles, kind)
    if roles & MACHINE_ROLES:
        raise RoleNotAllowed("supplier systems sign in as service accounts, not as users")
    return roles
