"""The Russian production calendar: which days are worked, and for how many hours.

Why: every SLA deadline is counted in working days, so this is the one place that knows them.
Holidays, decree transfers and working Saturdays come from the maintained `holidays` package
(country "RU"); what it lacks — pre-holiday shortened days, regional days, a decree published after
the installed release — is derived by rule or supplied as `CalendarOverride` data, which operators
change through the API without a release. An override for a date replaces everything derived.

Shortened days (Labour Code art. 95: the working day before a non-working holiday is one hour
shorter) follow the rule the official calendars apply, checked against the published 2025 and 2026
calendars in tests/unit/test_calendar.py: a working day is shortened when the next calendar day is
a holiday (art. 112, or a regional holiday given as an override); a working Saturday traded for a
weekday by decree is shortened when that weekday would have been (2025-11-01 works in place of
2025-11-03, the eve of 4 November). Days off moved by a decree ("day_off") and days off observed for
a holiday on a weekend shorten nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from holidays.countries.russia import RussiaStaticHolidays

from .errors import InvalidCalendarOverride, NaiveDateTime

FULL_DAY_HOURS = 8  # 40-hour five-day week
PRE_HOLIDAY_HOURS = FULL_DAY_HOURS - 1
DEFAULT_TIME_ZONE = "Europe/Moscow"  # the Leningrad region


class DayKind(StrEnum):
    HOLIDAY = "holiday"  # a non-working holiday: its eve is shortened
    DAY_OFF = "day_off"  # a non-working day that is not a holiday (a decree transfer)
    WORKING_DAY = "working_day"  # worked in full (or for `hours`)
    SHORTENED_DAY = "shortened_day"  # worked, one hour shorter unless `hours` says otherwise


@dataclass(frozen=True)
class CalendarOverride:
    day: date
    kind: DayKind
    hours: int | None = None
    note: str = ""

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "kind", DayKind(self.kind))
        except ValueError:
            raise InvalidCalendarOverride(f"{self.day}: unknown kind of day {self.kind!r}") from None
        if self.hours is None:
            return
        if self.kind in (DayKind.HOLIDAY, DayKind.DAY_OFF):
            raise InvalidCalendarOverride(f"{self.day}: a non-working day has no working hours")
        if not 1 <= self.hours <= 24:
            raise InvalidCalendarOverride(f"{self.day}: working hours must be between 1 and 24")

    @property
    def working(self) -> bool:
        return self.kind in (DayKind.WORKING_DAY, DayKind.SHORTENED_DAY)


@dataclass(frozen=True)
class PeriodSummary:
    first_day: date
    last_day: date
    calendar_days: int
    working_days: int
    non_working_days: int
    working_hours: int
    shortened_days: tuple[date, ...]


@lru_cache(maxsize=64)
def _library_year(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("RU", years=year)


def _decree_transfers(year: int) -> tuple[tuple[date, date], ...]:
    """(day off, weekend day it was taken from) pairs of the year's decree, as the package holds them.

    The package exposes these only as class data; a rename there fails the 2025 tests loudly.
    """
    entries = RussiaStaticHolidays.special_public_holidays.get(year, ())
    if entries and isinstance(entries[0], int):  # a single transfer is stored unwrapped
        entries = (entries,)
    return tuple((date(year, to_m, to_d), date(rest[0] if rest else year, from_m, from_d))
                 for to_m, to_d, from_m, from_d, *rest in entries)


@lru_cache(maxsize=64)
def _statutory_holidays(year: int) -> frozenset[date]:
    """Art. 112 holidays: the package's list without observed days and without decree days off."""
    days_off = {day_off for day_off, _ in _decree_transfers(year)}
    return frozenset(holidays.country_holidays("RU", years=year, observed=False)) - days_off


@lru_cache(maxsize=64)
def _stand_ins(year: int) -> dict[date, date]:
    """Working weekend day -> the weekday whose day off it became (2025-11-01 -> 2025-11-03)."""
    library = _library_year(year)
    return {source: day_off for day_off, source in _decree_transfers(year)
            if source in library.weekend_workdays}


class ProductionCalendar:
    """Working days of a region: the library's federal calendar plus the region's overrides."""

    def __init__(self, overrides: Iterable[CalendarOverride] = (), *,
                 time_zone: str = DEFAULT_TIME_ZONE) -> None:
        self.overrides: dict[date, CalendarOverride] = {o.day: o for o in overrides}
        self.time_zone = ZoneInfo(time_zone)

    def with_overrides(self, overrides: Iterable[CalendarOverride]) -> ProductionCalendar:
        """A new calendar; for a date given twice the later override wins."""
        return ProductionCalendar([*self.overrides.values(), *overrides], time_zone=self.time_zone.key)

    def is_working_day(self, day: date) -> bool:
        if (override := self.overrides.get(day)) is not None:
            return override.working
        return _library_year(day.year).is_working_day(day)

    def is_shortened_day(self, day: date) -> bool:
        if (override := self.overrides.get(day)) is not None:
            return override.kind is DayKind.SHORTENED_DAY
        if not self.is_working_day(day):
            return False
        stands_in_for = _stand_ins(day.year).get(day, day)
        return self._is_holiday(stands_in_for + timedelta(days=1))

    def working_hours(self, day: date) -> int:
        if not self.is_working_day(day):
            return 0
        override = self.overrides.get(day)
        if override is not None and override.hours is not None:
            return override.hours
        return PRE_HOLIDAY_HOURS if self.is_shortened_day(day) else FULL_DAY_HOURS

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start` (before it when n < 0); `start` itself never counts.

        add_working_days(registration day, 5) is the last day of a 5-working-day term counted from
        the working day after registration. n == 0 returns `start` unchanged.
        """
        step = timedelta(days=1 if n >= 0 else -1)
        day, left = start, abs(n)
        while left:
            day += step
            left -= self.is_working_day(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in the half-open span (start, end]: `start` excluded, `end` included.

        So working_days_between(d, add_working_days(d, n)) == n; negative when end precedes start.
        """
        if end < start:
            return -self.working_days_between(end, start)
        return sum(self.is_working_day(start + timedelta(days=i)) for i in range(1, (end - start).days + 1))

    def month_summary(self, year: int, month: int) -> PeriodSummary:
        first = date(year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)
        return self._summary(first, following - timedelta(days=1))

    def year_summary(self, year: int) -> PeriodSummary:
        return self._summary(date(year, 1, 1), date(year, 12, 31))

    def local_date(self, moment: datetime) -> date:
        return self.to_local(moment).date()

    def start_of(self, day: date) -> datetime:
        """00:00 of `day` in the region's time zone."""
        return datetime.combine(day, time(), tzinfo=self.time_zone)

    def to_local(self, moment: datetime) -> datetime:
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise NaiveDateTime(f"{moment.isoformat()} has no time zone")
        return moment.astimezone(self.time_zone)

    def _is_holiday(self, day: date) -> bool:
        if (override := self.overrides.get(day)) is not None:
            return override.kind is DayKind.HOLIDAY
        return day in _statutory_holidays(day.year)

    def _summary(self, first: date, last: date) -> PeriodSummary:
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        working = [day for day in days if self.is_working_day(day)]
        return PeriodSummary(
            first_day=first, last_day=last, calendar_days=len(days), working_days=len(working),
            non_working_days=len(days) - len(working),
            working_hours=sum(self.working_hours(day) for day in working),
            shortened_days=tuple(day for day in working if self.is_shortened_day(day)))
