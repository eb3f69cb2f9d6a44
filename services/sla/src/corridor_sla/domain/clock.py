"""An SLA clock, derived from nothing but its events, a policy and a calendar.

Why derived: nothing computed is stored, so a changed calendar or policy recomputes every open clock
by replaying it, and a restarted service recovers each clock from its event history. All answers
take `now` explicitly (a controllable clock); `now` should not precede the last event.

Time model (see working_time): consumed time is the working time the clock ran, from 00:00 of the
working day after registration, minus pauses; the term is `target_working_days` whole working days.
A pause moves the deadline by exactly the working time it lasted, so a part-day pause can put the
deadline in the middle of a working day. Warnings, the breach and escalations are all points on this
one measure, so all of them wait while the clock is paused.

Transitions: Started once, first; Paused only while running; Resumed only while paused; Redirected
while open (the rule decides whether time is kept); Stopped once, last (a reopened request is a new
clock). Anything else is an InvalidClockHistory the caller may log and skip.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from .calendar import ProductionCalendar
from .errors import InvalidClockHistory
from .events import ClockEvent, Outcome, Paused, Redirected, Resumed, Started, Stopped
from .policy import RedirectRule, SlaPolicy
from .working_time import (WORKING_DAY, advance_working_time, counting_starts_at, last_working_day,
                           working_time_between)


_TICK = timedelta(microseconds=1)  # the resolution of datetime


class ClockStatus(StrEnum):
    RUNNING = "running"
    PAUSED = "paused"
    MET = "met"  # answered before the deadline
    BREACHED = "breached"  # open past the deadline, or answered after it
    STOPPED = "stopped"  # withdrawn


@dataclass(frozen=True)
class ClockWarning:
    code: str  # "progress_50", "progress_80", "last_working_day"
    at: datetime
    cycle: int  # restarts before it; a restarted clock warns again

    @property
    def key(self) -> str:
        """What the service remembers as sent, so a warning goes out once per cycle."""
        return f"{self.cycle}:{self.code}"


@dataclass(frozen=True)
class ClockState:
    status: ClockStatus
    cycle: int
    registered_at: datetime
    counting_starts_at: datetime
    deadline: datetime  # exclusive: breached from this instant on
    due_date: date  # the last working day, as shown to people
    consumed: timedelta
    remaining: timedelta  # negative once overdue
    breached_at: datetime | None
    closed_at: datetime | None
    outcome: Outcome | None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def consumed_working_days(self) -> float:
        return self.consumed / WORKING_DAY


class SlaClock:
    def __init__(self, events: Sequence[ClockEvent], policy: SlaPolicy, calendar: ProductionCalendar) -> None:
        self.events, self.policy, self.calendar = tuple(events), policy, calendar
        self.cycle, self.paused, self.closed = 0, False, None
        self._runs: list[tuple[datetime, datetime | None]] = []  # the current cycle's running spans
        if not self.events or not isinstance(self.events[0], Started):
            raise InvalidClockHistory("a clock's history begins with Started")
        self.registered_at = previous = calendar.to_local(self.events[0].at)
        self.counting_starts_at = counting_starts_at(calendar, self.registered_at)
        self._runs.append((self.registered_at, None))
        for event in self.events[1:]:
            at = calendar.to_local(event.at)
            if at < previous:
                raise InvalidClockHistory(f"{type(event).__name__} at {at.isoformat()} precedes an earlier event")
            self._apply(event, at)
            previous = at

    def _apply(self, event: ClockEvent, at: datetime) -> None:
        if self.closed is not None:
            raise InvalidClockHistory(f"{type(event).__name__} after the clock stopped")
        match event:
            case Paused() if not self.paused:
                self._runs[-1] = (self._runs[-1][0], at)
                self.paused = True
            case Resumed() if self.paused:
                self._runs.append((at, None))
                self.paused = False
            case Redirected() if (event.rule or self.policy.redirect_rule) == RedirectRule.RESTART:
                self.cycle += 1
                self.counting_starts_at = counting_starts_at(self.calendar, at)
                self._runs = [] if self.paused else [(at, None)]
            case Redirected():
                pass  # CONTINUE: the same clock goes on
            case Stopped():
                if not self.paused:
                    self._runs[-1] = (self._runs[-1][0], at)
                self.closed = event
            case _:
                state = "paused" if self.paused else "running"
                raise InvalidClockHistory(f"{type(event).__name__} is not allowed while the clock is {state}")

    @property
    def is_open(self) -> bool:
        return self.closed is None

    @property
    def target(self) -> timedelta:
        return self.policy.target

    def consumed(self, now: datetime) -> timedelta:
        return sum((working_time_between(self.calendar, max(start, self.counting_starts_at), min(end or now, now))
                    for start, end in self._runs), timedelta(0))

    def reaches(self, amount: timedelta) -> datetime | None:
        """When consumed time reaches `amount`; None if it has not and the clock no longer runs."""
        used = timedelta(0)
        for start, end in self._runs:
            start = max(start, self.counting_starts_at)
            span = None if end is None else working_time_between(self.calendar, start, end)
            if span is None or used + span >= amount:
                return advance_working_time(self.calendar, start, amount - used)
            used += span
        return None

    @property
    def breached_at(self) -> datetime | None:
        return self.reaches(self.target)

    def deadline(self, now: datetime) -> datetime:
        """For a paused clock: the deadline if it resumed at `now`; for a closed one: as of closing."""
        if (breach := self.breached_at) is not None:
            return breach
        until = self.closed.at if self.closed is not None else now
        start = max(self.calendar.to_local(until), self.counting_starts_at)
        return advance_working_time(self.calendar, start, self.target - self.consumed(until))

    def status(self, now: datetime) -> ClockStatus:
        breach = self.breached_at
        if self.closed is not None:
            if self.closed.outcome == Outcome.WITHDRAWN:
                return ClockStatus.STOPPED
            return ClockStatus.MET if breach is None else ClockStatus.BREACHED
        if breach is not None and breach <= now:
            return ClockStatus.BREACHED
        return ClockStatus.PAUSED if self.paused else ClockStatus.RUNNING

    def is_breached(self, now: datetime) -> bool:
        return (breach := self.breached_at) is not None and breach <= now

    def warnings(self) -> tuple[ClockWarning, ...]:
        """The current cycle's warnings that have a moment (a paused clock's later ones have none)."""
        found = [ClockWarning(f"progress_{round(f * 100)}", at, self.cycle) for f in self.policy.warn_at
                 if (at := self.reaches(self.target * f)) is not None]
        # The last day begins when the clock starts using its final working day, not when the one
        # before ended: across a weekend that is Monday 00:00, not Saturday 00:00.
        last_day = self.reaches(self.target - WORKING_DAY + _TICK) if self.policy.warn_on_last_day else None
        if last_day is not None:
            found.append(ClockWarning("last_working_day", last_day - _TICK, self.cycle))
        return tuple(sorted(found, key=lambda warning: warning.at))

    def due_warnings(self, now: datetime, already_sent: Collection[str] = ()) -> tuple[ClockWarning, ...]:
        """Warnings crossed by `now` and not yet sent; none once closed or breached (the breach says more)."""
        if not self.is_open or self.is_breached(now):
            return ()
        return tuple(w for w in self.warnings() if w.at <= now and w.key not in already_sent)

    def next_change_at(self, now: datetime) -> datetime | None:
        """The next moment a warning or the breach falls due, for the service's timer."""
        if not self.is_open:
            return None
        moments = [w.at for w in self.warnings()] + [self.breached_at]
        return min((m for m in moments if m is not None and m > now), default=None)

    def state(self, now: datetime) -> ClockState:
        deadline, consumed = self.deadline(now), self.consumed(now)
        return ClockState(
            status=self.status(now), cycle=self.cycle, registered_at=self.registered_at,
            counting_starts_at=self.counting_starts_at, deadline=deadline,
            due_date=last_working_day(self.calendar, deadline), consumed=consumed,
            remaining=self.target - consumed, breached_at=self.breached_at,
            closed_at=None if self.closed is None else self.closed.at,
            outcome=None if self.closed is None else self.closed.outcome)
