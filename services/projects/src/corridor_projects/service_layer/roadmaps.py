"""The manager's instrument: compose the roadmap from investment-rules algorithms, move its tasks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_chassis.auth import Principal
from corridor_chassis.messaging.outbox import enqueue
from corridor_contracts.events.projects import RoadmapPublished, RoadmapTask, RoadmapTaskChanged
from corridor_projects.adapters import investment_rules, projects, roadmaps
from corridor_projects.domain.access import require_manager_of, visibility_for
from corridor_projects.domain.calendar import PlanningCalendar
from corridor_projects.domain.errors import InvalidRoadmap, TaskNotFound
from corridor_projects.domain.investment_rules import Algorithm
from corridor_projects.domain.lifecycle import Action
from corridor_projects.domain.roadmap import RoadmapItem, TaskStatus, move_task, plan_tasks

from .views import RoadmapView, TaskView, roadmap_view, task_view


@dataclass(frozen=True)
class ItemChoice:
    """One algorithm the manager put in the roadmap; no version means the one the roadmap already
    uses, or the current one for an algorithm new to it."""

    algorithm_code: str
    algorithm_version: int | None = None
    after: str | None = None


async def publish_roadmap(*, session: AsyncSession, principal: Principal, project_id: UUID, starts_on: date,
                          items: Sequence[ItemChoice], calendar: PlanningCalendar, now: datetime,
                          today: date) -> RoadmapView:
    """Plan (or re-plan) the roadmap and publish it to the investor as a new version."""
    project = await projects.get_visible(session, project_id, visibility_for(principal))
    role = require_manager_of(principal, project.manager_user_id)
    project.change_roadmap(Action.PUBLISH_ROADMAP, now)
    await projects.save(session, project)  # first, so a concurrent publication fails here with a 409
    current = await roadmaps.current(session, project_id)
    previous = await roadmaps.tasks(session, project_id, with_cancelled=True)
    pinned = {item["algorithm_code"]: item["algorithm_version"] for item in current.items} if current else {}
    chosen = [await _resolve(session, item, pinned) for item in items]
    planned = plan_tasks(chosen, starts_on=starts_on, calendar=calendar,
                         keep_ids={(row.algorithm_code, row.step_code): row.task_id for row in previous})
    version = current.version + 1 if current else 1
    composition = [{"algorithm_code": item.algorithm.code, "algorithm_version": item.version, "after": item.after}
                   for item in chosen]
    await roadmaps.publish(session, project_id=project_id, version=version, starts_on=starts_on, items=composition,
                           at=now, by=principal.subject, planned=planned, previous=previous)
    tasks = await roadmaps.tasks(session, project_id)
    await projects.record(session, project_id, action=Action.PUBLISH_ROADMAP, at=now, actor_id=principal.subject,
                          actor_role=role, details={"version": version, "tasks": len(tasks),
                                                    "algorithms": [item["algorithm_code"] for item in composition]})
    assert project.manager_user_id is not None, "an accepted project has a manager"
    await enqueue(session, RoadmapPublished(
        occurred_at=now, project_id=project_id, roadmap_version=version, manager_user_id=project.manager_user_id,
        actor_id=principal.subject, tasks=[_published(row) for row in tasks]))
    return await roadmap_view(session, project_id, today)


async def change_task(*, session: AsyncSession, principal: Principal, project_id: UUID, task_id: UUID,
                      status: TaskStatus, comment: str | None, now: datetime, today: date) -> TaskView:
    """The manager moves a task by hand (started, blocked with a reason, done)."""
    project = await projects.get_visible(session, project_id, visibility_for(principal))
    role = require_manager_of(principal, project.manager_user_id)
    task = await roadmaps.task(session, task_id)
    if task is None or task.project_id != project_id or task.status == TaskStatus.CANCELLED:
        raise TaskNotFound(f"Task {task_id} is not in the roadmap of project {project_id}")
    new = move_task(TaskStatus(task.status), status)
    project.change_roadmap(Action.CHANGE_TASK, now)
    await projects.save(session, project)
    await record_task_change(session, task, status=new, request_id=task.request_id, at_risk=task.at_risk, at=now,
                             actor_id=principal.subject, actor_role=role, comment=comment)
    return task_view(await roadmaps.task(session, task_id), today)


async def record_task_change(session: AsyncSession, task: Row, *, status: TaskStatus, request_id: UUID | None,
                             at_risk: bool, at: datetime, actor_id: UUID | None, actor_role: str | None,
                             comment: str | None) -> None:
    """Apply a change to a task, note it in the timeline and announce it; a done task is no longer at risk."""
    previous = TaskStatus(task.status)
    at_risk = at_risk and status is not TaskStatus.DONE
    await roadmaps.change_task(session, task.task_id, expected_status=previous, status=status, status_comment=comment,
                               request_id=request_id, at_risk=at_risk, updated_at=at)
    await projects.record(session, task.project_id, action=Action.CHANGE_TASK, at=at, actor_id=actor_id,
                          actor_role=actor_role, comment=comment, details={
                              "task_id": str(task.task_id), "title": task.title, "from": previous, "to": status,
                              "request_id": str(request_id) if request_id else None, "at_risk": at_risk})
    await enqueue(session, RoadmapTaskChanged(
        occurred_at=at, project_id=task.project_id, task_id=task.task_id, status=status, previous_status=previous,
        due_on=task.due_on, request_id=request_id, at_risk=at_risk, actor_id=actor_id))


async def _resolve(session: AsyncSession, item: ItemChoice, pinned: dict[str, int]) -> RoadmapItem:
    version = item.algorithm_version or pinned.get(item.algorithm_code)
    row = await investment_rules.version_of(session, item.algorithm_code, version)
    if row is None:
        which = f"{item.algorithm_code} version {version}" if version else item.algorithm_code
        raise InvalidRoadmap(f"There is no investment-rules algorithm {which}")
    return RoadmapItem(Algorithm.model_validate(row.definition), row.version, item.after)


def _published(row: Row) -> RoadmapTask:
    return RoadmapTask(task_id=row.task_id, title=row.title, algorithm_code=row.algorithm_code,
                       responsible_kind=row.responsible_kind, request_type_code=row.request_type_code,
                       due_on=row.due_on, status=row.status)
