"""An indicative due date: N working days (Monday to Friday) after the day of registration.

Why: a supplier's dispatched request must carry a due date the moment it is routed, before the SLA
service (which owns the production calendar with holidays and transfers) has started its clock.
This estimate skips weekends only; the SLA service's SlaClockStarted/SlaClockResumed replace it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo


def indicative_due_on(registered_at: datetime, target_working_days: int, time_zone: ZoneInfo) -> date:
    """Counting starts on the working day after registration (the regional standard)."""
    day = registered_at.astimezone(time_zone).date()
    remaining = target_working_days
    while remaining:
        day += timedelta(days=1)
        if day.weekday() < 5:
            remaining -= 1
    return day
