"""HTTP: the production calendar — working-day arithmetic, summaries, and the operators' overrides."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, ConfigDict, Field

from corridor_chassis.auth import CurrentPrincipal
from corridor_chassis.errors import Problem
from corridor_sla.domain.calendar import CalendarOverride, DayKind, PeriodSummary
from corridor_sla.domain.errors import SlaError
from corridor_sla.entrypoints.deps import CalendarKeeper, Defaults, Now, Session, problem_of
from corridor_sla.entrypoints.recomputation import RecomputedOut, recomputed
from corridor_sla.service_layer import calendar as calendar_service
from corridor_sla.service_layer.rules import remove_calendar_override, set_calendar_overrides

router = APIRouter(prefix="/calendar", tags=["calendar"])

FIRST_YEAR, LAST_YEAR = 2000, 2100
Year = Annotated[int, Path(ge=FIRST_YEAR, le=LAST_YEAR)]
FIRST_DAY, LAST_DAY = date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)
CalendarDay = Annotated[date, Field(ge=FIRST_DAY, le=LAST_DAY)]
MAX_SPAN_DAYS = 20 * 366


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OverrideIn(_Strict):
    day: CalendarDay
    kind: DayKind
    hours: int | None = Field(default=None, strict=True, ge=1, le=24,
                              description="Working hours, for a worked day only.")
    note: str = Field(default="", max_length=500, description="Why: the decree, the regional law.")


class OverridesIn(_Strict):
    overrides: list[OverrideIn] = Field(min_length=1, max_length=366)


class OverridesOut(RecomputedOut):
    overrides: list[CalendarOverride]


class DayOut(BaseModel):
    day: date
    working: bool
    shortened: bool
    hours: int
    override: CalendarOverride | None


class YearOut(BaseModel):
    year: int
    time_zone: str
    summary: PeriodSummary
    months: list[PeriodSummary]


class MonthOut(BaseModel):
    year: int
    month: int
    time_zone: str
    summary: PeriodSummary
    days: list[DayOut]


class AddedOut(BaseModel):
    start: date = Field(serialization_alias="from")
    days: int
    result: date


class CountedOut(BaseModel):
    start: date = Field(serialization_alias="from")
    end: date = Field(serialization_alias="to")
    working_days: int


class SpanTooLong(Problem):
    slug, status, title = "span-too-long", 422, "The span of dates is too long"


def _check_span(start: date, end: date) -> None:
    if abs((end - start).days) > MAX_SPAN_DAYS:
        raise SpanTooLong(f"Count at most {MAX_SPAN_DAYS} calendar days at once")


@router.get("/working-days/add", response_model=AddedOut, response_model_by_alias=True,
            summary="The n-th working day after a date (before it when n < 0); the date itself never counts")
async def add_working_days(principal: CurrentPrincipal, session: Session, defaults: Defaults,
                           start: Annotated[date, Query(alias="from", ge=FIRST_DAY, le=LAST_DAY)],
                           days: Annotated[int, Query(ge=-3660, le=3660)]) -> AddedOut:
    result = await calendar_service.add_working_days(session, start=start, days=days, defaults=defaults)
    return AddedOut(start=start, days=days, result=result)


@router.get("/working-days/count", response_model=CountedOut, response_model_by_alias=True,
            summary="Working days after `from` up to and including `to`")
async def count_working_days(principal: CurrentPrincipal, session: Session, defaults: Defaults,
                             start: Annotated[date, Query(alias="from", ge=FIRST_DAY, le=LAST_DAY)],
                             end: Annotated[date, Query(alias="to", ge=FIRST_DAY, le=LAST_DAY)]) -> CountedOut:
    _check_span(start, end)
    counted = await calendar_service.working_days_between(session, start=start, end=end, defaults=defaults)
    return CountedOut(start=start, end=end, working_days=counted)


@router.get("/overrides", response_model=list[CalendarOverride], summary="The region's overrides of the calendar")
async def list_overrides(principal: CurrentPrincipal, session: Session,
                         year: Annotated[int | None, Query(ge=FIRST_YEAR, le=LAST_YEAR)] = None) -> list[CalendarOverride]:
    return await calendar_service.overrides(session, year=year)


@router.put("/overrides", response_model=OverridesOut,
            summary="Set days of the calendar (a decree, a regional holiday); open clocks are recomputed")
async def put_overrides(body: OverridesIn, principal: CalendarKeeper, session: Session, defaults: Defaults,
                        now: Now) -> OverridesOut:
    try:
        overrides = list({o.day: CalendarOverride(o.day, o.kind, o.hours, o.note) for o in body.overrides}.values())
    except SlaError as exc:
        raise problem_of(exc) from exc
    async with session.begin():
        changes = await set_calendar_overrides(session, overrides=overrides, defaults=defaults,
                                               actor=principal.subject, now=now)
    return OverridesOut(overrides=overrides, recomputed=recomputed(changes))


@router.delete("/overrides/{day}", response_model=RecomputedOut,
               summary="Drop an override: the day is as the federal calendar has it; open clocks are recomputed")
async def delete_override(day: date, principal: CalendarKeeper, session: Session, defaults: Defaults,
                          now: Now) -> RecomputedOut:
    async with session.begin():
        changes = await remove_calendar_override(session, day=day, defaults=defaults, now=now)
    return RecomputedOut(recomputed=recomputed(changes))


@router.get("/{year}", response_model=YearOut, summary="The year's norms and its months")
async def year_calendar(year: Year, principal: CurrentPrincipal, session: Session, defaults: Defaults) -> YearOut:
    calendar = await calendar_service.calendar(session, defaults=defaults)
    return YearOut(year=year, time_zone=defaults.time_zone, summary=calendar.year_summary(year),
                   months=[calendar.month_summary(year, month) for month in range(1, 13)])


@router.get("/{year}/{month}", response_model=MonthOut, summary="The month's norms and every day of it")
async def month_calendar(year: Year, month: Annotated[int, Path(ge=1, le=12)], principal: CurrentPrincipal,
                         session: Session, defaults: Defaults) -> MonthOut:
    calendar = await calendar_service.calendar(session, defaults=defaults)
    summary = calendar.month_summary(year, month)
    days = [summary.first_day + timedelta(days=n) for n in range(summary.calendar_days)]
    return MonthOut(year=year, month=month, time_zone=defaults.time_zone, summary=summary, days=[
        DayOut(day=day, working=calendar.is_working_day(day), shortened=calendar.is_shortened_day(day),
               hours=calendar.working_hours(day),
               override=calendar.overrides.get(day))
        for day in days])
