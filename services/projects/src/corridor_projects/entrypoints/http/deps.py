"""What routers take from the composition root: database sessions, the injected clock, the calendar.

Transactions are explicit in each router (`async with sessions.begin()`): the commit happens before the
response is sent, and a use case that raises rolls everything back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from corridor_projects.domain.calendar import PlanningCalendar


def _sessions(request: Request) -> async_sessionmaker[AsyncSession]:
    return request.app.state.runtime.session_factory


def _calendar(request: Request) -> PlanningCalendar:
    return request.app.state.calendar


@dataclass(frozen=True)
class Moment:
    now: datetime
    today: date  # in the region's time zone: what "overdue" is measured against


def _moment(request: Request) -> Moment:
    now = request.app.state.clock()
    return Moment(now=now, today=request.app.state.calendar.local_date(now))


Sessions = Annotated[async_sessionmaker[AsyncSession], Depends(_sessions)]
Calendar = Annotated[PlanningCalendar, Depends(_calendar)]
Now = Annotated[Moment, Depends(_moment)]
AlgorithmCode = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9-]{1,63}$", examples=["gpzu"])]
