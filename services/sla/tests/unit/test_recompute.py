"""Recomputation: a changed calendar or policy moves the deadlines of open clocks, and says which."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from corridor_sla.domain.calendar import CalendarOverride, DayKind, ProductionCalendar
from corridor_sla.domain.events import Redirected, Started, Stopped
from corridor_sla.domain.policy import RedirectRule, SlaPolicy
from corridor_sla.domain.recompute import ClockHistory, DeadlineChange, changed_deadlines
from corridor_sla.domain.rules import SlaRules

MSK = ZoneInfo("Europe/Moscow")
NOW = datetime(2025, 3, 18, tzinfo=MSK)


def msk(month: int, day: int, hour: int = 0) -> datetime:
    return datetime(2025, month, day, hour, tzinfo=MSK)


RULES = SlaRules(ProductionCalendar(), SlaPolicy("standard"), {"gpzu": SlaPolicy("gpzu", target_working_days=7)})
OPEN = ClockHistory("open", "consultation", [Started(msk(3, 14, 19))])  # due Fri 21 March
OVERDUE = ClockHistory("overdue", "consultation", [Started(msk(3, 3, 10))])  # due Mon 10 March
ANSWERED = ClockHistory("answered", "consultation", [Started(msk(3, 14, 19)), Stopped(msk(3, 17, 12))])
LONG = ClockHistory("long", "gpzu", [Started(msk(3, 14, 19))])  # 7 working days: due Tue 25 March


def test_a_regional_holiday_inside_the_term_moves_the_open_deadline_a_day_later():
    holiday = CalendarOverride(date(2025, 3, 19), DayKind.HOLIDAY, note="regional day")
    after = SlaRules(RULES.calendar.with_overrides([holiday]), RULES.default_policy, RULES.policies)
    changes = changed_deadlines([OPEN, OVERDUE, ANSWERED, LONG], before=RULES, after=after, now=NOW)
    assert changes == [DeadlineChange("open", msk(3, 22), msk(3, 25)),
                       DeadlineChange("long", msk(3, 26), msk(3, 27))]


def test_a_longer_target_moves_only_its_request_type_and_keeps_the_time_used():
    after = SlaRules(RULES.calendar, SlaPolicy("standard", target_working_days=7), RULES.policies)
    assert changed_deadlines([OPEN, LONG], before=RULES, after=after, now=NOW) == [
        DeadlineChange("open", msk(3, 22), msk(3, 26))]
    used_before = RULES.clock("consultation", OPEN.events).consumed(NOW)
    assert after.clock("consultation", OPEN.events).consumed(NOW) == used_before


def test_a_new_redirect_rule_leaves_redirects_that_were_stamped_with_theirs():
    start = Started(msk(3, 14, 19))
    stamped = ClockHistory("stamped", "consultation", [start, Redirected(msk(3, 17, 12), RedirectRule.CONTINUE)])
    unstamped = ClockHistory("unstamped", "consultation", [start, Redirected(msk(3, 17, 12))])
    after = SlaRules(RULES.calendar, SlaPolicy("standard", redirect_rule=RedirectRule.RESTART), RULES.policies)
    changes = changed_deadlines([stamped, unstamped], before=RULES, after=after, now=NOW)
    assert [change.clock_id for change in changes] == ["unstamped"]


def test_nothing_changes_when_nothing_relevant_changed():
    after = SlaRules(RULES.calendar.with_overrides([CalendarOverride(date(2025, 9, 10), DayKind.HOLIDAY)]),
                     RULES.default_policy, RULES.policies)
    assert changed_deadlines([OPEN, OVERDUE, LONG], before=RULES, after=after, now=NOW) == []
