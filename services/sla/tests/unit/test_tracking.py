"""What a tracked clock announces, and when the timer must look at it again.

The running example of test_clock.py: registered Friday 14 March 2025 at 19:30 (Moscow), routed a
minute later, 5 working days, half-time Wednesday 19 at noon, 80 % and the last day at Friday 21
00:00, breached Saturday 22 00:00; escalations then, on Tuesday 25 and on Wednesday 26.
"""

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from corridor_sla.adapters.records import tracked_from_json, tracked_to_json
from corridor_sla.domain.calendar import ProductionCalendar
from corridor_sla.domain.clock import ClockStatus
from corridor_sla.domain.events import Outcome, Paused, Redirected, Resumed, Started, Stopped
from corridor_sla.domain.policy import RedirectRule, SlaPolicy
from corridor_sla.domain.rules import SlaRules
from corridor_sla.domain.tracking import Kind, TrackedClock, evaluate

MSK = ZoneInfo("Europe/Moscow")
TICK = timedelta(microseconds=1)
RULES = SlaRules(ProductionCalendar(), SlaPolicy("default"))


def msk(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=MSK)


def tracked(*later_events) -> TrackedClock:
    return TrackedClock("r-1", "p-1", "consultation", "inv", "org", msk(3, 14, 19, 30), msk(3, 14, 19, 31),
                        (Started(msk(3, 14, 19, 30)), *later_events))


def keys(evaluation) -> list[str]:
    return [announcement.key for announcement in evaluation.announcements]


def test_routing_announces_the_start_once_with_its_due_date():
    first = evaluate(tracked(), RULES, msk(3, 14, 19, 31))
    [started] = first.announcements
    assert (started.kind, started.at, started.starts_on, started.due_on) == (
        Kind.STARTED, msk(3, 14, 19, 31), date(2025, 3, 17), date(2025, 3, 21))
    assert first.tracked.next_check_at == msk(3, 19, 12)
    assert evaluate(first.tracked, RULES, msk(3, 14, 19, 31)).announcements == []


def test_points_on_the_clock_are_announced_when_crossed_and_stamped_with_when_they_fell():
    record = evaluate(tracked(), RULES, msk(3, 14, 20)).tracked
    assert keys(evaluate(record, RULES, msk(3, 19, 12) - TICK)) == []
    half = evaluate(record, RULES, msk(3, 19, 12))
    assert keys(half) == ["warning:0:progress_50"] and half.announcements[0].percent_elapsed == 50
    late = evaluate(half.tracked, RULES, msk(3, 26, 9))
    assert keys(late) == ["breached:0", "escalated:0:1", "escalated:0:2", "escalated:0:3"]
    assert [a.at for a in late.announcements] == [msk(3, 22), msk(3, 22), msk(3, 25), msk(3, 26)]
    assert late.state.status is ClockStatus.BREACHED and late.tracked.next_check_at is None


def test_the_same_moment_gives_the_same_announcements_every_time():
    record = evaluate(tracked(), RULES, msk(3, 14, 20)).tracked
    assert evaluate(record, RULES, msk(3, 21, 1)) == evaluate(record, RULES, msk(3, 21, 1))


def test_the_next_check_is_the_next_warning_the_breach_or_the_next_escalation():
    moments = []
    record = evaluate(tracked(), RULES, msk(3, 14, 20)).tracked
    while record.next_check_at is not None:
        moments.append(record.next_check_at)
        record = evaluate(record, RULES, record.next_check_at).tracked
    assert moments == [msk(3, 19, 12), msk(3, 21), msk(3, 22), msk(3, 25), msk(3, 26)]


def test_pause_resume_and_answer_are_announced_as_of_their_own_moments():
    history = tracked(Paused(msk(3, 18, 12)), Resumed(msk(3, 20, 12)), Stopped(msk(3, 24, 10)))
    evaluation = evaluate(history, RULES, msk(3, 24, 10))
    # Seen only once answered: the warnings it would have had are moot and are not announced.
    assert keys(evaluation) == ["started:0", "paused:1", "resumed:2", "met:3"]
    resumed = evaluation.announcements[2]
    assert (resumed.due_on, resumed.consumed) == (date(2025, 3, 25), timedelta(days=1, hours=12))
    assert evaluation.state.status is ClockStatus.MET


def test_a_late_answer_is_a_breach_without_escalation_and_a_withdrawal_has_no_verdict():
    late = evaluate(tracked(Stopped(msk(3, 24, 10))), RULES, msk(3, 24, 10))
    assert keys(late) == ["started:0", "breached:0"]
    withdrawn = evaluate(tracked(Stopped(msk(3, 18), Outcome.WITHDRAWN)), RULES, msk(3, 18))
    assert keys(withdrawn) == ["started:0"] and withdrawn.state.status is ClockStatus.STOPPED


def test_a_closed_clock_keeps_its_verdict_under_new_rules():
    closed = evaluate(tracked(Stopped(msk(3, 20))), RULES, msk(3, 20))
    assert closed.tracked.verdict == closed.state
    longer = SlaRules(RULES.calendar, SlaPolicy("default", target_working_days=10))
    again = evaluate(closed.tracked, longer, msk(4, 30))
    assert (again.announcements, again.state) == ([], closed.state)


def test_a_restart_on_redirect_begins_a_new_cycle_with_its_own_warnings():
    history = tracked(Redirected(msk(3, 19, 15), RedirectRule.RESTART))
    record = evaluate(tracked(), RULES, msk(3, 19, 12)).tracked
    evaluation = evaluate(replace(record, events=history.events), RULES, msk(3, 24, 12))
    assert keys(evaluation) == ["started:1", "warning:1:progress_50"]
    assert evaluation.announcements[0].starts_on == date(2025, 3, 20)


def test_the_timer_checks_open_clocks_that_are_due_or_all_open_ones_after_a_rules_change():
    record = evaluate(tracked(), RULES, msk(3, 14, 20)).tracked
    assert not record.needs_check(msk(3, 19, 11)) and record.needs_check(msk(3, 19, 12))
    assert record.needs_check(msk(3, 15), rules_changed=True)
    closed = evaluate(tracked(Stopped(msk(3, 17))), RULES, msk(3, 17)).tracked
    assert not closed.needs_check(msk(4, 1), rules_changed=True)
    unrouted = TrackedClock("r-2", "p-1")
    assert not unrouted.needs_check(msk(4, 1), rules_changed=True) and evaluate(unrouted, RULES, msk(4, 1)).state is None


def test_a_record_survives_its_json_form():
    closed = evaluate(tracked(Paused(msk(3, 18)), Redirected(msk(3, 18, 1), RedirectRule.CONTINUE),
                              Stopped(msk(3, 19), Outcome.WITHDRAWN)), RULES, msk(3, 19)).tracked
    open_one = evaluate(tracked(), RULES, msk(3, 19, 12)).tracked.applying("e-1")
    named = replace(open_one, policy_code="supplier-7wd")
    for record in (closed, open_one, named, TrackedClock("r-3", "p-3")):
        assert tracked_from_json(tracked_to_json(record)) == record


def test_a_record_written_before_policy_codes_were_tracked_still_loads_under_the_default():
    written_then = tracked_to_json(evaluate(tracked(), RULES, msk(3, 19, 12)).tracked)
    del written_then["policy_code"]
    record = tracked_from_json(written_then)
    named = SlaRules(RULES.calendar, RULES.default_policy, {}, {"supplier-7wd": SlaPolicy("supplier-7wd", 7)})
    assert record.policy_code is None and record.policy(named) is RULES.default_policy
    assert evaluate(record, named, msk(3, 19, 12)).state.due_date == date(2025, 3, 21)


def test_a_tracked_clock_runs_under_the_policy_its_request_type_names():
    named = SlaRules(RULES.calendar, RULES.default_policy, {}, {"supplier-7wd": SlaPolicy("supplier-7wd", 7)})
    [started] = evaluate(replace(tracked(), policy_code="supplier-7wd"), named, msk(3, 14, 19, 31)).announcements
    assert (started.starts_on, started.due_on) == (date(2025, 3, 17), date(2025, 3, 25))
