"""Colleagues may list an organisation's members; administrators anyone's, with e-mails and leavers."""

from __future__ import annotations

import uuid
from dataclasses import replace

import pytest

from corridor_identity.domain.errors import NotPermitted
from corridor_identity.domain.members import MemberListing, member_listing
from corridor_identity.domain.roles import Role

COLLEAGUE_ROLES = [(Role.MANAGER,), (Role.AGENCY_HEAD,), (Role.OPERATOR,)]
BODY_ROLES = [(Role.OFFICIAL,), (Role.OFFICIAL, Role.ORGANIZATION_HEAD)]


def test_administrators_list_any_organisation_with_e_mails_and_leavers_on_request(administrator,
                                                                                  municipal_administration):
    for include_inactive in (False, True):
        assert member_listing(administrator, municipal_administration.id, include_inactive=include_inactive) == \
            MemberListing(with_emails=True, include_inactive=include_inactive)


@pytest.mark.parametrize("roles", COLLEAGUE_ROLES)
def test_agency_staff_list_their_colleagues_without_e_mails(agency, member, roles):
    assert member_listing(member(agency, *roles), agency.id, include_inactive=False) == MemberListing(
        with_emails=False, include_inactive=False)


@pytest.mark.parametrize("roles", BODY_ROLES)
def test_officials_and_heads_list_their_own_body_only(municipal_administration, power_supplier, agency, member,
                                                      roles):
    official = member(municipal_administration, *roles)
    assert not member_listing(official, municipal_administration.id, include_inactive=False).with_emails
    for elsewhere in (power_supplier.id, agency.id, uuid.uuid4()):
        with pytest.raises(NotPermitted, match="list its members"):
            member_listing(official, elsewhere, include_inactive=False)


def test_only_administrators_see_deactivated_members(agency, manager):
    with pytest.raises(NotPermitted, match="deactivated members"):
        member_listing(manager, agency.id, include_inactive=True)


def test_investors_list_nobody_not_even_their_own_company(investor_company, member):
    investor = member(investor_company, Role.INVESTOR)
    with pytest.raises(NotPermitted):
        member_listing(investor, investor_company.id, include_inactive=False)


def test_a_deactivated_colleague_or_administrator_lists_nobody(agency, manager, administrator, now):
    for actor in (manager, administrator):
        with pytest.raises(NotPermitted, match="deactivated user"):
            member_listing(replace(actor, deactivated_at=now), agency.id, include_inactive=False)
