"""How much time is left to answer a request, in the working days people count in.

The sla service keeps the clock (working minutes of the production calendar, whole working days of
24 working hours each, see its README); this turns the minutes into the number a cabinet shows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MINUTES_PER_WORKING_DAY = 24 * 60


@dataclass(frozen=True)
class TimeLeft:
    working_days: int  # negative when overdue
    overdue: bool
    paused: bool

    @property
    def urgency(self) -> str:
        """ok, soon (one working day or less) or overdue: how a row is highlighted."""
        if self.overdue:
            return "overdue"
        return "soon" if self.working_days <= 1 else "ok"


def time_left(clock: dict | None) -> TimeLeft | None:
    """The time left on a clock as the sla service reports it; None when there is no running clock."""
    if not clock or clock.get("closed_at") or clock.get("status") in ("stopped", "met"):
        return None
    minutes = int(clock.get("remaining_working_minutes", 0))
    if minutes > 0:
        days = math.ceil(minutes / MINUTES_PER_WORKING_DAY)
    else:
        days = -math.ceil(-minutes / MINUTES_PER_WORKING_DAY) if minutes < 0 else 0
    return TimeLeft(days, overdue=minutes < 0 or clock.get("status") == "breached",
                    paused=clock.get("status") == "paused")
