"""The production calendar in force: the federal one from the library, plus the region's overrides."""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from corridor_sla.adapters import repositories
from corridor_sla.domain.calendar import CalendarOverride, ProductionCalendar
from corridor_sla.service_layer.rules import RuleDefaults


async def calendar(session: AsyncSession, *, defaults: RuleDefaults) -> ProductionCalendar:
    return ProductionCalendar(await repositories.load_overrides(session), time_zone=defaults.time_zone)


async def overrides(session: AsyncSession, *, year: int | None = None) -> list[CalendarOverride]:
    return await repositories.load_overrides(session, year=year)


async def add_working_days(session: AsyncSession, *, start: date, days: int, defaults: RuleDefaults) -> date:
    return (await calendar(session, defaults=defaults)).add_working_days(start, days)


async def working_days_between(session: AsyncSession, *, start: date, end: date, defaults: RuleDefaults) -> int:
    return (await calendar(session, defaults=defaults)).working_days_between(start, end)
