"""The rules in force (calendar overrides, per-type and named policies) and the operator's changes to them.

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
    policies: tuple[SlaPolicy, ...]  # request types' own, each coded by its request type
    named_policies: tuple[SlaPolicy, ...]  # by their own codes (supplier-7wd, ...)

    def rules(self, defaults: RuleDefaults) -> SlaRules:
        calendar = ProductionCalendar(self.overrides, time_zone=defaults.time_zone)
        return SlaRules(calendar, defaults.default_policy, {policy.code: policy for policy in self.policies},
                        {policy.code: policy for policy in self.named_policies})


async def load_rule_source(session: AsyncSession) -> RuleSource:
    policies = await repositories.load_policies(session)
    named = await repositories.load_named_policies(session)
    return RuleSource(tuple(await repositories.load_overrides(session)), tuple(policies.values()),
                      tuple(named.values()))


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
    """The request type's own policy, or None when it has none (its requests' named policy, else the default)."""
    return (await repositories.load_policies(session)).get(request_type)


async def set_policy(session: AsyncSession, *, policy: SlaPolicy, defaults: RuleDefaults, actor: uuid.UUID,
                     now: datetime) -> list[DeadlineChange]:
    """Store the policy of one request type (its code) and say which open deadlines moved."""
    before = await current_rules(session, defaults=defaults)
    await repositories.save_policy(session, policy.code, policy, actor=actor, now=now)
    return await _recompute(session, before, defaults, now)


async def named_policies(session: AsyncSession) -> list[SlaPolicy]:
    return list((await repositories.load_named_policies(session)).values())


async def named_policy(session: AsyncSession, *, code: str) -> SlaPolicy:
    if (policy := (await repositories.load_named_policies(session)).get(code)) is None:
        raise NotFound(f"There is no SLA policy named {code}")
    return policy


async def set_named_policy(session: AsyncSession, *, policy: SlaPolicy, defaults: RuleDefaults, actor: uuid.UUID,
                           now: datetime) -> list[DeadlineChange]:
    """Change a named policy (its code) and say which open deadlines moved; the set of codes is seed data."""
    before = await current_rules(session, defaults=defaults)
    if not await repositories.update_named_policy(session, policy, actor=actor, now=now):
        raise NotFound(f"There is no SLA policy named {policy.code}")
    return await _recompute(session, before, defaults, now)


async def seed_named_policies(session: AsyncSession, *, policies: Sequence[SlaPolicy], now: datetime) -> list[str]:
    """Add the shipped named policies the store lacks (a new store, or a code new in this release)."""
    return await repositories.add_missing_named_policies(session, policies, now=now)


async def _recompute(session: AsyncSession, before: SlaRules, defaults: RuleDefaults,
                     now: datetime) -> list[DeadlineChange]:
    after = await current_rules(session, defaults=defaults)
    histories = [ClockHistory(tracked.request_id, tracked.request_type or "", tracked.events, tracked.policy_code)
                 for tracked in await repositories.open_clocks(session)]
    return changed_deadlines(histories, before=before, after=after, now=now)
