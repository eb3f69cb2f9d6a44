"""The working-day calendar roadmap dates are planned on (see docs/adr/0005-roadmap-calendar.md).

Why its own small calendar: the sla service owns the authoritative request clocks (hours, shortened
days, pauses), and no service imports another. A roadmap only needs dates, so this is the Russian
production calendar at day resolution from the maintained `holidays` package (country RU: art. 112
holidays, decree transfers, working Saturdays), plus overrides as data for a decree that appeared
after the installed release, in the region's time zone.

Terms count as the regulations do: a term of n working days ends on the n-th working day after the
day it starts from (that day itself never counts); a term of n calendar days that ends on a non-working
day ends on the next working day instead (Civil Code art. 193).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

import holidays

REGION_TIME_ZONE = "Europe/Moscow"  # the Leningrad region


class TermUnit(StrEnum):
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"


class PlanningCalendar:
    def __init__(self, overrides: Mapping[date, bool] | None = None, *, time_zone: str = REGION_TIME_ZONE) -> None:
        """`overrides` maps a date to whether it is worked, and wins over the package's calendar."""
        self.overrides = dict(overrides or {})
        self.time_zone = ZoneInfo(time_zone)
        self._federal = holidays.country_holidays("RU")  # fills in each year on first use

    def is_working_day(self, day: date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        return self._federal.is_working_day(day)

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start`; n == 0 is `start` itself."""
        if n < 0:
            raise ValueError("a term cannot be negative")
        day = start
        while n:
            day += timedelta(days=1)
            n -= self.is_working_day(day)
        return day

    def add_calendar_days(self, start: date, n: int) -> date:
        if n < 0:
            raise ValueError("a term cannot be negative")
        day = start + timedelta(days=n)
        while n and not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def term_ends_on(self, start: date, term: int, unit: TermUnit) -> date:
        if unit is TermUnit.WORKING_DAYS:
            return self.add_working_days(start, term)
        return self.add_calendar_days(start, term)

    def local_date(self, moment: datetime) -> date:
        """The date in the region at `moment` (which must carry a time zone)."""
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(f"{moment.isoformat()} has no time zone")
        return moment.astimezone(self.time_zone).date()
