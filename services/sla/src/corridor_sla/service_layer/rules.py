"""The rules in force (calendar overrides and policies) and the operator's changes to them.

Why recompute here: a change of calendar or policy moves the deadlines of open clocks, and the
operator who made it should see which ones in the same answer. The stream worker notices the new
rules on its next tick and re-announces what changed (warnings now due, the breach), so the
HTTP side only reads clocks and never publishes clock events itself.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from corridor_chassis.errors import NotFound
from corridor_sla.adapters import repositories
from corridor_sla.domain.calendar import CalendarOverride, ProductionCalendar
from corridor_sla.domain.policy import SlaPolicy
from corridor_sla.domain.recompute import ClockHistory, DeadlineChange, changed_deadlines
from corridor_sla.domain.rules import SlaRules


@dataclass(frozen=True)
class RuleDefaults:
    """What holds without any operator data: the region's time zone and the default policy."""

    time_zone: str
    default_policy: SlaPolicy


@dataclass(frozen=True)
class RuleSource:
    """The operator data the rules are built from; equal sources build equal rules."""

    overrides: tuple[CalendarOverride, ...]
    policies: tuple[SlaPolicy, ...]

    def rules(self, defaults: RuleDefaults) -> SlaRules:
        calendar = ProductionCalendar(self.overrides, time_zone=defaults.time_zone)
        return SlaRules(calendar, defaults.default_policy, {policy.code: policy for policy in self.policies})


async def load_rule_source(session: AsyncSession) -> RuleSource:
    policies = await repositories.load_policies(session)
    return RuleSource(tuple(await repositories.load_overrides(session)), tuple(policies.values()))


async def current_rules(session: AsyncSession, *, defaults: RuleDefaults) -> SlaRules:
    return (await load_rule_source(session)).rules(defaults)


async def set_calendar_overrides(session: AsyncSession, *, overrides: Sequence[CalendarOverride],
                                 defaults: RuleDefaults, actor: uuid.UUID, now: datetime) -> list[DeadlineChange]:
    """Store overrides (in order, so a later one for the same day wins) and say which open deadlines moved."""
    before = await current_rules(session, defaults=defaults)
    await repositories.save_overrides(session, overrides, actor=actor, now=now)
    return await _recompute(session, before, defaults, now)


async def remove_calendar_override(session: AsyncSession, *, day: date, defaults: RuleDefaults,
                                   now: datetime) -> list[DeadlineChange]:
    before = await current_rules(session, defaults=defaults)
    if not await repositories.delete_override(session, day):
        raise NotFound(f"There is no calendar override for {day.isoformat()}")
    return await _recompute(session, before, defaults, now)


async def effective_policy(session: AsyncSession, *, request_type: str) -> SlaPolicy | None:
    """The request type's own policy, or None when the default applies."""
    return (await repositories.load_policies(session)).get(request_type)


async def set_policy(session: AsyncSession, *, policy: SlaPolicy, defaults: RuleDefaults, actor: uuid.UUID,
                     now: datetime) -> list[DeadlineChange]:
    """Store the policy of one request type (its code) and say which open deadlines moved."""
    before = await current_rules(session, defaults=defaults)
    await repositories.save_policy(session, policy.code, policy, actor=actor, now=now)
    return await _recompute(session, before, defaults, now)


async def _recompute(session: AsyncSession, before: SlaRules, defaults: RuleDefaults,
                     now: datetime) -> list[DeadlineChange]:
    after = await current_rules(session, defaults=defaults)
    histories = [ClockHistory(tracked.request_id, tracked.request_type or "", tracked.events)
                 for tracked in await repositories.open_clocks(session)]
    return changed_deadlines(histories, before=before, after=after, now=now)
