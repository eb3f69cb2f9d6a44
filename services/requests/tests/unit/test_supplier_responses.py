"""A supplier's response acts only for the organisation its token proves, and only if assigned."""

from __future__ import annotations

import uuid

import pytest

from corridor_requests.domain.supplier_responses import (
    RejectionReason, ResponseRejected, ensure_may_respond, supplier_from_claims,
)

LENENERGO, GAS = uuid.uuid4(), uuid.uuid4()


def claims(**changes) -> dict:
    return {"sub": str(uuid.uuid4()), "org": str(LENENERGO), "roles": ["supplier_system"]} | changes


def test_a_supplier_systems_token_names_its_organisation_and_actor() -> None:
    sender = supplier_from_claims(claims())
    assert sender.organization_id == LENENERGO
    assert sender.actor.organization_id == LENENERGO and sender.actor.has_any_role("supplier_system")


def test_a_client_id_subject_is_kept_out_of_the_actor_id() -> None:
    assert supplier_from_claims(claims(sub="lenenergo-1a2b3c4d")).actor.subject is None


@pytest.mark.parametrize(("bad", "reason"), [
    (claims(roles=["official"]), RejectionReason.NOT_A_SUPPLIER_SYSTEM),
    (claims(roles=[]), RejectionReason.NOT_A_SUPPLIER_SYSTEM),
    ({k: v for k, v in claims().items() if k != "org"}, RejectionReason.INVALID_TOKEN),
    (claims(org="not-a-uuid"), RejectionReason.INVALID_TOKEN),
])
def test_tokens_that_are_not_a_supplier_systems_are_rejected(bad, reason) -> None:
    with pytest.raises(ResponseRejected) as raised:
        supplier_from_claims(bad)
    assert raised.value.reason is reason


def test_only_the_assigned_organisation_speaking_for_itself_may_respond() -> None:
    sender = supplier_from_claims(claims())
    ensure_may_respond(sender, claimed_organization_id=LENENERGO, assigned_organization_id=LENENERGO)
    with pytest.raises(ResponseRejected) as impersonating:
        ensure_may_respond(sender, claimed_organization_id=GAS, assigned_organization_id=GAS)
    assert impersonating.value.reason is RejectionReason.ORGANIZATION_MISMATCH
    with pytest.raises(ResponseRejected) as foreign:
        ensure_may_respond(sender, claimed_organization_id=LENENERGO, assigned_organization_id=GAS)
    assert foreign.value.reason is RejectionReason.NOT_ASSIGNED
