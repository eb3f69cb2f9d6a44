"""The project's roadmap: the manager composes it from investment-rules algorithms and moves tasks;
everyone who sees the project sees its progress and overdue tasks."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter

from corridor_chassis.auth import CurrentPrincipal
from corridor_projects.domain.roadmap import TaskStatus
from corridor_projects.service_layer import queries, roadmaps
from corridor_projects.service_layer.roadmaps import ItemChoice
from corridor_projects.service_layer.views import RoadmapView, TaskView

from .bodies import RoadmapBody, TaskChangeBody
from .deps import Calendar, Now, Sessions

router = APIRouter(prefix="/projects/{project_id}/roadmap", tags=["roadmap"])


@router.get("", summary="The roadmap's tasks with planned dates, status, overdue flags and progress")
async def get_roadmap(project_id: UUID, principal: CurrentPrincipal, sessions: Sessions, moment: Now) -> RoadmapView:
    async with sessions() as session:
        return await queries.get_roadmap(session=session, principal=principal, project_id=project_id,
                                         today=moment.today)


@router.put("", summary="Compose and publish the roadmap from algorithms (the project's manager or the head)")
async def publish_roadmap(project_id: UUID, body: RoadmapBody, principal: CurrentPrincipal, sessions: Sessions,
                          calendar: Calendar, moment: Now) -> RoadmapView:
    items = [ItemChoice(item.algorithm_code, item.algorithm_version, item.after) for item in body.items]
    async with sessions.begin() as session:
        return await roadmaps.publish_roadmap(session=session, principal=principal, project_id=project_id,
                                              starts_on=body.starts_on, items=items, calendar=calendar,
                                              now=moment.now, today=moment.today)


@router.patch("/tasks/{task_id}", summary="Move a task: planned, in progress, blocked (with a reason), done")
async def change_task(project_id: UUID, task_id: UUID, body: TaskChangeBody, principal: CurrentPrincipal,
                      sessions: Sessions, moment: Now) -> TaskView:
    async with sessions.begin() as session:
        return await roadmaps.change_task(session=session, principal=principal, project_id=project_id,
                                          task_id=task_id, status=TaskStatus(body.status), comment=body.comment,
                                          now=moment.now, today=moment.today)
