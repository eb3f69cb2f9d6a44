"""Storing projects and their timeline; and the one SQL translation of who may see a project.

Why optimistic concurrency: two agency staff may decide on the same passport at once; every write
updates the row only if its `revision` is still the one read, so the slower one gets a 409 instead
of silently overwriting the first decision (and publishing a second, contradicting event).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Row, exists, false, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_projects.domain.access import Visibility
from corridor_projects.domain.errors import ConcurrentChange, ProjectNotFound
from corridor_projects.domain.lifecycle import Action, ProjectStatus
from corridor_projects.domain.passport import Passport
from corridor_projects.domain.project import Project
from corridor_projects.domain.roadmap import OPEN

from .tables import project_recipients, projects, roadmap_tasks, timeline_entries


@dataclass(frozen=True)
class ProjectFilters:
    status: ProjectStatus | None = None
    municipality: str | None = None
    industry: str | None = None  # an OKVED code; matches it and the codes below it (10 matches 10.51)
    manager: UUID | None = None
    overdue: bool | None = None  # True: with an overdue task; False: without one


def visible_to(visibility: Visibility) -> ColumnElement[bool]:
    """The projects a principal may see, as one condition on `projects` (see domain/access.py)."""
    allowed: list[ColumnElement[bool]] = []
    if visibility.every_submitted:
        allowed.append(projects.c.status != ProjectStatus.DRAFT)
    if visibility.investor_organization_id:
        allowed.append(projects.c.investor_organization_id == visibility.investor_organization_id)
    if visibility.manager_user_id:
        allowed.append(projects.c.manager_user_id == visibility.manager_user_id)
    if visibility.recipient_organization_id:
        allowed.append(projects.c.project_id.in_(
            select(project_recipients.c.project_id)
            .where(project_recipients.c.organization_id == visibility.recipient_organization_id)))
    return or_(*allowed) if allowed else false()


async def get_visible(session: AsyncSession, project_id: UUID, visibility: Visibility) -> Project:
    row = (await session.execute(
        select(projects).where(projects.c.project_id == project_id, visible_to(visibility)))).first()
    if row is None:
        raise ProjectNotFound(f"Project {project_id} does not exist or is not visible to you")
    return _project(row)


async def find(session: AsyncSession, visibility: Visibility, filters: ProjectFilters, *, today: date, limit: int,
               offset: int) -> tuple[int, list[Project]]:
    """One page of the visible projects matching `filters`, most recently changed first, and the total."""
    conditions = [visible_to(visibility), *_matching(filters, today)]
    total = (await session.execute(select(func.count()).select_from(projects).where(*conditions))).scalar_one()
    rows = (await session.execute(select(projects).where(*conditions)
                                  .order_by(projects.c.updated_at.desc(), projects.c.project_id)
                                  .limit(limit).offset(offset))).all()
    return total, [_project(row) for row in rows]


async def get(session: AsyncSession, project_id: UUID) -> Project | None:
    row = (await session.execute(select(projects).where(projects.c.project_id == project_id))).first()
    return _project(row) if row else None


async def add(session: AsyncSession, project: Project) -> None:
    await session.execute(insert(projects).values(project_id=project.project_id, created_by=project.created_by,
                                                  created_at=project.created_at, **_columns(project)))


async def save(session: AsyncSession, project: Project) -> None:
    """Write the project back if nobody changed it since it was read; bumps its revision."""
    result = await session.execute(
        update(projects)
        .where(projects.c.project_id == project.project_id, projects.c.revision == project.revision)
        .values(**_columns(project) | {"revision": project.revision + 1}))
    if result.rowcount != 1:
        raise ConcurrentChange(f"Project {project.project_id} was changed meanwhile; reload and try again")
    project.revision += 1


async def record(session: AsyncSession, project_id: UUID, *, action: Action, at: datetime,
                 actor_id: UUID | None, actor_role: str | None, comment: str | None = None,
                 details: dict[str, Any] | None = None) -> None:
    """Append one entry to the project's timeline."""
    await session.execute(insert(timeline_entries).values(
        project_id=project_id, occurred_at=at, actor_id=actor_id, actor_role=actor_role, action=action,
        comment=comment, details=details or {}))


async def timeline(session: AsyncSession, project_id: UUID) -> Sequence[Row]:
    return (await session.execute(select(timeline_entries).where(timeline_entries.c.project_id == project_id)
                                  .order_by(timeline_entries.c.occurred_at, timeline_entries.c.entry_id))).all()


def _matching(filters: ProjectFilters, today: date) -> list[ColumnElement[bool]]:
    column = projects.c
    conditions: list[ColumnElement[bool]] = []
    if filters.status:
        conditions.append(column.status == filters.status)
    if filters.municipality:
        conditions.append(column.municipality_code == filters.municipality)
    if filters.industry:
        conditions.append(or_(column.industry_okved == filters.industry,
                              column.industry_okved.startswith(filters.industry + ".", autoescape=True)))
    if filters.manager:
        conditions.append(column.manager_user_id == filters.manager)
    if filters.overdue is not None:
        overdue = exists().where(roadmap_tasks.c.project_id == column.project_id,
                                 roadmap_tasks.c.status.in_(sorted(OPEN)), roadmap_tasks.c.due_on < today)
        conditions.append(overdue if filters.overdue else ~overdue)
    return conditions


def _columns(project: Project) -> dict[str, Any]:
    details, site = project.passport.project, project.passport.site
    return {
        "investor_organization_id": project.investor_organization_id,
        "status": project.status,
        "name": details.name if details else None,
        "municipality_code": site.municipality_code if site else None,
        "industry_okved": details.industry_okved if details else None,
        "manager_user_id": project.manager_user_id,
        "passport": project.passport.model_dump(mode="json", exclude_none=True),
        "passport_version": project.passport_version,
        "review_note": project.review_note,
        "revision": project.revision,
        "updated_at": project.updated_at,
        "submitted_at": project.submitted_at,
    }


def _project(row: Any) -> Project:
    return Project(
        project_id=row.project_id, investor_organization_id=row.investor_organization_id,
        status=ProjectStatus(row.status), passport=Passport.model_validate(row.passport), created_by=row.created_by,
        created_at=row.created_at, updated_at=row.updated_at, passport_version=row.passport_version,
        manager_user_id=row.manager_user_id, review_note=row.review_note, submitted_at=row.submitted_at,
        revision=row.revision)
