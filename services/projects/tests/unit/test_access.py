"""Who sees which projects, and who may decide and plan, from the token's roles and organisation."""

import uuid

import pytest

from corridor_chassis.auth import Principal
from corridor_projects.domain.access import (
    Visibility, investor_organization, require_manager_of, require_reviewer, require_rules_editor,
    require_visibility, visibility_for,
)
from corridor_projects.domain.errors import NotPermitted

ORG = uuid.uuid4()


def principal(*roles: str, organization_id=ORG, subject=None) -> Principal:
    return Principal(subject=subject or uuid.uuid4(), roles=frozenset(roles), organization_id=organization_id)


def test_each_role_sees_its_own_slice():
    investor, manager = principal("investor"), principal("manager")
    assert visibility_for(investor) == Visibility(investor_organization_id=ORG)
    assert visibility_for(manager) == Visibility(manager_user_id=manager.subject)
    assert visibility_for(principal("agency_head")) == Visibility(every_submitted=True)
    assert visibility_for(principal("official")) == Visibility(recipient_organization_id=ORG)


def test_several_roles_see_the_union():
    both = principal("manager", "agency_head")
    assert visibility_for(both) == Visibility(every_submitted=True, manager_user_id=both.subject)


@pytest.mark.parametrize("roles", [("operator",), ("administrator",), ("supplier_system",), ()])
def test_other_roles_see_no_projects(roles):
    with pytest.raises(NotPermitted):
        require_visibility(principal(*roles))


def test_a_project_belongs_to_the_investors_company():
    assert investor_organization(principal("investor")) == ORG
    for outsider in (principal("investor", organization_id=None), principal("manager")):
        with pytest.raises(NotPermitted):
            investor_organization(outsider)


def test_only_the_agency_head_reviews():
    require_reviewer(principal("agency_head"))
    for other in ("manager", "investor", "official"):
        with pytest.raises(NotPermitted):
            require_reviewer(principal(other))


def test_the_assigned_manager_or_the_head_plans_and_acts_in_that_role():
    assigned = principal("manager")
    assert require_manager_of(assigned, assigned.subject) == "manager"
    assert require_manager_of(principal("agency_head"), assigned.subject) == "agency_head"
    for other in (principal("manager"), principal("investor"), principal("official")):
        with pytest.raises(NotPermitted):
            require_manager_of(other, assigned.subject)


def test_agency_staff_edit_the_investment_rules():
    require_rules_editor(principal("manager"))
    require_rules_editor(principal("agency_head"))
    with pytest.raises(NotPermitted):
        require_rules_editor(principal("investor"))
