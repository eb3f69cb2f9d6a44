"""The production calendar against the official Russian calendars for 2025 and 2026.

Sources of the facts below:
- Labour Code art. 112: 1–8 January, 23 February, 8 March, 1 and 9 May, 12 June, 4 November are
  non-working holidays; art. 95: the working day before one is an hour shorter.
- 2025 transfers: Government decree No. 1335 of 4 October 2024 (4 Jan -> 2 May, 5 Jan -> 31 Dec,
  23 Feb -> 8 May, 8 Mar -> 13 Jun, Saturday 1 Nov -> 3 Nov), as carried by the `holidays` package.
- 2025 norms: 247 working days, 118 days off, 1972 hours at 40 h/week; shortened days 7 Mar, 30 Apr,
  11 Jun, 1 Nov; November 19 working days and 11 days off (the published production calendar).
- 2026: 3 Jan -> 9 Jan and 4 Jan -> 31 Dec by the 2026 decree (as carried by `holidays`); 8 March
  and 9 May fall on weekends and move to 9 March and 11 May (art. 112); 247 working days, 1972 hours,
  quarters 440 / 493 / 528 / 511 hours; shortened 30 Apr, 8 May, 11 Jun, 3 Nov (published calendar).
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from corridor_sla.domain.calendar import CalendarOverride, DayKind, ProductionCalendar
from corridor_sla.domain.errors import InvalidCalendarOverride, NaiveDateTime
from corridor_sla.domain.working_time import (advance_working_time, counting_starts_at,
                                              working_time_between)

MSK = ZoneInfo("Europe/Moscow")
calendar = ProductionCalendar()


def days(first: date, last: date) -> list[date]:
    return [date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1)]


class TestFederalCalendar:
    def test_new_year_holidays_are_non_working_and_work_resumes_after_them(self):
        assert not any(calendar.is_working_day(d) for d in days(date(2025, 1, 1), date(2025, 1, 8)))
        assert calendar.is_working_day(date(2025, 1, 9))

    def test_2026_new_year_break_runs_to_11_january_through_the_transferred_9th(self):
        assert not any(calendar.is_working_day(d) for d in days(date(2026, 1, 1), date(2026, 1, 11)))
        assert calendar.is_working_day(date(2026, 1, 12))

    @pytest.mark.parametrize("day", [date(2025, 5, 2), date(2025, 5, 8), date(2025, 6, 13),
                                     date(2025, 11, 3), date(2025, 12, 31)])
    def test_2025_decree_transfers_are_days_off(self, day):
        assert day.weekday() < 5 and not calendar.is_working_day(day)

    def test_holidays_on_a_weekend_move_to_the_next_monday(self):
        assert not calendar.is_working_day(date(2026, 3, 9))
        assert not calendar.is_working_day(date(2026, 5, 11))

    def test_saturday_1_november_2025_is_a_shortened_working_day(self):
        saturday = date(2025, 11, 1)
        assert saturday.weekday() == 5
        assert calendar.is_working_day(saturday)
        assert calendar.working_hours(saturday) == 7

    @pytest.mark.parametrize("year, shortened", [
        (2025, (date(2025, 3, 7), date(2025, 4, 30), date(2025, 6, 11), date(2025, 11, 1))),
        (2026, (date(2026, 4, 30), date(2026, 5, 8), date(2026, 6, 11), date(2026, 11, 3))),
    ])
    def test_year_norms_match_the_official_calendar(self, year, shortened):
        summary = calendar.year_summary(year)
        assert (summary.calendar_days, summary.working_days, summary.non_working_days) == (365, 247, 118)
        assert summary.working_hours == 1972
        assert summary.shortened_days == shortened

    def test_the_day_before_a_decree_day_off_is_not_shortened(self):
        # 8 May 2025 is a transferred day off, not a holiday: 7 May is worked in full.
        assert calendar.working_hours(date(2025, 5, 7)) == 8

    def test_november_2025_summary(self):
        november = calendar.month_summary(2025, 11)
        assert (november.calendar_days, november.working_days, november.non_working_days) == (30, 19, 11)
        assert november.working_hours == 19 * 8 - 1
        assert november.shortened_days == (date(2025, 11, 1),)

    def test_2026_quarter_hours(self):
        hours = [sum(calendar.month_summary(2026, m).working_hours for m in range(q, q + 3)) for q in (1, 4, 7, 10)]
        assert hours == [440, 493, 528, 511]

    def test_december_summary_ends_on_the_31st(self):
        assert calendar.month_summary(2025, 12).last_day == date(2025, 12, 31)


class TestWorkingDayArithmetic:
    def test_adding_working_days_skips_the_new_year_break(self):
        assert calendar.add_working_days(date(2025, 12, 30), 1) == date(2026, 1, 12)

    def test_adding_working_days_counts_a_working_saturday(self):
        assert calendar.add_working_days(date(2025, 10, 31), 1) == date(2025, 11, 1)
        assert calendar.add_working_days(date(2025, 10, 31), 2) == date(2025, 11, 5)

    def test_negative_and_zero_counts(self):
        assert calendar.add_working_days(date(2026, 1, 12), -1) == date(2025, 12, 30)
        assert calendar.add_working_days(date(2026, 1, 3), 0) == date(2026, 1, 3)

    def test_between_excludes_the_start_and_includes_the_end(self):
        assert calendar.working_days_between(date(2025, 12, 30), date(2026, 1, 12)) == 1
        assert calendar.working_days_between(date(2025, 3, 14), date(2025, 3, 21)) == 5
        assert calendar.working_days_between(date(2025, 3, 21), date(2025, 3, 14)) == -5
        assert calendar.working_days_between(date(2025, 3, 14), date(2025, 3, 14)) == 0

    @pytest.mark.parametrize("start", [date(2025, 4, 25), date(2025, 10, 31), date(2025, 12, 27)])
    @pytest.mark.parametrize("n", [1, 3, 7, 30])
    def test_between_undoes_add(self, start, n):
        assert calendar.working_days_between(start, calendar.add_working_days(start, n)) == n


class TestOverrides:
    def test_a_regional_holiday_is_non_working_and_shortens_its_eve(self):
        regional = calendar.with_overrides([CalendarOverride(date(2025, 9, 10), DayKind.HOLIDAY, note="regional")])
        assert not regional.is_working_day(date(2025, 9, 10))
        assert regional.working_hours(date(2025, 9, 9)) == 7
        assert calendar.working_hours(date(2025, 9, 9)) == 8  # the original is untouched

    def test_a_day_off_shortens_nothing(self):
        moved = calendar.with_overrides([CalendarOverride(date(2025, 9, 10), DayKind.DAY_OFF)])
        assert not moved.is_working_day(date(2025, 9, 10))
        assert moved.working_hours(date(2025, 9, 9)) == 8

    def test_a_decree_the_library_does_not_know_can_be_entered_as_data(self):
        # 2030 has no decree in the package: a Saturday made working and a Monday made free.
        decree = [CalendarOverride(date(2030, 1, 12), DayKind.WORKING_DAY, note="decree"),
                  CalendarOverride(date(2030, 5, 6), DayKind.DAY_OFF, note="decree")]
        before, after = calendar.year_summary(2030), calendar.with_overrides(decree).year_summary(2030)
        assert after.working_days == before.working_days
        assert calendar.with_overrides(decree).add_working_days(date(2030, 1, 11), 1) == date(2030, 1, 12)

    def test_overrides_replace_the_derived_day(self):
        edited = calendar.with_overrides([
            CalendarOverride(date(2025, 1, 8), DayKind.WORKING_DAY),
            CalendarOverride(date(2025, 11, 1), DayKind.WORKING_DAY),
            CalendarOverride(date(2025, 3, 13), DayKind.SHORTENED_DAY, hours=5),
        ])
        assert edited.is_working_day(date(2025, 1, 8))
        assert edited.working_hours(date(2025, 11, 1)) == 8
        assert edited.working_hours(date(2025, 3, 13)) == 5

    def test_the_later_override_for_a_date_wins(self):
        day = date(2025, 9, 10)
        edited = calendar.with_overrides([CalendarOverride(day, DayKind.HOLIDAY)]).with_overrides(
            [CalendarOverride(day, DayKind.WORKING_DAY)])
        assert edited.is_working_day(day)

    @pytest.mark.parametrize("kind, hours", [(DayKind.HOLIDAY, 8), (DayKind.WORKING_DAY, 0),
                                             (DayKind.SHORTENED_DAY, 25)])
    def test_impossible_hours_are_refused(self, kind, hours):
        with pytest.raises(InvalidCalendarOverride):
            CalendarOverride(date(2025, 9, 10), kind, hours=hours)

    def test_unknown_kind_is_refused(self):
        with pytest.raises(InvalidCalendarOverride):
            CalendarOverride(date(2025, 9, 10), "vacation")


class TestWorkingTime:
    def test_counting_starts_on_the_working_day_after_registration_in_local_time(self):
        friday_evening = datetime(2025, 3, 14, 19, 30, tzinfo=MSK)
        assert counting_starts_at(calendar, friday_evening) == datetime(2025, 3, 17, tzinfo=MSK)
        # 21:30 UTC on Thursday is already Friday in Moscow.
        thursday_utc = datetime(2025, 3, 13, 21, 30, tzinfo=ZoneInfo("UTC"))
        assert counting_starts_at(calendar, thursday_utc) == datetime(2025, 3, 17, tzinfo=MSK)

    def test_working_time_counts_whole_working_days_only(self):
        friday_noon, tuesday_noon = datetime(2025, 3, 14, 12, tzinfo=MSK), datetime(2025, 3, 18, 12, tzinfo=MSK)
        assert working_time_between(calendar, friday_noon, tuesday_noon).total_seconds() == 2 * 86400

    def test_advancing_past_a_weekend(self):
        friday_noon = datetime(2025, 3, 14, 12, tzinfo=MSK)
        assert advance_working_time(calendar, friday_noon, working_time_between(
            calendar, friday_noon, datetime(2025, 3, 15, tzinfo=MSK)) * 2) == datetime(2025, 3, 17, 12, tzinfo=MSK)

    def test_a_naive_moment_is_refused(self):
        with pytest.raises(NaiveDateTime):
            counting_starts_at(calendar, datetime(2025, 3, 14, 19, 30))
