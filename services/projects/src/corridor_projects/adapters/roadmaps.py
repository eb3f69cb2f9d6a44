"""Storing a project's roadmap: the composition the manager chose and the tasks planned from it.

A re-publication updates the tasks it keeps (same id: same step of the same algorithm), inserts new
ones and marks the ones no longer in the roadmap cancelled rather than deleting them, so requests
already linked to them and the timeline still find them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Row, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_projects.domain.errors import ConcurrentChange
from corridor_projects.domain.roadmap import PlannedTask, TaskStatus

from .tables import roadmap_tasks, roadmaps


async def current(session: AsyncSession, project_id: UUID) -> Row | None:
    return (await session.execute(select(roadmaps).where(roadmaps.c.project_id == project_id))).first()


async def tasks(session: AsyncSession, project_id: UUID, *, with_cancelled: bool = False) -> Sequence[Row]:
    query = select(roadmap_tasks).where(roadmap_tasks.c.project_id == project_id)
    if not with_cancelled:
        query = query.where(roadmap_tasks.c.status != TaskStatus.CANCELLED)
    return (await session.execute(query.order_by(roadmap_tasks.c.position))).all()


async def task(session: AsyncSession, task_id: UUID) -> Row | None:
    return (await session.execute(select(roadmap_tasks).where(roadmap_tasks.c.task_id == task_id))).first()


async def publish(session: AsyncSession, *, project_id: UUID, version: int, starts_on: date,
                  items: list[dict[str, Any]], at: datetime, by: UUID | None, planned: Sequence[PlannedTask],
                  previous: Sequence[Row]) -> None:
    values = {"version": version, "starts_on": starts_on, "items": items, "published_at": at, "published_by": by}
    if version == 1:
        await session.execute(insert(roadmaps).values(project_id=project_id, **values))
    else:
        await session.execute(update(roadmaps).where(roadmaps.c.project_id == project_id).values(**values))
    before = {row.task_id: row for row in previous}
    for task_ in planned:
        plan = _plan_columns(task_) | {"updated_at": at}
        if (old := before.get(task_.task_id)) is None:
            await session.execute(insert(roadmap_tasks).values(
                task_id=task_.task_id, project_id=project_id, status=TaskStatus.PLANNED, at_risk=False, **plan))
        else:
            revived = {"status": TaskStatus.PLANNED} if old.status == TaskStatus.CANCELLED else {}
            await session.execute(update(roadmap_tasks).where(roadmap_tasks.c.task_id == task_.task_id)
                                  .values(**plan, **revived))
    kept = {task_.task_id for task_ in planned}
    dropped = [row.task_id for row in previous if row.task_id not in kept and row.status != TaskStatus.CANCELLED]
    if dropped:
        await session.execute(update(roadmap_tasks).where(roadmap_tasks.c.task_id.in_(dropped))
                              .values(status=TaskStatus.CANCELLED, updated_at=at))


async def change_task(session: AsyncSession, task_id: UUID, *, expected_status: TaskStatus, **values: Any) -> None:
    """Update the task if its status is still the one the change was decided on."""
    result = await session.execute(
        update(roadmap_tasks)
        .where(roadmap_tasks.c.task_id == task_id, roadmap_tasks.c.status == expected_status).values(**values))
    if result.rowcount != 1:
        raise ConcurrentChange(f"Task {task_id} was changed meanwhile; reload and try again")


def _plan_columns(task_: PlannedTask) -> dict[str, Any]:
    step = task_.step
    return {
        "position": task_.position, "algorithm_code": task_.algorithm_code,
        "algorithm_version": task_.algorithm_version, "step_code": step.code, "title": step.title,
        "responsible_kind": step.responsible_kind, "responsible_body": step.responsible_body,
        "request_type_code": step.request_type_code, "term": step.term, "term_unit": step.term_unit,
        "starts_on": task_.starts_on, "due_on": task_.due_on,
    }


async def progress_by_project(session: AsyncSession, project_ids: Sequence[UUID]) -> dict[UUID, list[tuple[TaskStatus, date]]]:
    """(status, due date) of each live task, by project, for progress and overdue counts."""
    found: dict[UUID, list[tuple[TaskStatus, date]]] = {}
    if not project_ids:
        return found
    rows = await session.execute(
        select(roadmap_tasks.c.project_id, roadmap_tasks.c.status, roadmap_tasks.c.due_on)
        .where(roadmap_tasks.c.project_id.in_(project_ids), roadmap_tasks.c.status != TaskStatus.CANCELLED))
    for project_id, status, due_on in rows:
        found.setdefault(project_id, []).append((TaskStatus(status), due_on))
    return found
