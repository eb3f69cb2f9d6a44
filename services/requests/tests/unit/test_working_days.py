"""The indicative due date counts Monday-to-Friday days from the day after registration, in Moscow time."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from corridor_requests.domain.working_days import indicative_due_on

MSK = ZoneInfo("Europe/Moscow")


def test_counting_starts_the_next_working_day_and_skips_weekends() -> None:
    friday_noon = datetime(2025, 3, 14, 12, 0, tzinfo=MSK)
    assert indicative_due_on(friday_noon, 1, MSK) == date(2025, 3, 17)  # Monday
    assert indicative_due_on(friday_noon, 7, MSK) == date(2025, 3, 25)  # Tuesday of the next week


def test_the_registration_day_is_the_regions_not_utc() -> None:
    # 22:30 UTC on Sunday is already Monday 01:30 in Moscow.
    late_sunday_utc = datetime(2025, 3, 16, 22, 30, tzinfo=timezone.utc)
    assert indicative_due_on(late_sunday_utc, 1, MSK) == date(2025, 3, 18)
