"""Retry with exponential backoff and full jitter; default channels and cabinet links per kind."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from corridor_contracts.events.notifications import Channel
from corridor_notifications.domain.kinds import NotificationKind, cabinet_path, enabled_by_default
from corridor_notifications.domain.retry import RetryPolicy

NOW = datetime(2026, 3, 16, 7, 30, tzinfo=timezone.utc)
POLICY = RetryPolicy(max_attempts=5, base_seconds=30, cap_seconds=300)


def test_the_ceiling_doubles_after_each_failure_up_to_the_cap() -> None:
    assert [POLICY.ceiling(n) for n in range(1, 6)] == [30, 60, 120, 240, 300]


@pytest.mark.parametrize("attempts", [1, 2, 3, 4])
def test_full_jitter_waits_anywhere_between_zero_and_the_ceiling(attempts: int) -> None:
    earliest = POLICY.next_attempt_at(attempts=attempts, now=NOW, random=lambda: 0.0)
    latest = POLICY.next_attempt_at(attempts=attempts, now=NOW, random=lambda: 0.999)
    halfway = POLICY.next_attempt_at(attempts=attempts, now=NOW, random=lambda: 0.5)
    assert earliest == NOW
    assert latest == NOW + timedelta(seconds=0.999 * POLICY.ceiling(attempts))
    assert halfway == NOW + timedelta(seconds=POLICY.ceiling(attempts) / 2)


def test_after_the_last_attempt_there_is_no_next_one_the_notification_is_dead_lettered() -> None:
    assert POLICY.next_attempt_at(attempts=4, now=NOW, random=lambda: 1.0) is not None
    assert POLICY.next_attempt_at(attempts=5, now=NOW, random=lambda: 1.0) is None
    assert RetryPolicy(max_attempts=1, base_seconds=1, cap_seconds=1).next_attempt_at(
        attempts=1, now=NOW, random=lambda: 1.0) is None


def test_by_default_investors_and_officials_get_what_asks_them_to_act_by_email_and_in_the_feed() -> None:
    for kind in (NotificationKind.REQUEST_ANSWERED, NotificationKind.CLARIFICATION_REQUESTED,
                 NotificationKind.SLA_WARNING, NotificationKind.SLA_BREACHED, NotificationKind.REQUEST_ROUTED):
        assert enabled_by_default(kind, Channel.EMAIL) and enabled_by_default(kind, Channel.IN_APP)


def test_informative_kinds_reach_only_the_feed_by_default() -> None:
    assert not enabled_by_default(NotificationKind.ROADMAP_PUBLISHED, Channel.EMAIL)
    assert enabled_by_default(NotificationKind.ROADMAP_PUBLISHED, Channel.IN_APP)
    assert not enabled_by_default(NotificationKind.REQUEST_ANSWERED, Channel.WEBHOOK)  # an organisation's choice


def test_links_point_at_the_request_or_the_project_in_the_cabinet() -> None:
    assert cabinet_path(NotificationKind.REQUEST_ANSWERED, project_id="p1", request_id="r1") == "/requests/r1"
    assert cabinet_path(NotificationKind.SLA_ESCALATED, project_id="p1", request_id="r1") == "/requests/r1"
    assert cabinet_path(NotificationKind.PROJECT_ACCEPTED, project_id="p1", request_id=None) == "/projects/p1"
