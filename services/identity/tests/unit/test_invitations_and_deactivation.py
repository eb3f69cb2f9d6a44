"""Staff join by an administrator's invitation; an administrator deactivates, ending every session."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import timedelta

import pytest

from corridor_identity.domain.deactivation import deactivate_user
from corridor_identity.domain.errors import (AlreadyDeactivated, InvalidInvitation, NotPermitted, RoleNotAllowed,
                                             RoleWithoutCompanion, WeakPassword)
from corridor_identity.domain.invitations import accept_invitation, invite
from corridor_identity.domain.refresh import RevocationReason, revoke, start_session
from corridor_identity.domain.roles import Role

PASSWORD = "ответ за пять дней"


def send(organization, inviter, now, roles=(Role.OFFICIAL,), email="Commissioner@Vsevreg.RU"):
    return invite(invitation_id=uuid.uuid4(), email=email, organization=organization, roles=roles,
                  inviter=inviter, now=now)


def accept(sent, organization, hashing, now, **overrides):
    details = {"raw_token": sent.raw_token, "user_id": uuid.uuid4(), "full_name": "Анна Смирнова",
               "password": PASSWORD, "organization": organization, "hashing": hashing, "now": now} | overrides
    return accept_invitation(sent.invitation, **details)


def test_an_administrator_invites_an_official_of_a_municipality(municipal_administration, administrator, now):
    sent = send(municipal_administration, administrator, now)
    invitation = sent.invitation
    assert invitation.email == "commissioner@vsevreg.ru"
    assert invitation.roles == {Role.OFFICIAL}
    assert invitation.invited_by == administrator.id
    assert invitation.expires_at == now + timedelta(days=7)
    assert sent.raw_token and sent.raw_token not in repr(invitation)


def test_accepting_creates_the_official_with_the_invited_roles(municipal_administration, administrator, hashing,
                                                               now):
    sent = send(municipal_administration, administrator, now)
    accepted = accept(sent, municipal_administration, hashing, now + timedelta(days=1))
    official = accepted.user
    assert (official.email, official.roles) == ("commissioner@vsevreg.ru", {Role.OFFICIAL})
    assert official.organization_id == municipal_administration.id
    assert hashing.verify(official.password_hash, PASSWORD)
    assert accepted.invitation.accepted_at == now + timedelta(days=1)


def test_only_an_administrator_invites(municipal_administration, manager, now):
    with pytest.raises(NotPermitted):
        send(municipal_administration, manager, now)


def test_a_deactivated_administrator_invites_nobody(municipal_administration, administrator, now):
    with pytest.raises(NotPermitted):
        send(municipal_administration, replace(administrator, deactivated_at=now), now)


def test_roles_must_fit_the_organisation_and_investors_are_never_invited(
        agency, investor_company, municipal_administration, administrator, now):
    with pytest.raises(RoleNotAllowed):
        send(municipal_administration, administrator, now, roles=[Role.MANAGER])
    with pytest.raises(RoleNotAllowed, match="register themselves"):
        send(investor_company, administrator, now, roles=[Role.INVESTOR])
    assert send(agency, administrator, now, roles=[Role.AGENCY_HEAD, Role.MANAGER]).invitation.roles == {
        Role.AGENCY_HEAD, Role.MANAGER}


def test_a_body_s_head_is_invited_as_an_official_who_heads_it(
        investor_company, municipal_administration, administrator, hashing, now):
    head_roles = [Role.OFFICIAL, Role.ORGANIZATION_HEAD]
    sent = send(municipal_administration, administrator, now, roles=head_roles)
    assert accept(sent, municipal_administration, hashing, now).user.roles == set(head_roles)
    with pytest.raises(RoleWithoutCompanion):
        send(municipal_administration, administrator, now, roles=[Role.ORGANIZATION_HEAD])
    with pytest.raises(RoleNotAllowed, match="cannot be official, organization_head"):
        send(investor_company, administrator, now, roles=head_roles)


def test_an_invitation_works_once(municipal_administration, administrator, hashing, now):
    sent = send(municipal_administration, administrator, now)
    used = accept(sent, municipal_administration, hashing, now).invitation
    with pytest.raises(InvalidInvitation, match="already used"):
        accept_invitation(used, raw_token=sent.raw_token, user_id=uuid.uuid4(), full_name="Анна",
                          password=PASSWORD, organization=municipal_administration, hashing=hashing, now=now)


def test_an_invitation_expires_after_seven_days(municipal_administration, administrator, hashing, now):
    sent = send(municipal_administration, administrator, now)
    with pytest.raises(InvalidInvitation, match="expired"):
        accept(sent, municipal_administration, hashing, now + timedelta(days=7))


def test_a_wrong_link_or_a_weak_password_is_refused(municipal_administration, administrator, hashing, now):
    sent = send(municipal_administration, administrator, now)
    with pytest.raises(InvalidInvitation):
        accept(sent, municipal_administration, hashing, now, raw_token=sent.raw_token + "x")
    with pytest.raises(WeakPassword):
        accept(sent, municipal_administration, hashing, now, password="commissioner-1")


def test_deactivation_ends_access_and_every_live_session(agency, administrator, member, now):
    target = member(agency, Role.MANAGER)
    live = [start_session(family_id=uuid.uuid4(), user_id=target.id, now=now).family for _ in range(2)]
    ended = revoke(start_session(family_id=uuid.uuid4(), user_id=target.id, now=now).family,
                   RevocationReason.LOGOUT, now=now)
    later = now + timedelta(hours=3)
    outcome = deactivate_user(target, actor=administrator, sessions=[*live, ended], now=later)
    assert not outcome.user.active and outcome.user.deactivated_at == later
    assert [family.id for family in outcome.revoked_sessions] == [family.id for family in live]
    assert all(f.revocation_reason is RevocationReason.DEACTIVATION for f in outcome.revoked_sessions)


def test_only_an_active_administrator_deactivates_and_never_themselves(agency, administrator, manager, now):
    with pytest.raises(NotPermitted):
        deactivate_user(administrator, actor=manager, sessions=[], now=now)
    with pytest.raises(NotPermitted, match="themselves"):
        deactivate_user(administrator, actor=administrator, sessions=[], now=now)
    with pytest.raises(NotPermitted):
        deactivate_user(manager, actor=replace(administrator, deactivated_at=now), sessions=[], now=now)


def test_deactivating_twice_is_refused(administrator, manager, now):
    once = deactivate_user(manager, actor=administrator, sessions=[], now=now).user
    with pytest.raises(AlreadyDeactivated):
        deactivate_user(once, actor=administrator, sessions=[], now=now + timedelta(days=1))


def test_sessions_of_another_user_are_not_touched(administrator, manager, now):
    stranger = start_session(family_id=uuid.uuid4(), user_id=uuid.uuid4(), now=now).family
    with pytest.raises(ValueError):
        deactivate_user(manager, actor=administrator, sessions=[stranger], now=now)
