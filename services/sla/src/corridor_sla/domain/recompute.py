"""Recomputation: what a change of calendar or policy does to the clocks still open.

Why: clocks store no computed values, so replaying each history under the old and the new rules
and comparing is the whole job; the answer names the clocks whose deadline moved, which is what the
service publishes and what an operator wants to see before and after editing a calendar.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from .events import ClockEvent
from .rules import SlaRules


@dataclass(frozen=True)
class ClockHistory:
    clock_id: str
    request_type: str
    events: Sequence[ClockEvent]
    policy_code: str | None = None  # the named policy the request type names, if any


@dataclass(frozen=True)
class DeadlineChange:
    clock_id: str
    old_deadline: datetime
    new_deadline: datetime


def changed_deadlines(histories: Iterable[ClockHistory], *, before: SlaRules, after: SlaRules,
                      now: datetime) -> list[DeadlineChange]:
    """Open clocks whose deadline differs under `after`; closed clocks keep their verdict."""
    changes = []
    for history in histories:
        old = before.clock(history.request_type, history.events, history.policy_code)
        if not old.is_open:
            continue
        new = after.clock(history.request_type, history.events, history.policy_code)
        if (old_deadline := old.deadline(now)) != (new_deadline := new.deadline(now)):
            changes.append(DeadlineChange(history.clock_id, old_deadline, new_deadline))
    return changes
