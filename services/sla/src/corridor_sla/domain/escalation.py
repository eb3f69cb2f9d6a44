"""Escalation of a breached clock, up a chain of people.

Why this rule: a breach is first the responsible organisation's own business, so its head hears at
the moment of breach; if another working day passes unanswered, the project's manager at the agency
steps in; after a second, the agency head. Offsets are working time consumed past the deadline, on
the clock's own measure, so an escalation waits while a clarification is with the investor and
nobody is chased over a weekend. The chain is data: the service resolves each role to a person.
The levels already escalated are the service's record for the clock's current cycle (a restart on
redirect begins a new one, see policy).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from .clock import SlaClock
from .working_time import WORKING_DAY


class EscalationRole(StrEnum):
    RESPONSIBLE_ORGANISATION_HEAD = "responsible_organisation_head"
    PROJECT_MANAGER = "project_manager"
    AGENCY_HEAD = "agency_head"


@dataclass(frozen=True)
class EscalationStep:
    level: int
    role: EscalationRole
    working_days_after_breach: int


DEFAULT_ESCALATION_CHAIN: tuple[EscalationStep, ...] = (
    EscalationStep(1, EscalationRole.RESPONSIBLE_ORGANISATION_HEAD, 0),
    EscalationStep(2, EscalationRole.PROJECT_MANAGER, 1),
    EscalationStep(3, EscalationRole.AGENCY_HEAD, 2),
)


def escalation_due_at(clock: SlaClock, step: EscalationStep) -> datetime | None:
    """When `step` falls due; None while the clock is paused short of it, or once it is closed."""
    if not clock.is_open:
        return None
    return clock.reaches(clock.target + WORKING_DAY * step.working_days_after_breach)


def next_escalation(clock: SlaClock, now: datetime, already_escalated_levels: Collection[int],
                    chain: Sequence[EscalationStep] = DEFAULT_ESCALATION_CHAIN) -> EscalationStep | None:
    """The lowest level due by `now` and not yet escalated; call again after recording it."""
    for step in sorted(chain, key=lambda s: s.level):
        if step.level in already_escalated_levels:
            continue
        due = escalation_due_at(clock, step)
        return step if due is not None and due <= now else None
    return None


def next_escalation_at(clock: SlaClock, already_escalated_levels: Collection[int],
                       chain: Sequence[EscalationStep] = DEFAULT_ESCALATION_CHAIN) -> datetime | None:
    """When the next pending level falls due, for the service's timer."""
    pending = [s for s in chain if s.level not in already_escalated_levels]
    if not pending:
        return None
    return escalation_due_at(clock, min(pending, key=lambda s: s.level))
