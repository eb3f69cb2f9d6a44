"""An administrator replaces a member's roles; the new set must still fit the member's organisation."""

from __future__ import annotations

from dataclasses import replace

import pytest

from corridor_identity.domain.errors import AlreadyDeactivated, NotPermitted, RoleNotAllowed, RoleWithoutCompanion
from corridor_identity.domain.roles import Role
from corridor_identity.domain.users import change_roles


def test_an_administrator_replaces_a_member_s_roles(administrator, manager):
    changed = change_roles(manager, [Role.MANAGER, Role.AGENCY_HEAD], actor=administrator)
    assert changed.roles == {Role.MANAGER, Role.AGENCY_HEAD} and changed.id == manager.id


def test_the_new_roles_must_fit_the_organisation(administrator, manager, municipal_administration, member):
    official = member(municipal_administration, Role.OFFICIAL)
    with pytest.raises(RoleNotAllowed):
        change_roles(official, [Role.MANAGER], actor=administrator)
    with pytest.raises(RoleNotAllowed):
        change_roles(manager, [], actor=administrator)


def test_an_official_becomes_the_organisation_s_head_and_stops_being_it(administrator, power_supplier, member):
    official = member(power_supplier, Role.OFFICIAL)
    head = change_roles(official, [Role.OFFICIAL, Role.ORGANIZATION_HEAD], actor=administrator)
    assert head.roles == {Role.OFFICIAL, Role.ORGANIZATION_HEAD}
    assert change_roles(head, [Role.OFFICIAL], actor=administrator).roles == {Role.OFFICIAL}


def test_a_head_keeps_the_official_role_and_only_bodies_have_heads(administrator, manager, power_supplier, member):
    head = member(power_supplier, Role.OFFICIAL, Role.ORGANIZATION_HEAD)
    with pytest.raises(RoleWithoutCompanion, match="together with official"):
        change_roles(head, [Role.ORGANIZATION_HEAD], actor=administrator)
    with pytest.raises(RoleNotAllowed, match="cannot be organization_head"):
        change_roles(manager, [Role.MANAGER, Role.ORGANIZATION_HEAD], actor=administrator)


def test_a_supplier_system_role_is_never_a_person_s(administrator, power_supplier, member):
    with pytest.raises(RoleNotAllowed, match="service accounts"):
        change_roles(member(power_supplier, Role.OFFICIAL), [Role.SUPPLIER_SYSTEM], actor=administrator)


def test_only_an_active_administrator_changes_roles(administrator, manager, now):
    with pytest.raises(NotPermitted):
        change_roles(administrator, [Role.OPERATOR, Role.ADMINISTRATOR], actor=manager)
    with pytest.raises(NotPermitted):
        change_roles(manager, [Role.OPERATOR], actor=replace(administrator, deactivated_at=now))


def test_a_deactivated_member_s_roles_stay_as_they_were(administrator, manager, now):
    with pytest.raises(AlreadyDeactivated):
        change_roles(replace(manager, deactivated_at=now), [Role.OPERATOR], actor=administrator)


def test_an_administrator_cannot_drop_their_own_administrator_role(administrator):
    with pytest.raises(NotPermitted, match="themselves"):
        change_roles(administrator, [Role.OPERATOR], actor=administrator)
    assert change_roles(administrator, [Role.ADMINISTRATOR, Role.OPERATOR], actor=administrator).roles == {
        Role.ADMINISTRATOR, Role.OPERATOR}
