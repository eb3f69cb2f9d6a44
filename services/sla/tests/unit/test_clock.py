"""SLA clocks: every transition, deadlines, warnings and the breach under a controllable `now`.

Dates are in March 2025 (Moscow) unless said otherwise: Friday 14 and the weekend 15–16 March, then
the working week 17–21 and the weekend 22–23. The default policy is 5 working days.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from corridor_sla.domain.calendar import ProductionCalendar
from corridor_sla.domain.clock import ClockStatus, SlaClock
from corridor_sla.domain.errors import InvalidClockHistory, NaiveDateTime
from corridor_sla.domain.events import Outcome, Paused, Redirected, Resumed, Started, Stopped
from corridor_sla.domain.policy import RedirectRule, SlaPolicy

MSK = ZoneInfo("Europe/Moscow")
TICK = timedelta(microseconds=1)
calendar = ProductionCalendar()
policy = SlaPolicy("standard")


def msk(month: int, day: int, hour: int = 0, minute: int = 0, year: int = 2025) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=MSK)


FRIDAY_EVENING = Started(msk(3, 14, 19, 30))


def clock(*events, with_policy: SlaPolicy = policy) -> SlaClock:
    return SlaClock(events, with_policy, calendar)


class TestStart:
    def test_registered_friday_evening_counts_from_monday_and_ends_with_the_fifth_working_day(self):
        state = clock(FRIDAY_EVENING).state(msk(3, 17, 12))
        assert state.counting_starts_at == msk(3, 17)
        assert (state.deadline, state.due_date) == (msk(3, 22), date(2025, 3, 21))
        assert state.consumed == timedelta(hours=12) and state.remaining == timedelta(days=4, hours=12)
        assert state.status is ClockStatus.RUNNING

    def test_nothing_is_consumed_before_counting_starts(self):
        assert clock(FRIDAY_EVENING).consumed(msk(3, 16, 23, 59)) == timedelta(0)

    def test_registered_on_a_holiday_eve_counts_from_the_first_working_day_after_the_break(self):
        # 11 June 2025 (shortened) precedes 12–15 June off.
        assert clock(Started(msk(6, 11, 10))).state(msk(6, 11, 11)).due_date == date(2025, 6, 20)
        new_year = clock(Started(msk(12, 30, 15))).state(msk(12, 30, 16))
        assert new_year.counting_starts_at == msk(1, 12, year=2026)
        assert new_year.due_date == date(2026, 1, 16)

    def test_a_working_saturday_counts(self):
        # Saturday 1 November 2025 is worked; 2–4 November are not.
        assert clock(Started(msk(10, 31, 12))).state(msk(10, 31, 13)).due_date == date(2025, 11, 10)


class TestBreach:
    def test_breached_exactly_at_the_deadline(self):
        running = clock(FRIDAY_EVENING)
        assert running.status(msk(3, 22) - TICK) is ClockStatus.RUNNING
        assert running.status(msk(3, 22)) is ClockStatus.BREACHED
        assert running.is_breached(msk(3, 22)) and not running.is_breached(msk(3, 22) - TICK)

    def test_answered_just_before_the_deadline_is_met_and_at_it_is_late(self):
        met = clock(FRIDAY_EVENING, Stopped(msk(3, 22) - TICK)).state(msk(4, 1))
        assert (met.status, met.breached_at, met.is_open) == (ClockStatus.MET, None, False)
        late = clock(FRIDAY_EVENING, Stopped(msk(3, 22))).state(msk(4, 1))
        assert (late.status, late.breached_at) == (ClockStatus.BREACHED, msk(3, 22))

    def test_withdrawn_is_stopped(self):
        state = clock(FRIDAY_EVENING, Stopped(msk(3, 18), Outcome.WITHDRAWN)).state(msk(4, 1))
        assert (state.status, state.outcome, state.closed_at) == (ClockStatus.STOPPED, Outcome.WITHDRAWN, msk(3, 18))
        assert state.consumed == timedelta(days=1)


class TestPause:
    def test_a_pause_moves_the_deadline_by_the_working_time_it_lasted(self):
        paused_two_days = clock(FRIDAY_EVENING, Paused(msk(3, 18, 12)), Resumed(msk(3, 20, 12)))
        assert paused_two_days.state(msk(3, 20, 12)).due_date == date(2025, 3, 25)
        assert paused_two_days.deadline(msk(3, 20, 12)) == msk(3, 26)

    def test_a_part_day_pause_moves_the_deadline_into_the_day(self):
        six_hours = clock(FRIDAY_EVENING, Paused(msk(3, 18, 10)), Resumed(msk(3, 18, 16)))
        state = six_hours.state(msk(3, 18, 17))
        assert (state.deadline, state.due_date) == (msk(3, 24, 6), date(2025, 3, 24))

    def test_a_pause_over_a_weekend_moves_nothing(self):
        events = [Started(msk(3, 10, 10)), Paused(msk(3, 15, 9)), Resumed(msk(3, 16, 20))]
        assert clock(*events).deadline(msk(3, 17)) == clock(events[0]).deadline(msk(3, 17)) == msk(3, 18)

    def test_a_pause_before_counting_starts_moves_it(self):
        early = clock(FRIDAY_EVENING, Paused(msk(3, 15, 10)), Resumed(msk(3, 18)))
        assert early.state(msk(3, 18, 1)).due_date == date(2025, 3, 24)

    def test_while_paused_time_stands_still_and_the_deadline_recedes(self):
        paused = clock(FRIDAY_EVENING, Paused(msk(3, 18, 12)))
        assert paused.status(msk(3, 19, 12)) is ClockStatus.PAUSED
        assert paused.consumed(msk(3, 19, 12)) == paused.consumed(msk(3, 28)) == timedelta(days=1, hours=12)
        assert paused.deadline(msk(3, 19, 12)) == msk(3, 25)
        assert paused.deadline(msk(3, 20, 12)) == msk(3, 26)
        assert not paused.is_breached(msk(4, 30))

    def test_a_clock_paused_after_its_deadline_stays_breached(self):
        late_pause = clock(FRIDAY_EVENING, Paused(msk(3, 24, 10)))
        assert late_pause.status(msk(3, 25)) is ClockStatus.BREACHED
        assert late_pause.deadline(msk(3, 25)) == msk(3, 22)

    def test_answered_while_paused_closes_the_clock(self):
        state = clock(FRIDAY_EVENING, Paused(msk(3, 18, 12)), Stopped(msk(3, 19))).state(msk(3, 30))
        assert (state.status, state.consumed) == (ClockStatus.MET, timedelta(days=1, hours=12))


class TestRedirect:
    REDIRECT_AT = msk(3, 19, 15)

    def test_by_default_a_redirect_keeps_the_time_used_and_the_deadline(self):
        redirected = clock(FRIDAY_EVENING, Redirected(self.REDIRECT_AT))
        assert redirected.deadline(msk(3, 19, 16)) == msk(3, 22)
        assert redirected.consumed(self.REDIRECT_AT) == timedelta(days=2, hours=15)
        assert redirected.cycle == 0

    def test_under_restart_a_full_term_counts_from_the_working_day_after_the_redirect(self):
        restarting = SlaPolicy("restart", redirect_rule=RedirectRule.RESTART)
        state = clock(FRIDAY_EVENING, Redirected(self.REDIRECT_AT), with_policy=restarting).state(msk(3, 20, 12))
        assert state.counting_starts_at == msk(3, 20)
        assert (state.due_date, state.deadline) == (date(2025, 3, 26), msk(3, 27))
        assert (state.consumed, state.cycle) == (timedelta(hours=12), 1)

    def test_the_rule_stamped_on_the_event_wins_over_the_current_policy(self):
        restarting = SlaPolicy("restart", redirect_rule=RedirectRule.RESTART)
        kept = clock(FRIDAY_EVENING, Redirected(self.REDIRECT_AT, RedirectRule.CONTINUE), with_policy=restarting)
        restarted = clock(FRIDAY_EVENING, Redirected(self.REDIRECT_AT, RedirectRule.RESTART))
        assert kept.deadline(msk(3, 20)) == msk(3, 22)
        assert restarted.deadline(msk(3, 20)) == msk(3, 27)

    def test_a_restart_while_paused_counts_from_the_resumption(self):
        events = [FRIDAY_EVENING, Paused(msk(3, 18, 12)), Redirected(self.REDIRECT_AT, RedirectRule.RESTART)]
        assert clock(*events).status(msk(3, 21)) is ClockStatus.PAUSED
        resumed = clock(*events, Resumed(msk(3, 24, 10)))
        assert resumed.deadline(msk(3, 24, 11)) == msk(3, 31, 10)


class TestWarnings:
    def test_half_time_warning_fires_exactly_when_crossed(self):
        running = clock(FRIDAY_EVENING)
        assert running.due_warnings(msk(3, 19, 12) - TICK) == ()
        [half] = running.due_warnings(msk(3, 19, 12))
        assert (half.code, half.at, half.key) == ("progress_50", msk(3, 19, 12), "0:progress_50")

    def test_eighty_percent_and_last_day_across_a_weekend(self):
        # Counting Tue 11 – Mon 17 March: 80 % is used at the end of Friday, the last day is Monday.
        warnings = {w.code: w.at for w in clock(Started(msk(3, 10, 10))).warnings()}
        assert warnings == {"progress_50": msk(3, 13, 12), "progress_80": msk(3, 15), "last_working_day": msk(3, 17)}

    def test_sent_warnings_are_not_due_again_and_none_are_due_once_breached(self):
        running = clock(FRIDAY_EVENING)
        due = running.due_warnings(msk(3, 21, 1), already_sent={"0:progress_50"})
        assert [w.code for w in due] == ["progress_80", "last_working_day"]
        assert running.due_warnings(msk(3, 22)) == ()

    def test_a_paused_clock_does_not_warn_until_it_runs_again(self):
        paused = clock(FRIDAY_EVENING, Paused(msk(3, 19, 11)))
        assert paused.due_warnings(msk(3, 28)) == ()
        resumed = clock(FRIDAY_EVENING, Paused(msk(3, 19, 11)), Resumed(msk(3, 20, 11)))
        assert [w.at for w in resumed.due_warnings(msk(3, 20, 12))] == [msk(3, 20, 12)]

    def test_a_restarted_clock_warns_again_in_its_new_cycle(self):
        restarted = clock(FRIDAY_EVENING, Redirected(msk(3, 19, 15), RedirectRule.RESTART))
        [half] = restarted.due_warnings(msk(3, 24, 12), already_sent={"0:progress_50"})
        assert (half.key, half.at) == ("1:progress_50", msk(3, 24, 12))

    def test_the_next_change_is_what_the_service_timer_waits_for(self):
        running = clock(FRIDAY_EVENING)
        assert running.next_change_at(msk(3, 17)) == msk(3, 19, 12)
        assert running.next_change_at(msk(3, 19, 12)) == msk(3, 21)
        assert running.next_change_at(msk(3, 21)) == msk(3, 22)
        assert running.next_change_at(msk(3, 22)) is None
        assert clock(FRIDAY_EVENING, Paused(msk(3, 18))).next_change_at(msk(3, 18)) is None


class TestInvalidHistories:
    @pytest.mark.parametrize("events", [
        [],
        [Paused(msk(3, 17))],
        [FRIDAY_EVENING, Resumed(msk(3, 17))],
        [FRIDAY_EVENING, Paused(msk(3, 17)), Paused(msk(3, 18))],
        [FRIDAY_EVENING, Started(msk(3, 17))],
        [FRIDAY_EVENING, Stopped(msk(3, 17)), Resumed(msk(3, 18))],
        [FRIDAY_EVENING, Paused(msk(3, 13))],
    ], ids=["empty", "no start", "resume running", "pause twice", "start twice", "after stop", "out of order"])
    def test_impossible_histories_are_refused(self, events):
        with pytest.raises(InvalidClockHistory):
            clock(*events)

    def test_moments_without_a_time_zone_are_refused(self):
        with pytest.raises(NaiveDateTime):
            clock(Started(datetime(2025, 3, 14, 19, 30)))
