"""A project's roadmap: investment-rules algorithms laid out as dated tasks, and how tasks move.

Planning: the manager lists algorithms in order; each starts on the roadmap's start date, or when an
earlier algorithm named in `after` ends (a construction permit after the ГПЗУ). Within an algorithm
the steps follow one another: a step starts on the day the previous one is due and is due when its
term ends on the planning calendar. Re-planning keeps each task's id (and so its status and linked
request) as long as the same step of the same algorithm is still in the roadmap.

Moving: the manager moves tasks by hand; requests move them too (filed → in progress, answered →
done, withdrawn → back to planned). A done task stays done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from uuid import UUID, uuid4

from corridor_contracts.events.projects import RoadmapTaskStatus as TaskStatus

from .calendar import PlanningCalendar
from .errors import IllegalTransition, InvalidRoadmap
from .investment_rules import Algorithm, Step

OPEN = frozenset({TaskStatus.PLANNED, TaskStatus.IN_PROGRESS, TaskStatus.BLOCKED})

_MOVES: dict[TaskStatus, frozenset[TaskStatus]] = {
    TaskStatus.PLANNED: frozenset({TaskStatus.IN_PROGRESS, TaskStatus.BLOCKED, TaskStatus.DONE}),
    TaskStatus.IN_PROGRESS: frozenset({TaskStatus.PLANNED, TaskStatus.BLOCKED, TaskStatus.DONE}),
    TaskStatus.BLOCKED: frozenset({TaskStatus.PLANNED, TaskStatus.IN_PROGRESS}),
    TaskStatus.DONE: frozenset(),
    TaskStatus.CANCELLED: frozenset(),
}


@dataclass(frozen=True)
class RoadmapItem:
    algorithm: Algorithm
    version: int
    after: str | None = None


@dataclass(frozen=True)
class PlannedTask:
    task_id: UUID
    position: int
    algorithm_code: str
    algorithm_version: int
    step: Step
    starts_on: date
    due_on: date


def plan_tasks(items: Iterable[RoadmapItem], *, starts_on: date, calendar: PlanningCalendar,
               keep_ids: Mapping[tuple[str, str], UUID] | None = None,
               new_id: Callable[[], UUID] = uuid4) -> list[PlannedTask]:
    """Every step of every item as a dated task, in roadmap order."""
    keep_ids = keep_ids or {}
    ends: dict[str, date] = {}
    tasks: list[PlannedTask] = []
    for item in items:
        code = item.algorithm.code
        if code in ends:
            raise InvalidRoadmap(f"{code} is in the roadmap twice")
        if item.after is not None and item.after not in ends:
            raise InvalidRoadmap(f"{code} follows {item.after}, which is not an earlier algorithm of the roadmap")
        day = ends[item.after] if item.after else starts_on
        for step in item.algorithm.steps:
            due = calendar.term_ends_on(day, step.term, step.term_unit)
            task_id = keep_ids.get((code, step.code)) or new_id()
            tasks.append(PlannedTask(task_id, len(tasks) + 1, code, item.version, step, day, due))
            day = due
        ends[code] = day
    return tasks


def move_task(current: TaskStatus, target: TaskStatus) -> TaskStatus:
    if target not in _MOVES[current]:
        raise IllegalTransition(action=f"move_task_to_{target}", current=current,
                                allowed_from=[status for status, moves in _MOVES.items() if target in moves])
    return target


class RequestProgress(StrEnum):
    SUBMITTED = "submitted"
    ANSWERED = "answered"
    WITHDRAWN = "withdrawn"


def status_after_request(current: TaskStatus, progress: RequestProgress) -> TaskStatus | None:
    """Where a request's progress takes its task; None when the task stays as it is."""
    if progress is RequestProgress.SUBMITTED and current in (TaskStatus.PLANNED, TaskStatus.BLOCKED):
        return TaskStatus.IN_PROGRESS
    if progress is RequestProgress.ANSWERED and current in OPEN:
        return TaskStatus.DONE
    if progress is RequestProgress.WITHDRAWN and current is TaskStatus.IN_PROGRESS:
        return TaskStatus.PLANNED
    return None


def is_overdue(status: TaskStatus, due_on: date, today: date) -> bool:
    return status in OPEN and due_on < today


@dataclass(frozen=True)
class Progress:
    total: int
    done: int
    overdue: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def progress_of(tasks: Iterable[tuple[TaskStatus, date]], today: date) -> Progress:
    """Progress over the roadmap's live tasks (cancelled ones are no longer part of it)."""
    live = [(status, due_on) for status, due_on in tasks if status is not TaskStatus.CANCELLED]
    return Progress(total=len(live), done=sum(status is TaskStatus.DONE for status, _ in live),
                    overdue=sum(is_overdue(status, due_on, today) for status, due_on in live))
