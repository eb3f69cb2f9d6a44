"""Reading and writing the sla store: calendar overrides, policies (per type and named), the clocks read model."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_sla.adapters.records import tracked_from_json, tracked_to_json
from corridor_sla.adapters.tables import calendar_overrides, clocks, named_sla_policies, sla_policies
from corridor_sla.domain.calendar import CalendarOverride, DayKind
from corridor_sla.domain.clock import ClockState, ClockStatus
from corridor_sla.domain.events import Outcome
from corridor_sla.domain.policy import RedirectRule, SlaPolicy
from corridor_sla.domain.stats import ClockRecord
from corridor_sla.domain.tracking import TrackedClock


async def load_overrides(session: AsyncSession, *, year: int | None = None) -> list[CalendarOverride]:
    query = select(calendar_overrides).order_by(calendar_overrides.c.day)
    if year is not None:
        query = query.where(calendar_overrides.c.day.between(date(year, 1, 1), date(year, 12, 31)))
    return [CalendarOverride(row.day, DayKind(row.kind), row.hours, row.note)
            for row in (await session.execute(query)).all()]


async def save_overrides(session: AsyncSession, overrides: Iterable[CalendarOverride], *,
                         actor: uuid.UUID, now: datetime) -> None:
    for override in overrides:
        values = {"kind": override.kind.value, "hours": override.hours, "note": override.note,
                  "updated_at": now, "updated_by": actor}
        changed = await session.execute(
            update(calendar_overrides).where(calendar_overrides.c.day == override.day).values(**values))
        if changed.rowcount == 0:
            await session.execute(insert(calendar_overrides).values(day=override.day, **values))


async def delete_override(session: AsyncSession, day: date) -> bool:
    deleted = await session.execute(delete(calendar_overrides).where(calendar_overrides.c.day == day))
    return deleted.rowcount > 0


async def load_policies(session: AsyncSession) -> dict[str, SlaPolicy]:
    """The request types' own policies, by request type code (the policy's code is the type's)."""
    rows = (await session.execute(select(sla_policies).order_by(sla_policies.c.request_type))).all()
    return {row.request_type: _policy(row.request_type, row) for row in rows}


async def save_policy(session: AsyncSession, request_type: str, policy: SlaPolicy, *,
                      actor: uuid.UUID, now: datetime) -> None:
    values = _policy_values(policy) | {"updated_at": now, "updated_by": actor}
    changed = await session.execute(
        update(sla_policies).where(sla_policies.c.request_type == request_type).values(**values))
    if changed.rowcount == 0:
        await session.execute(insert(sla_policies).values(request_type=request_type, **values))


async def load_named_policies(session: AsyncSession) -> dict[str, SlaPolicy]:
    rows = (await session.execute(select(named_sla_policies).order_by(named_sla_policies.c.code))).all()
    return {row.code: _policy(row.code, row) for row in rows}


async def update_named_policy(session: AsyncSession, policy: SlaPolicy, *, actor: uuid.UUID,
                              now: datetime) -> bool:
    """Change a named policy; False when there is none by that code (named policies are not created here)."""
    values = _policy_values(policy) | {"updated_at": now, "updated_by": actor}
    changed = await session.execute(
        update(named_sla_policies).where(named_sla_policies.c.code == policy.code).values(**values))
    return changed.rowcount > 0


async def add_missing_named_policies(session: AsyncSession, policies: Iterable[SlaPolicy], *,
                                     now: datetime) -> list[str]:
    """Insert the policies whose code the store lacks, leaving operators' edits of the others; their codes."""
    known = set((await session.execute(select(named_sla_policies.c.code))).scalars())
    added = [policy for policy in policies if policy.code not in known]
    for policy in added:
        await session.execute(insert(named_sla_policies).values(
            code=policy.code, **_policy_values(policy), updated_at=now, updated_by=None))
    return [policy.code for policy in added]


def _policy(code: str, row: Row) -> SlaPolicy:
    return SlaPolicy(code=code, target_working_days=row.target_working_days,
                     warn_at=tuple(percent / 100 for percent in row.warn_at_percent),
                     warn_on_last_day=row.warn_on_last_day, redirect_rule=RedirectRule(row.redirect_rule))


def _policy_values(policy: SlaPolicy) -> dict[str, object]:
    return {"target_working_days": policy.target_working_days,
            "warn_at_percent": [round(fraction * 100) for fraction in policy.warn_at],
            "warn_on_last_day": policy.warn_on_last_day, "redirect_rule": policy.redirect_rule.value}


async def save_clock(session: AsyncSession, tracked: TrackedClock, state: ClockState, *, now: datetime) -> None:
    """Insert or refresh the read-model row of a started clock."""
    answered = state.outcome is Outcome.ANSWERED
    values = {
        "project_id": uuid.UUID(tracked.project_id), "request_type": tracked.request_type or "",
        "recipient_organization_id": uuid.UUID(tracked.recipient_organization_id),
        "investor_organization_id": _uuid(tracked.investor_organization_id), "status": state.status.value,
        "registered_at": state.registered_at, "registered_on": state.registered_at.date(),
        "deadline": state.deadline, "due_on": state.due_date, "closed_at": state.closed_at, "answered": answered,
        "response_working_days": state.consumed_working_days if answered else None,
        "next_check_at": tracked.next_check_at, "record": tracked_to_json(tracked), "updated_at": now,
    }
    request_id = uuid.UUID(tracked.request_id)
    changed = await session.execute(update(clocks).where(clocks.c.request_id == request_id).values(**values))
    if changed.rowcount == 0:
        await session.execute(insert(clocks).values(request_id=request_id, **values))


async def get_clock(session: AsyncSession, request_id: uuid.UUID) -> TrackedClock | None:
    record = (await session.execute(select(clocks.c.record).where(clocks.c.request_id == request_id))).scalar()
    return None if record is None else tracked_from_json(record)


async def open_clocks(session: AsyncSession) -> list[TrackedClock]:
    records = (await session.execute(select(clocks.c.record).where(clocks.c.closed_at.is_(None)))).scalars()
    return [tracked_from_json(record) for record in records]


@dataclass(frozen=True)
class ClockFilter:
    status: ClockStatus | None = None
    organization_id: uuid.UUID | None = None  # the recipient
    investor_organization_id: uuid.UUID | None = None
    request_type: str | None = None
    registered_from: date | None = None
    registered_to: date | None = None
    open_or_registered_since: date | None = None  # open clocks of any age, closed ones from this day

    def apply(self, query):
        if self.status is not None:
            query = query.where(clocks.c.status == self.status.value)
        if self.organization_id is not None:
            query = query.where(clocks.c.recipient_organization_id == self.organization_id)
        if self.investor_organization_id is not None:
            query = query.where(clocks.c.investor_organization_id == self.investor_organization_id)
        if self.request_type is not None:
            query = query.where(clocks.c.request_type == self.request_type)
        if self.registered_from is not None:
            query = query.where(clocks.c.registered_on >= self.registered_from)
        if self.registered_to is not None:
            query = query.where(clocks.c.registered_on <= self.registered_to)
        if self.open_or_registered_since is not None:
            query = query.where(clocks.c.closed_at.is_(None) | (clocks.c.registered_on >= self.open_or_registered_since))
        return query


async def list_clocks(session: AsyncSession, where: ClockFilter, *, limit: int, offset: int) -> list[TrackedClock]:
    query = where.apply(select(clocks.c.record)).order_by(clocks.c.deadline, clocks.c.request_id)
    records = (await session.execute(query.limit(limit).offset(offset))).scalars()
    return [tracked_from_json(record) for record in records]


async def clock_records(session: AsyncSession, where: ClockFilter) -> list[ClockRecord]:
    """The rows statistics are computed from, as the domain's ClockRecord."""
    query = where.apply(select(clocks.c.recipient_organization_id, clocks.c.request_type, clocks.c.registered_on,
                               clocks.c.status, clocks.c.closed_at, clocks.c.answered,
                               clocks.c.response_working_days))
    return [_record(row) for row in (await session.execute(query)).all()]


def _record(row: Row) -> ClockRecord:
    return ClockRecord(str(row.recipient_organization_id), row.request_type, row.registered_on,
                       ClockStatus(row.status), row.closed_at is None, row.answered, row.response_working_days)


def _uuid(value: str | None) -> uuid.UUID | None:
    return None if value is None else uuid.UUID(value)

