"""A role is held only in an organisation of a fitting kind; identity's admin actions need permissions."""

from __future__ import annotations

import pytest

from corridor_identity.domain.errors import NotPermitted, RoleNotAllowed, RoleWithoutCompanion
from corridor_identity.domain.organisations import OrganizationKind
from corridor_identity.domain.roles import (INVITED_ROLES, ROLE_PERMISSIONS, SELF_REGISTERING_ROLES, Permission, Role,
                                            ensure_roles_fit, has_permission, require_permission,
                                            roles_from_claims)

Kind = OrganizationKind

FITTING = [
    (Role.INVESTOR, Kind.INVESTOR),
    (Role.MANAGER, Kind.AGENCY),
    (Role.AGENCY_HEAD, Kind.AGENCY),
    (Role.OPERATOR, Kind.AGENCY),
    (Role.ADMINISTRATOR, Kind.AGENCY),
    (Role.OFFICIAL, Kind.REGIONAL_BODY),
    (Role.OFFICIAL, Kind.MUNICIPALITY),
    (Role.OFFICIAL, Kind.SUPPLIER),
    (Role.OFFICIAL, Kind.FEDERAL_BODY),
    (Role.ORGANIZATION_HEAD, Kind.REGIONAL_BODY),
    (Role.ORGANIZATION_HEAD, Kind.MUNICIPALITY),
    (Role.ORGANIZATION_HEAD, Kind.SUPPLIER),
    (Role.ORGANIZATION_HEAD, Kind.FEDERAL_BODY),
    (Role.SUPPLIER_SYSTEM, Kind.SUPPLIER),
]
# A role held only together with another is tried together with it.
HELD_WITH = {Role.ORGANIZATION_HEAD: {Role.OFFICIAL}}


@pytest.mark.parametrize("role, kind", [(role, kind) for role in Role for kind in Kind])
def test_a_role_fits_exactly_the_organisation_kinds_it_belongs_to(role, kind):
    roles = {role, *HELD_WITH.get(role, ())}
    if (role, kind) in FITTING:
        assert ensure_roles_fit(roles, kind) == roles
    else:
        with pytest.raises(RoleNotAllowed, match=str(role)):
            ensure_roles_fit(roles, kind)


@pytest.mark.parametrize("kind", [Kind.REGIONAL_BODY, Kind.MUNICIPALITY, Kind.SUPPLIER, Kind.FEDERAL_BODY])
def test_an_organisation_s_head_is_also_one_of_its_officials(kind):
    with pytest.raises(RoleWithoutCompanion, match="organization_head is held only together with official") as alone:
        ensure_roles_fit({Role.ORGANIZATION_HEAD}, kind)
    assert alone.value.slug == "role-without-companion" and isinstance(alone.value, RoleNotAllowed)
    assert ensure_roles_fit({Role.OFFICIAL}, kind) == {Role.OFFICIAL}


def test_an_investor_company_or_the_agency_has_no_organisation_head():
    for kind in (Kind.INVESTOR, Kind.AGENCY):
        with pytest.raises(RoleNotAllowed, match="cannot be official, organization_head"):
            ensure_roles_fit({Role.ORGANIZATION_HEAD, Role.OFFICIAL}, kind)
        with pytest.raises(RoleNotAllowed, match=f"a member of a {kind} organisation cannot be organization_head$"):
            ensure_roles_fit({Role.ORGANIZATION_HEAD}, kind)


def test_an_agency_member_may_hold_several_agency_roles():
    assert ensure_roles_fit([Role.AGENCY_HEAD, Role.MANAGER], Kind.AGENCY) == {
        Role.AGENCY_HEAD, Role.MANAGER}


def test_a_member_holds_at_least_one_role():
    with pytest.raises(RoleNotAllowed):
        ensure_roles_fit([], Kind.AGENCY)


def test_a_supplier_system_is_never_also_a_person():
    with pytest.raises(RoleNotAllowed, match="supplier system"):
        ensure_roles_fit({Role.SUPPLIER_SYSTEM, Role.OFFICIAL}, Kind.SUPPLIER)


def test_only_investors_register_themselves_and_staff_are_invited():
    assert SELF_REGISTERING_ROLES == {Role.INVESTOR}
    assert INVITED_ROLES == {Role.OFFICIAL, Role.ORGANIZATION_HEAD, Role.MANAGER, Role.AGENCY_HEAD, Role.OPERATOR,
                             Role.ADMINISTRATOR}


def test_an_organisation_s_head_may_do_in_identity_what_an_official_may():
    assert ROLE_PERMISSIONS[Role.ORGANIZATION_HEAD] == ROLE_PERMISSIONS[Role.OFFICIAL]


def test_the_administrator_may_do_every_admin_action():
    assert all(has_permission({Role.ADMINISTRATOR}, permission) for permission in Permission)


@pytest.mark.parametrize("role", [role for role in Role if role is not Role.ADMINISTRATOR])
def test_no_other_role_may_invite_deactivate_or_rotate_keys(role):
    for permission in (Permission.INVITE_USER, Permission.CHANGE_ROLES, Permission.DEACTIVATE_USER,
                       Permission.ROTATE_SIGNING_KEYS,
                       Permission.MANAGE_SERVICE_ACCOUNTS, Permission.REGISTER_ORGANIZATION):
        assert not has_permission({role}, permission)


def test_agency_staff_and_officials_may_list_their_colleagues_and_only_administrators_anyone():
    colleagues = {Role.MANAGER, Role.AGENCY_HEAD, Role.OPERATOR, Role.OFFICIAL, Role.ORGANIZATION_HEAD,
                  Role.ADMINISTRATOR}
    assert {role for role in Role if has_permission({role}, Permission.READ_COLLEAGUES)} == colleagues
    assert {role for role in Role if has_permission({role}, Permission.READ_USERS)} == {Role.ADMINISTRATOR}


def test_investors_and_supplier_systems_cannot_browse_the_directory():
    assert has_permission({Role.OFFICIAL}, Permission.READ_DIRECTORY)
    assert not has_permission({Role.INVESTOR}, Permission.READ_DIRECTORY)
    assert not has_permission({Role.SUPPLIER_SYSTEM}, Permission.READ_DIRECTORY)


def test_a_permission_granted_by_any_held_role_is_enough():
    assert has_permission({Role.MANAGER, Role.OPERATOR}, Permission.READ_AUDIT_LOG)
    require_permission({Role.MANAGER, Role.ADMINISTRATOR}, Permission.INVITE_USER)
    with pytest.raises(NotPermitted, match="invite_user") as refused:
        require_permission({Role.MANAGER}, Permission.INVITE_USER)
    assert refused.value.slug == "not-permitted"


def test_roles_are_the_strings_other_services_compare_claims_with():
    assert sorted(role.value for role in Role) == [
        "administrator", "agency_head", "investor", "manager", "official", "operator", "organization_head",
        "supplier_system"]


def test_a_token_s_unknown_role_strings_grant_nothing():
    assert roles_from_claims(["manager", "superuser", "ADMINISTRATOR"]) == {Role.MANAGER}
