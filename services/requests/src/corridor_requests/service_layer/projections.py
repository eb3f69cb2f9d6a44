"""Keeping the local projections from identity's, projects' and sla's events.

Why: routing and the submission checks read organisations and projects locally. Events of one
project may arrive in any order relative to identity's, so each handler works alone: upserts, and
status changes for rows it has never seen are ignored rather than failing.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from corridor_contracts.events.identity import OrganizationRegistered
from corridor_contracts.events.projects import ProjectAccepted, RoadmapPublished
from corridor_requests.adapters.directory import replace_roadmap_tasks, save_organization, save_project
from corridor_requests.adapters.request_store import set_due_on, unfinished_requests_of_project
from corridor_requests.service_layer.deployment import Deployment
from corridor_requests.service_layer.handling import close_with_project


async def record_organization(*, session: AsyncSession, event: OrganizationRegistered) -> None:
    resources = [r.value for r in event.resources or ([event.resource] if event.resource else [])]
    await save_organization(session, values={
        "organization_id": event.organization_id, "kind": event.kind.value, "short_name": event.short_name,
        "full_name": event.full_name, "short_code": event.short_code, "inn": event.inn,
        "municipality_code": event.municipality_code, "resources": resources, "registered_at": event.occurred_at})


async def record_project_accepted(*, session: AsyncSession, event: ProjectAccepted) -> None:
    await save_project(session, project_id=event.project_id, status="accepted", at=event.occurred_at,
                       summary=event.project, manager_user_id=event.manager_user_id)


async def record_project_status(*, session: AsyncSession, deployment: Deployment, project_id: UUID, status: str,
                                at: datetime, close_requests: bool) -> None:
    await save_project(session, project_id=project_id, status=status, at=at)
    if close_requests:
        for request in await unfinished_requests_of_project(session, project_id):
            await close_with_project(session=session, deployment=deployment, request=request, now=at)


async def record_roadmap(*, session: AsyncSession, event: RoadmapPublished) -> None:
    await replace_roadmap_tasks(session, project_id=event.project_id, tasks=[
        (task.task_id, task.title, task.request_type_code) for task in event.tasks])


async def record_due_date(*, session: AsyncSession, request_id: UUID, due_on: date) -> None:
    await set_due_on(session, request_id, due_on)
