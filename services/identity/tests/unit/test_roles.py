"""A role is held only in an organisation of a fitting kind; identity's admin actions need permissions."""

from __future__ import annotations

import pytest

from corridor_identity.domain.errors import NotPermitted, RoleNotAllowed
from corridor_identity.domain.organisations import OrganizationKind
from corridor_identity.domain.roles import (INVITED_ROLES, SELF_REGISTERING_ROLES, Permission, Role,
                                            ensure_roles_fit, has_permission, require_permission)

Kind = OrganizationKind

FITTING = [
    (Role.INVESTOR, Kind.INVESTOR),
    (Role.AGENCY_MANAGER, Kind.AGENCY),
    (Role.AGENCY_HEAD, Kind.AGENCY),
    (Role.OPERATOR, Kind.AGENCY),
    (Role.ADMINISTRATOR, Kind.AGENCY),
    (Role.OFFICIAL, Kind.OIV),
    (Role.OFFICIAL, Kind.OMSU),
    (Role.OFFICIAL, Kind.RSO),
    (Role.OFFICIAL, Kind.FEDERAL),
    (Role.SUPPLIER_SYSTEM, Kind.RSO),
]


@pytest.mark.parametrize("role, kind", [(role, kind) for role in Role for kind in Kind])
def test_a_role_fits_exactly_the_organisation_kinds_it_belongs_to(role, kind):
    if (role, kind) in FITTING:
        assert ensure_roles_fit({role}, kind) == {role}
    else:
        with pytest.raises(RoleNotAllowed, match=str(role)):
            ensure_roles_fit({role}, kind)


def test_an_agency_member_may_hold_several_agency_roles():
    assert ensure_roles_fit([Role.AGENCY_HEAD, Role.AGENCY_MANAGER], Kind.AGENCY) == {
        Role.AGENCY_HEAD, Role.AGENCY_MANAGER}


def test_a_member_holds_at_least_one_role():
    with pytest.raises(RoleNotAllowed):
        ensure_roles_fit([], Kind.AGENCY)


def test_a_supplier_system_is_never_also_a_person():
    with pytest.raises(RoleNotAllowed, match="supplier system"):
        ensure_roles_fit({Role.SUPPLIER_SYSTEM, Role.OFFICIAL}, Kind.RSO)


def test_only_investors_register_themselves_and_staff_are_invited():
    assert SELF_REGISTERING_ROLES == {Role.INVESTOR}
    assert INVITED_ROLES == {Role.OFFICIAL, Role.AGENCY_MANAGER, Role.AGENCY_HEAD, Role.OPERATOR,
                             Role.ADMINISTRATOR}


def test_the_administrator_may_do_every_admin_action():
    assert all(has_permission({Role.ADMINISTRATOR}, permission) for permission in Permission)


@pytest.mark.parametrize("role", [role for role in Role if role is not Role.ADMINISTRATOR])
def test_no_other_role_may_invite_deactivate_or_rotate_keys(role):
    for permission in (Permission.INVITE_USER, Permission.DEACTIVATE_USER, Permission.ROTATE_SIGNING_KEYS,
                       Permission.MANAGE_SERVICE_ACCOUNTS, Permission.REGISTER_ORGANIZATION):
        assert not has_permission({role}, permission)


def test_investors_and_supplier_systems_cannot_browse_the_directory():
    assert has_permission({Role.OFFICIAL}, Permission.READ_DIRECTORY)
    assert not has_permission({Role.INVESTOR}, Permission.READ_DIRECTORY)
    assert not has_permission({Role.SUPPLIER_SYSTEM}, Permission.READ_DIRECTORY)


def test_a_permission_granted_by_any_held_role_is_enough():
    assert has_permission({Role.AGENCY_MANAGER, Role.OPERATOR}, Permission.READ_AUDIT_LOG)
    require_permission({Role.AGENCY_MANAGER, Role.ADMINISTRATOR}, Permission.INVITE_USER)
    with pytest.raises(NotPermitted, match="invite_user") as refused:
        require_permission({Role.AGENCY_MANAGER}, Permission.INVITE_USER)
    assert refused.value.slug == "not-permitted"


def test_every_role_has_a_russian_label():
    assert Role.AGENCY_HEAD.label_ru == "Руководитель агентства"
    assert all(role.label_ru for role in Role)
