"""Refresh tokens rotate on every use; replaying a spent one revokes the whole session."""

from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta

import pytest

from corridor_identity.domain.errors import InvalidRefreshToken
from corridor_identity.domain.refresh import (RefreshPolicy, ReuseDetected, RevocationReason, Rotated, revoke,
                                              revoke_all, rotate, start_session)

POLICY = RefreshPolicy(token_ttl=timedelta(days=14), family_ttl=timedelta(days=30))


@pytest.fixture
def session(now):
    return start_session(family_id=uuid.uuid4(), user_id=uuid.uuid4(), now=now, policy=POLICY)


def test_a_session_starts_with_an_opaque_token_stored_only_as_its_sha256(session, now):
    token = session.token
    assert len(token.raw) >= 43  # 256 random bits, base64url
    assert token.record.token_hash == hashlib.sha256(token.raw.encode()).hexdigest()
    assert token.raw not in repr(token.record)
    assert token.record.expires_at == now + timedelta(days=14)
    assert session.family.expires_at == now + timedelta(days=30)


def test_two_sessions_never_share_a_token(now):
    first, second = (start_session(family_id=uuid.uuid4(), user_id=uuid.uuid4(), now=now) for _ in range(2))
    assert first.token.raw != second.token.raw


def test_using_a_token_spends_it_and_issues_its_successor(session, now):
    later = now + timedelta(hours=1)
    outcome = rotate(session.family, session.token.record, now=later, policy=POLICY)
    assert isinstance(outcome, Rotated)
    assert outcome.spent.rotated_at == later
    assert outcome.token.raw != session.token.raw
    assert outcome.token.record.family_id == session.family.id
    assert outcome.token.record.expires_at == later + timedelta(days=14)


def test_the_successor_can_be_used_in_turn(session, now):
    first = rotate(session.family, session.token.record, now=now + timedelta(hours=1), policy=POLICY)
    second = rotate(first.family, first.token.record, now=now + timedelta(hours=2), policy=POLICY)
    assert isinstance(second, Rotated)


def test_replaying_a_spent_token_revokes_the_whole_family(session, now):
    rotated = rotate(session.family, session.token.record, now=now + timedelta(hours=1), policy=POLICY)
    replay_at = now + timedelta(hours=2)
    outcome = rotate(session.family, rotated.spent, now=replay_at, policy=POLICY)
    assert isinstance(outcome, ReuseDetected)
    assert outcome.family.revoked_at == replay_at
    assert outcome.family.revocation_reason is RevocationReason.REUSE
    with pytest.raises(InvalidRefreshToken):  # so the live successor, too, is now worthless
        rotate(outcome.family, rotated.token.record, now=replay_at, policy=POLICY)


def test_an_expired_token_is_refused(session, now):
    with pytest.raises(InvalidRefreshToken) as refused:
        rotate(session.family, session.token.record, now=now + timedelta(days=14), policy=POLICY)
    assert refused.value.slug == "invalid-refresh-token"


def test_no_token_outlives_its_family(session, now):
    family, record = session.family, session.token.record
    for day in range(1, 30, 13):  # refreshed every 13 days: 1, 14, 27
        outcome = rotate(family, record, now=now + timedelta(days=day), policy=POLICY)
        family, record = outcome.family, outcome.token.record
    assert record.expires_at == family.expires_at == now + timedelta(days=30)
    with pytest.raises(InvalidRefreshToken):
        rotate(family, record, now=family.expires_at, policy=POLICY)


def test_logout_revokes_the_family_once_with_its_first_reason(session, now):
    logged_out = revoke(session.family, RevocationReason.LOGOUT, now=now)
    assert logged_out.revocation_reason is RevocationReason.LOGOUT
    assert revoke(logged_out, RevocationReason.DEACTIVATION, now=now + timedelta(hours=1)) == logged_out
    with pytest.raises(InvalidRefreshToken):
        rotate(logged_out, session.token.record, now=now, policy=POLICY)


def test_revoking_all_sessions_returns_only_those_it_changed(now):
    user_id = uuid.uuid4()
    live = [start_session(family_id=uuid.uuid4(), user_id=user_id, now=now).family for _ in range(2)]
    ended = revoke(start_session(family_id=uuid.uuid4(), user_id=user_id, now=now).family,
                   RevocationReason.LOGOUT, now=now)
    changed = revoke_all([*live, ended], RevocationReason.DEACTIVATION, now=now)
    assert [family.id for family in changed] == [family.id for family in live]
    assert {family.revocation_reason for family in changed} == {RevocationReason.DEACTIVATION}


def test_a_token_is_only_rotated_within_its_own_family(session, now):
    other = start_session(family_id=uuid.uuid4(), user_id=uuid.uuid4(), now=now)
    with pytest.raises(ValueError):
        rotate(session.family, other.token.record, now=now)
