"""Reading projects: lists with filters for the agency, details, timeline and roadmap, each limited
to what the principal may see (domain/access.py)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from corridor_chassis.auth import Principal
from corridor_projects.adapters import directory, projects
from corridor_projects.adapters.projects import ProjectFilters
from corridor_projects.domain.access import require_visibility

from .views import (
    PersonRef, ProjectPage, ProjectView, RoadmapView, TimelineEntryView, project_view, project_views, roadmap_view,
)


async def list_projects(*, session: AsyncSession, principal: Principal, filters: ProjectFilters, page: int,
                        page_size: int, today: date) -> ProjectPage:
    total, found = await projects.find(session, require_visibility(principal), filters, today=today,
                                       limit=page_size, offset=(page - 1) * page_size)
    return ProjectPage(items=await project_views(session, found, today), total=total, page=page, page_size=page_size)


async def get_project(*, session: AsyncSession, principal: Principal, project_id: UUID, today: date) -> ProjectView:
    project = await projects.get_visible(session, project_id, require_visibility(principal))
    return await project_view(session, project, today)


async def get_timeline(*, session: AsyncSession, principal: Principal, project_id: UUID) -> list[TimelineEntryView]:
    await projects.get_visible(session, project_id, require_visibility(principal))
    rows = await projects.timeline(session, project_id)
    names = await directory.names_of_users(session, [row.actor_id for row in rows])
    return [TimelineEntryView(
        occurred_at=row.occurred_at, action=row.action, actor_role=row.actor_role, comment=row.comment,
        details=row.details, actor=PersonRef(user_id=row.actor_id, full_name=names.get(row.actor_id))
        if row.actor_id else None) for row in rows]


async def get_roadmap(*, session: AsyncSession, principal: Principal, project_id: UUID, today: date) -> RoadmapView:
    await projects.get_visible(session, project_id, require_visibility(principal))
    return await roadmap_view(session, project_id, today)
