"""People: one user is a member of one organisation with one or more roles, until deactivated.

Why: the `org`, `org_kind` and `roles` claims of every token come from here, so a user is only
created through `new_user`, which refuses roles that do not fit the organisation. Investors create
themselves with their company (`register_investor`); everyone else joins by invitation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from .errors import InvalidEmail, InvalidUser, RoleNotAllowed
from .organisations import Organization, OrganizationKind
from .passwords import PasswordHashing, PasswordPolicy
from .roles import MACHINE_ROLES, Role, ensure_roles_fit

# Deliberately loose: the API validates the syntax; this guards the invariant "one address, one form".
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
MAX_EMAIL_LENGTH = 254


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
             password_hash: str | None, now: datetime) -> User:
    roles = ensure_roles_fit(roles, organization.kind)
    if roles & MACHINE_ROLES:
        raise RoleNotAllowed("supplier systems sign in as service accounts, not as users")
    full_name = full_name.strip()
    if not full_name:
        raise InvalidUser("the full name is empty")
    return User(id=user_id, email=normalise_email(email), full_name=full_name, organization_id=organization.id,
                organization_kind=organization.kind, roles=roles, password_hash=password_hash, created_at=now)


def register_investor(*, user_id: UUID, email: str, full_name: str, password: str, company: Organization,
                      hashing: PasswordHashing, policy: PasswordPolicy = PasswordPolicy(),
                      now: datetime) -> User:
    """Self-registration: the investor with their company (already built by register_organization)."""
    if company.kind is not OrganizationKind.INVESTOR:
        raise RoleNotAllowed("only an investor company's people register themselves")
    email = normalise_email(email)
    policy.check(password, email=email)
    return new_user(user_id=user_id, email=email, full_name=full_name, organization=company,
                    roles={Role.INVESTOR}, password_hash=hashing.hash(password), now=now)
