"""Who is a party to a request and which steps belong to whom."""

from __future__ import annotations

import uuid

import pytest

from corridor_requests.domain.access import (
    Actor, Parties, Party, ensure_agency_staff, ensure_may, ensure_visible, parties_of,
)
from corridor_requests.domain.errors import NotAllowed, Unknown
from corridor_requests.domain.lifecycle import Step

INVESTOR_ORG, RECIPIENT_ORG, OTHER_ORG = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
MANAGER = uuid.uuid4()
PARTIES = Parties(INVESTOR_ORG, RECIPIENT_ORG, MANAGER)


def actor(org, *roles, subject=None) -> Actor:
    return Actor(subject=subject or uuid.uuid4(), organization_id=org, roles=frozenset(roles))


INVESTOR = actor(INVESTOR_ORG, "investor")
OFFICIAL = actor(RECIPIENT_ORG, "official")
SUPPLIER_SYSTEM = actor(RECIPIENT_ORG, "supplier_system")
THE_MANAGER = actor(uuid.uuid4(), "manager", subject=MANAGER)


def test_each_party_is_recognised_by_organisation_and_role_and_the_manager_by_person() -> None:
    assert parties_of(INVESTOR, PARTIES) == {Party.INVESTOR}
    assert parties_of(OFFICIAL, PARTIES) == {Party.RECIPIENT}
    assert parties_of(SUPPLIER_SYSTEM, PARTIES) == {Party.RECIPIENT}
    assert parties_of(THE_MANAGER, PARTIES) == {Party.MANAGER}


@pytest.mark.parametrize("stranger", [
    actor(OTHER_ORG, "official"),  # another body
    actor(INVESTOR_ORG, "official"),  # right organisation, wrong role
    actor(RECIPIENT_ORG, "investor"),
    actor(uuid.uuid4(), "manager"),  # a manager, but not this project's
    actor(None, "agency_head"),
])
def test_strangers_do_not_even_see_the_request(stranger) -> None:
    with pytest.raises(Unknown):
        ensure_visible(stranger, PARTIES)


@pytest.mark.parametrize(("step", "allowed"), [
    (Step.ACCEPT, {"official", "supplier"}), (Step.REQUEST_CLARIFICATION, {"official", "supplier"}),
    (Step.ANSWER, {"official", "supplier"}), (Step.REDIRECT, {"official", "supplier"}),
    (Step.PROVIDE_CLARIFICATION, {"investor"}), (Step.WITHDRAW, {"investor"}),
    (Step.CLOSE, {"investor", "manager"}), (Step.REROUTE, {"manager"}),
])
def test_each_step_belongs_to_its_party(step, allowed) -> None:
    everyone = {"investor": INVESTOR, "official": OFFICIAL, "supplier": SUPPLIER_SYSTEM, "manager": THE_MANAGER}
    for name, who in everyone.items():
        if name in allowed:
            ensure_may(step, who, PARTIES)
        else:
            with pytest.raises(NotAllowed):
                ensure_may(step, who, PARTIES)


def test_a_redirected_request_leaves_the_previous_recipient() -> None:
    moved = Parties(INVESTOR_ORG, OTHER_ORG, MANAGER)
    with pytest.raises(Unknown):
        ensure_may(Step.ANSWER, OFFICIAL, moved)


def test_agency_staff_are_managers_heads_and_administrators() -> None:
    for role in ("manager", "agency_head", "administrator"):
        ensure_agency_staff(actor(uuid.uuid4(), role))
    for role in ("investor", "official", "operator", "supplier_system"):
        with pytest.raises(NotAllowed):
            ensure_agency_staff(actor(uuid.uuid4(), role))
