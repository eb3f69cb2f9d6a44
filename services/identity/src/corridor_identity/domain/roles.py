"""People's roles, the organisations each role belongs to, and what each role may do in identity.

Why: a token's `roles` and `org_kind` claims are only trustworthy if no user can hold a role that
does not fit their organisation (an official of an investor company, a manager outside the agency).
The other services authorise from those claims; the permissions here guard identity's own admin API.
Roles are the contracts' vocabulary, the very strings the other services compare claims with.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from corridor_contracts.vocabulary import OrganizationKind, Role

from .errors import NotPermitted, RoleNotAllowed, RoleWithoutCompanion

__all__ = ["Permission", "Role", "ensure_roles_fit", "has_permission", "require_permission", "roles_from_claims"]

_Kind = OrganizationKind
_BODIES = frozenset({_Kind.REGIONAL_BODY, _Kind.MUNICIPALITY, _Kind.SUPPLIER, _Kind.FEDERAL_BODY})  # ОИВ, ОМСУ, РСО…
ORGANIZATION_KINDS_BY_ROLE: dict[Role, frozenset[OrganizationKind]] = {
    Role.INVESTOR: frozenset({_Kind.INVESTOR}),
    Role.MANAGER: frozenset({_Kind.AGENCY}),
    Role.AGENCY_HEAD: frozenset({_Kind.AGENCY}),
    Role.OFFICIAL: _BODIES,
    Role.ORGANIZATION_HEAD: _BODIES,
    # The agency runs the platform, so its staff operate and administer it.
    Role.OPERATOR: frozenset({_Kind.AGENCY}),
    Role.ADMINISTRATOR: frozenset({_Kind.AGENCY}),
    Role.SUPPLIER_SYSTEM: frozenset({_Kind.SUPPLIER}),
}

SELF_REGISTERING_ROLES = frozenset({Role.INVESTOR})
INVITED_ROLES = frozenset({Role.MANAGER, Role.AGENCY_HEAD, Role.OFFICIAL, Role.ORGANIZATION_HEAD, Role.OPERATOR,
                           Role.ADMINISTRATOR})
MACHINE_ROLES = frozenset({Role.SUPPLIER_SYSTEM})
# A body's head is one of its officials who also answers for the body (the SLA escalation's first level):
# every other service lets them work as an official only because they hold `official` too.
COMPANION_ROLES: dict[Role, Role] = {Role.ORGANIZATION_HEAD: Role.OFFICIAL}


class Permission(StrEnum):
    REGISTER_ORGANIZATION = "register_organization"
    INVITE_USER = "invite_user"
    CHANGE_ROLES = "change_roles"
    DEACTIVATE_USER = "deactivate_user"
    MANAGE_SERVICE_ACCOUNTS = "manage_service_accounts"
    ROTATE_SIGNING_KEYS = "rotate_signing_keys"
    READ_AUDIT_LOG = "read_audit_log"
    READ_DIRECTORY = "read_directory"
    READ_USERS = "read_users"  # people's e-mails and roles: administrators only
    READ_COLLEAGUES = "read_colleagues"  # the names and roles of their own organisation's active members


_STAFF = frozenset({Permission.READ_DIRECTORY, Permission.READ_COLLEAGUES})
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMINISTRATOR: frozenset(Permission),
    Role.AGENCY_HEAD: _STAFF | {Permission.READ_AUDIT_LOG},
    Role.OPERATOR: _STAFF | {Permission.READ_AUDIT_LOG},
    Role.MANAGER: _STAFF,
    Role.OFFICIAL: _STAFF,
    Role.ORGANIZATION_HEAD: _STAFF,  # an official's: heading the body adds duties, not powers in identity
    Role.INVESTOR: frozenset(),
    Role.SUPPLIER_SYSTEM: frozenset(),
}


def ensure_roles_fit(roles: Iterable[Role], kind: OrganizationKind) -> frozenset[Role]:
    """The roles, if a member of an organisation of this kind may hold all of them together."""
    roles = frozenset(roles)
    if not roles:
        raise RoleNotAllowed("a member holds at least one role")
    misfits = sorted(role for role in roles if kind not in ORGANIZATION_KINDS_BY_ROLE[role])
    if misfits:
        raise RoleNotAllowed(f"a member of a {kind} organisation cannot be {', '.join(misfits)}")
    if roles & MACHINE_ROLES and roles - MACHINE_ROLES:
        raise RoleNotAllowed("a supplier system's account holds no person's role")
    for role, companion in COMPANION_ROLES.items():
        if role in roles and companion not in roles:
            raise RoleWithoutCompanion(f"{role} is held only together with {companion} (a body's head is also "
                                       f"one of its officials): give both roles")
    return roles


def has_permission(roles: Iterable[Role], permission: Permission) -> bool:
    return any(permission in ROLE_PERMISSIONS[role] for role in roles)


def require_permission(roles: Iterable[Role], permission: Permission) -> None:
    if not has_permission(roles, permission):
        raise NotPermitted(f"your roles do not allow {permission}")


def roles_from_claims(claims: Iterable[str]) -> frozenset[Role]:
    """The roles a token names; a string that is no role (a newer one, a typo) grants nothing."""
    return frozenset(Role(claim) for claim in claims if claim in _ROLE_NAMES)


_ROLE_NAMES = frozenset(role.value for role in Role)
