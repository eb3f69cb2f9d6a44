"""What the API reads: a clock as of now, lists of clocks, compliance statistics.

Why a single clock is replayed on read: consumed and remaining time change every second and the
rules may have just changed, so the one clock an operator opens is computed from its history under
the current rules. Lists and statistics read the worker's read-model columns, which the timer
keeps current (at most one timer period behind).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from corridor_chassis.errors import NotFound
from corridor_sla.adapters import repositories
from corridor_sla.adapters.repositories import ClockFilter
from corridor_sla.domain.clock import ClockState
from corridor_sla.domain.policy import SlaPolicy
from corridor_sla.domain.rules import SlaRules
from corridor_sla.domain.stats import ClockRecord, ComplianceStats, compliance, compliance_by
from corridor_sla.domain.tracking import TrackedClock
from corridor_sla.service_layer.rules import RuleDefaults, current_rules


@dataclass(frozen=True)
class ClockView:
    tracked: TrackedClock
    state: ClockState
    policy: SlaPolicy


async def clock_view(session: AsyncSession, *, request_id: uuid.UUID, defaults: RuleDefaults,
                     now: datetime) -> ClockView:
    tracked = await repositories.get_clock(session, request_id)
    if tracked is None:
        raise NotFound(f"No SLA clock for request {request_id}: it is unknown or not routed yet")
    return _view(tracked, await current_rules(session, defaults=defaults), now)


async def clock_views(session: AsyncSession, *, where: ClockFilter, limit: int, offset: int,
                      defaults: RuleDefaults, now: datetime) -> list[ClockView]:
    rules = await current_rules(session, defaults=defaults)
    return [_view(tracked, rules, now)
            for tracked in await repositories.list_clocks(session, where, limit=limit, offset=offset)]


def _view(tracked: TrackedClock, rules: SlaRules, now: datetime) -> ClockView:
    clock = tracked.clock(rules)
    return ClockView(tracked, tracked.verdict or clock.state(max(now, clock.events[-1].at)), clock.policy)


@dataclass(frozen=True)
class Compliance:
    overall: ComplianceStats
    groups: dict[str, ComplianceStats]


async def compliance_stats(session: AsyncSession, *, where: ClockFilter,
                           group_by: Callable[[ClockRecord], str] | None = None) -> Compliance:
    records = await repositories.clock_records(session, where)
    return Compliance(compliance(records), compliance_by(records, group_by) if group_by else {})


async def dashboard_stats(session: AsyncSession, *, closed_since: date) -> dict[tuple[str, str], ComplianceStats]:
    """Per organisation and request type: every open clock, and the closed ones registered since."""
    records = await repositories.clock_records(session, ClockFilter(open_or_registered_since=closed_since))
    grouped = compliance_by(records, lambda record: f"{record.organisation_id}|{record.request_type}")
    return {tuple(key.split("|", 1)): stats for key, stats in grouped.items()}
