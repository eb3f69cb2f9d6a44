"""A tracked request: its clock history, and which facts about it have been announced.

Why: the stream worker keeps one TrackedClock per request (in its changelog-backed table) and asks
one question of it after every change or timer tick: what is true by now that nobody has been told?
The answer, a list of Announcements, is a pure function of the history, the rules and the moment,
so a replay after a crash finds the same announcements under the same keys; the service turns each
key into a deterministic event id, and consumers drop what they already saw.

Announcement keys: `started:<i>`, `paused:<i>`, `resumed:<i>`, `met:<i>` name the history event
at index i that caused them (a redirect announces `started:<i>` for the new recipient);
`warning:<cycle>:<code>`, `breached:<cycle>` and `escalated:<cycle>:<level>` are points on the
clock, once per cycle (a restart on redirect begins a new cycle).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from .clock import ClockState, ClockStatus, SlaClock
from .escalation import DEFAULT_ESCALATION_CHAIN, EscalationStep, escalation_due_at, next_escalation, next_escalation_at
from .events import ClockEvent, Paused, Redirected, Resumed, Started, Stopped
from .policy import SlaPolicy
from .rules import SlaRules

_KEPT_EVENT_IDS = 64  # a request has a handful of lifecycle events; this bounds the record all the same


class Kind(StrEnum):
    STARTED = "started"
    PAUSED = "paused"
    RESUMED = "resumed"
    WARNING = "warning"
    BREACHED = "breached"
    ESCALATED = "escalated"
    MET = "met"


@dataclass(frozen=True)
class Announcement:
    kind: Kind
    key: str
    at: datetime  # when the fact became true (a breach at its deadline, not when the timer noticed)
    due_on: date
    consumed: timedelta
    remaining: timedelta = timedelta(0)
    percent_elapsed: int = 0
    escalation: EscalationStep | None = None
    starts_on: date | None = None  # a (re)started clock's first counted day


@dataclass(frozen=True)
class TrackedClock:
    """What the service knows of one request. The clock exists once the request is routed."""

    request_id: str
    project_id: str
    request_type: str | None = None
    investor_organization_id: str | None = None
    recipient_organization_id: str | None = None
    registered_at: datetime | None = None
    routed_at: datetime | None = None
    events: tuple[ClockEvent, ...] = ()
    announced: frozenset[str] = frozenset()
    applied_event_ids: tuple[str, ...] = ()
    next_check_at: datetime | None = None
    verdict: ClockState | None = None  # the state as the clock closed: later rule changes leave it be
    policy_code: str | None = None  # the SLA policy the request type names (request events' sla_policy_code)

    @property
    def started(self) -> bool:
        return bool(self.events)

    @property
    def is_open(self) -> bool:
        return self.started and not isinstance(self.events[-1], Stopped)

    def needs_check(self, now: datetime, *, rules_changed: bool = False) -> bool:
        """Whether the timer should have this clock evaluated: something fell due, or the rules moved."""
        if not self.is_open:
            return False
        return rules_changed or (self.next_check_at is not None and self.next_check_at <= now)

    def has_applied(self, event_id: str) -> bool:
        return event_id in self.applied_event_ids

    def applying(self, event_id: str, **changes: object) -> TrackedClock:
        """This record with a request event applied; its id is remembered so a redelivery is ignored."""
        return replace(self, applied_event_ids=(*self.applied_event_ids, event_id)[-_KEPT_EVENT_IDS:], **changes)

    def policy(self, rules: SlaRules) -> SlaPolicy:
        return rules.policy_for(self.request_type or "", self.policy_code)

    def clock(self, rules: SlaRules) -> SlaClock:
        return rules.clock(self.request_type or "", self.events, self.policy_code)


@dataclass(frozen=True)
class Evaluation:
    tracked: TrackedClock
    announcements: list[Announcement] = field(default_factory=list)
    state: ClockState | None = None


def evaluate(tracked: TrackedClock, rules: SlaRules, at: datetime,
             chain: Sequence[EscalationStep] = DEFAULT_ESCALATION_CHAIN) -> Evaluation:
    """Everything true of the clock by `at` and not yet announced, oldest first; and when to look again."""
    if not tracked.started:
        return Evaluation(tracked)
    if tracked.verdict is not None:
        return Evaluation(tracked, state=tracked.verdict)
    clock = tracked.clock(rules)
    at = max(at, clock.events[-1].at)
    found = _history_announcements(tracked, rules) + _time_announcements(clock, at, tracked.announced, chain)
    found.sort(key=lambda announcement: (announcement.key != "started:0", announcement.at))
    levels = _escalated_levels(tracked.announced | {a.key for a in found}, clock.cycle)
    moments = [clock.next_change_at(at), next_escalation_at(clock, levels, chain)]
    next_check = min((moment for moment in moments if moment is not None), default=None)
    state = clock.state(at)
    updated = replace(tracked, announced=tracked.announced | {a.key for a in found}, next_check_at=next_check,
                      verdict=None if clock.is_open else state)
    return Evaluation(updated, found, state)


def _history_announcements(tracked: TrackedClock, rules: SlaRules) -> list[Announcement]:
    """One announcement per history event not yet announced, stated as of that event."""
    found = []
    for index, event in enumerate(tracked.events):
        kind = _kind_of(event)
        key = f"{kind}:{index}"
        if kind is None or key in tracked.announced:
            continue
        then = replace(tracked, events=tracked.events[:index + 1]).clock(rules)
        state = then.state(event.at)
        if kind is Kind.MET and state.status is not ClockStatus.MET:
            continue  # withdrawn, or answered late: the breach was (or is now) announced instead
        moment = tracked.routed_at if index == 0 and tracked.routed_at else event.at
        found.append(Announcement(kind, key, moment, state.due_date, state.consumed,
                                  max(state.remaining, timedelta(0)), starts_on=state.counting_starts_at.date()))
    return found


def _kind_of(event: ClockEvent) -> Kind | None:
    match event:
        case Started() | Redirected():
            return Kind.STARTED
        case Paused():
            return Kind.PAUSED
        case Resumed():
            return Kind.RESUMED
        case Stopped():
            return Kind.MET
    return None


def _time_announcements(clock: SlaClock, at: datetime, announced: frozenset[str],
                        chain: Sequence[EscalationStep]) -> list[Announcement]:
    found = []
    sent = {key.removeprefix("warning:") for key in announced if key.startswith("warning:")}
    for warning in clock.due_warnings(at, sent):
        consumed = clock.consumed(warning.at)
        found.append(Announcement(
            Kind.WARNING, f"warning:{warning.key}", warning.at, clock.state(warning.at).due_date, consumed,
            remaining=clock.target - consumed, percent_elapsed=min(100, round(100 * consumed / clock.target))))
    breach = clock.breached_at
    if breach is not None and breach <= at and f"breached:{clock.cycle}" not in announced:
        found.append(Announcement(Kind.BREACHED, f"breached:{clock.cycle}", breach,
                                  clock.state(breach).due_date, clock.target))
    levels = _escalated_levels(announced, clock.cycle)
    while (step := next_escalation(clock, at, levels, chain)) is not None:
        due = escalation_due_at(clock, step)
        found.append(Announcement(Kind.ESCALATED, f"escalated:{clock.cycle}:{step.level}", due,
                                  clock.state(due).due_date, clock.consumed(due), escalation=step))
        levels.add(step.level)
    return found


def _escalated_levels(announced: frozenset[str] | set[str], cycle: int) -> set[int]:
    prefix = f"escalated:{cycle}:"
    return {int(key.removeprefix(prefix)) for key in announced if key.startswith(prefix)}
