"""Repeated login failures lock the account (and, at a higher count, the client address) for a while."""

from __future__ import annotations

from datetime import timedelta

import pytest

from corridor_identity.domain.errors import AccountLocked, LoginThrottled
from corridor_identity.domain.lockout import (ACCOUNT_POLICY, CLIENT_IP_POLICY, FailureRecord, ensure_login_allowed,
                                              record_failure, record_success)

MINUTE = timedelta(minutes=1)


def fail(record, times, now, step=MINUTE, policy=ACCOUNT_POLICY):
    locked_out = False
    for i in range(times):
        outcome = record_failure(record, policy, now=now + i * step)
        record, locked_out = outcome.record, outcome.locked_out
    return record, locked_out


def test_four_failures_leave_the_account_open(now):
    record, locked_out = fail(FailureRecord(), 4, now)
    assert not locked_out and record.retry_after(now + 4 * MINUTE) is None


def test_the_fifth_failure_within_fifteen_minutes_locks_for_fifteen_minutes(now):
    record, locked_out = fail(FailureRecord(), 5, now)
    locked_at = now + 4 * MINUTE
    assert locked_out
    assert record.retry_after(locked_at) == timedelta(minutes=15)
    assert record.retry_after(locked_at + 14 * MINUTE) == MINUTE
    assert record.retry_after(locked_at + 15 * MINUTE) is None


def test_failures_older_than_the_window_slide_out(now):
    record, locked_out = fail(FailureRecord(), 5, now, step=4 * MINUTE)  # 0, 4, 8, 12, 16 minutes
    assert not locked_out and len(record.failures) == 4


def test_each_lock_soon_after_the_last_is_twice_as_long(now):
    record, _ = fail(FailureRecord(), 5, now)
    durations = []
    for _ in range(3):
        start = record.locked_until
        record, locked_out = fail(record, 5, start)
        assert locked_out
        durations.append(record.locked_until - (start + 4 * MINUTE))
    assert durations == [timedelta(minutes=30), timedelta(minutes=60), timedelta(minutes=120)]


def test_locks_never_exceed_the_maximum(now):
    record = FailureRecord(locked_until=now - MINUTE, lockouts=20)
    record, _ = fail(record, 5, now)
    assert record.locked_until - (now + 4 * MINUTE) == ACCOUNT_POLICY.max_lock


def test_after_a_quiet_day_earlier_locks_are_forgotten(now):
    record = FailureRecord(locked_until=now - timedelta(hours=25), lockouts=3)
    record, _ = fail(record, 5, now)
    assert record.locked_until - (now + 4 * MINUTE) == timedelta(minutes=15)


def test_failures_while_locked_do_not_extend_the_lock(now):
    record, _ = fail(FailureRecord(), 5, now)
    again = record_failure(record, ACCOUNT_POLICY, now=now + 5 * MINUTE)
    assert again.record == record and not again.locked_out


def test_a_correct_password_clears_the_account_s_history(now):
    assert record_success() == FailureRecord()


def test_a_locked_account_is_refused_before_the_password_is_checked(now):
    record, _ = fail(FailureRecord(), 5, now)
    with pytest.raises(AccountLocked) as refused:
        ensure_login_allowed(account=record, client=FailureRecord(), now=now + 5 * MINUTE)
    assert refused.value.slug == "account-locked"
    assert refused.value.retry_after == timedelta(minutes=14)


def test_a_client_address_is_throttled_only_after_many_more_failures(now):
    client, locked_out = fail(FailureRecord(), 29, now, step=timedelta(seconds=20), policy=CLIENT_IP_POLICY)
    assert not locked_out
    client, locked_out = fail(client, 1, now + 10 * MINUTE, policy=CLIENT_IP_POLICY)
    assert locked_out
    with pytest.raises(LoginThrottled) as refused:
        ensure_login_allowed(account=FailureRecord(), client=client, now=now + 11 * MINUTE)
    assert refused.value.slug == "login-throttled"
    assert not isinstance(refused.value, AccountLocked)


def test_an_open_account_from_an_open_address_may_try(now):
    ensure_login_allowed(account=FailureRecord(), client=FailureRecord(), now=now)
