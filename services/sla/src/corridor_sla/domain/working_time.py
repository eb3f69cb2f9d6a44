"""Working time between moments: the measure every SLA clock runs on.

Why a whole-day model: the regional standard promises an answer "within N working days", and the
deadline is the end of the last of them, so an answer late in the evening of the last working day is
on time. A working day therefore counts in full, 00:00 to 24:00 local time (86 400 s of wall-clock
time, whatever its working hours); non-working days count nothing. Shortened days matter for hours
norms, not for deadlines. Wall-clock time is exact for Russian zones (no daylight saving since 2014).

Deadlines are exclusive instants: a term that ends with working day D ends at 00:00 of the day after
D, and a clock is breached from that instant on; `due_date` (D) is what people are shown.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from .calendar import ProductionCalendar

WORKING_DAY = timedelta(days=1)


def counting_starts_at(calendar: ProductionCalendar, registered_at: datetime) -> datetime:
    """00:00 of the first working day after the day of registration (a holiday or weekend included)."""
    return calendar.start_of(calendar.add_working_days(calendar.local_date(registered_at), 1))


def working_time_between(calendar: ProductionCalendar, start: datetime, end: datetime) -> timedelta:
    """The part of [start, end) that falls on working days; zero when end is not after start."""
    start, end = _wall(calendar, start), _wall(calendar, end)
    total, day = timedelta(0), start.date()
    while day <= end.date():
        if calendar.is_working_day(day):
            low = max(start, datetime.combine(day, time()))
            high = min(end, datetime.combine(day + WORKING_DAY, time()))
            total += max(high - low, timedelta(0))
        day += WORKING_DAY
    return total


def advance_working_time(calendar: ProductionCalendar, start: datetime, amount: timedelta) -> datetime:
    """The earliest moment at which `amount` of working time has passed since `start`.

    Exhausting a working day exactly lands on 00:00 of the next calendar day: the exclusive end of
    that working day, even when the next day is not worked.
    """
    cursor = _wall(calendar, start)
    if amount <= timedelta(0):
        return calendar.to_local(start)
    while True:
        day_end = datetime.combine(cursor.date() + WORKING_DAY, time())
        if calendar.is_working_day(cursor.date()):
            available = day_end - cursor
            if amount <= available:
                return (cursor + amount).replace(tzinfo=calendar.time_zone)
            amount -= available
        cursor = day_end


def last_working_day(calendar: ProductionCalendar, deadline: datetime) -> date:
    """The day shown as due: the working day in which the exclusive `deadline` falls or ends."""
    return calendar.local_date(deadline - timedelta(microseconds=1))


def _wall(calendar: ProductionCalendar, moment: datetime) -> datetime:
    """Local wall-clock time without the zone, so day arithmetic is plain subtraction."""
    return calendar.to_local(moment).replace(tzinfo=None)
