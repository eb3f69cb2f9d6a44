"""Planned dates follow the Russian production calendar, not just weekends.

Facts (Government decrees on the transfer of days off for 2024 and 2025, Labour Code art. 112):
1–8 January are holidays; Saturday 28 December 2024 was worked and 30–31 December 2024 were days
off; in 2025, 2 May (from 4 January), 8 May (from 23 February), 13 June (from 8 March), 3 November
(from Saturday 1 November, which was worked) and 31 December were days off.
"""

from datetime import date, datetime, timezone

import pytest

from corridor_projects.domain.calendar import PlanningCalendar, TermUnit

calendar = PlanningCalendar()


class TestWorkingDays:
    def test_a_term_counts_from_the_day_after_its_start_and_skips_weekends(self):
        # Monday 28 April 2025 + 3 working days: Tue 29, Wed 30 April, then 1–4 May are off, so Mon 5 May.
        assert calendar.add_working_days(date(2025, 4, 28), 2) == date(2025, 4, 30)
        assert calendar.add_working_days(date(2025, 4, 28), 3) == date(2025, 5, 5)

    def test_across_the_new_year_holidays_through_a_working_saturday(self):
        friday = date(2024, 12, 27)
        assert calendar.add_working_days(friday, 1) == date(2024, 12, 28)  # the working Saturday
        assert calendar.add_working_days(friday, 2) == date(2025, 1, 9)  # 30 Dec – 8 Jan are off
        assert calendar.add_working_days(friday, 3) == date(2025, 1, 10)

    @pytest.mark.parametrize("start, next_working_day", [
        (date(2025, 4, 30), date(2025, 5, 5)),  # 1 May holiday, 2 May transferred from 4 January
        (date(2025, 5, 7), date(2025, 5, 12)),  # 8 May transferred from 23 February, 9 May holiday
        (date(2025, 6, 11), date(2025, 6, 16)),  # 12 June holiday, 13 June transferred from 8 March
    ])
    def test_transferred_days_off_are_not_worked(self, start, next_working_day):
        assert calendar.add_working_days(start, 1) == next_working_day

    def test_saturday_1_november_2025_is_worked_and_monday_3_november_is_not(self):
        assert calendar.is_working_day(date(2025, 11, 1))
        assert not calendar.is_working_day(date(2025, 11, 3))
        assert calendar.add_working_days(date(2025, 10, 31), 1) == date(2025, 11, 1)
        assert calendar.add_working_days(date(2025, 10, 31), 2) == date(2025, 11, 5)  # 3 Nov off, 4 Nov holiday

    def test_a_term_of_zero_days_ends_on_its_start(self):
        assert calendar.add_working_days(date(2025, 5, 3), 0) == date(2025, 5, 3)

    def test_a_negative_term_is_refused(self):
        with pytest.raises(ValueError):
            calendar.add_working_days(date(2025, 5, 3), -1)


class TestCalendarDays:
    def test_a_term_ending_on_a_working_day_ends_there(self):
        assert calendar.term_ends_on(date(2024, 12, 20), 20, TermUnit.CALENDAR_DAYS) == date(2025, 1, 9)

    def test_a_term_ending_on_a_day_off_moves_to_the_next_working_day(self):
        # 12 April + 20 days = 2 May 2025, a transferred day off; then 3–4 May weekend.
        assert calendar.term_ends_on(date(2025, 4, 12), 20, TermUnit.CALENDAR_DAYS) == date(2025, 5, 5)
        # 13 December + 20 days = 2 January 2025, inside the New Year holidays.
        assert calendar.term_ends_on(date(2024, 12, 13), 20, TermUnit.CALENDAR_DAYS) == date(2025, 1, 9)

    def test_a_term_ending_on_a_working_saturday_ends_there(self):
        assert calendar.term_ends_on(date(2025, 10, 12), 20, TermUnit.CALENDAR_DAYS) == date(2025, 11, 1)


class TestOverridesAndTimeZone:
    def test_an_override_wins_over_the_package(self):
        decreed = PlanningCalendar({date(2025, 4, 29): False, date(2025, 5, 3): True})
        assert decreed.add_working_days(date(2025, 4, 28), 1) == date(2025, 4, 30)
        assert decreed.add_working_days(date(2025, 4, 30), 1) == date(2025, 5, 3)

    def test_today_is_the_date_in_the_region(self):
        late_evening_utc = datetime(2025, 4, 27, 22, 30, tzinfo=timezone.utc)  # 01:30 on the 28th in Moscow
        assert calendar.local_date(late_evening_utc) == date(2025, 4, 28)

    def test_a_moment_without_a_time_zone_is_refused(self):
        with pytest.raises(ValueError, match="no time zone"):
            calendar.local_date(datetime(2025, 4, 28, 10, 0))
