"""What the API returns: read models built from the store, the same for lists, details and writes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from uuid import UUID

from pydantic import BaseModel
from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_contracts.vocabulary import OrganizationKind
from corridor_projects.adapters import directory, roadmaps
from corridor_projects.domain.calendar import TermUnit
from corridor_projects.domain.investment_rules import Step
from corridor_projects.domain.lifecycle import ProjectStatus
from corridor_projects.domain.passport import Passport
from corridor_projects.domain.project import Project
from corridor_projects.domain.roadmap import TaskStatus, is_overdue, progress_of


class PersonRef(BaseModel):
    user_id: UUID
    full_name: str | None  # null until identity's directory event has arrived


class ProgressView(BaseModel):
    total: int
    done: int
    overdue: int
    percent: int


class ProjectView(BaseModel):
    project_id: UUID
    status: ProjectStatus
    name: str | None
    investor_organization_id: UUID
    investor_name: str | None
    municipality_code: str | None
    industry_okved: str | None
    manager: PersonRef | None
    passport_version: int
    review_note: str | None
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    progress: ProgressView
    passport: Passport | None = None  # in details, not in lists


class ProjectPage(BaseModel):
    items: list[ProjectView]
    total: int
    page: int
    page_size: int


class TimelineEntryView(BaseModel):
    occurred_at: datetime
    action: str
    actor: PersonRef | None
    actor_role: str | None
    comment: str | None
    details: dict


class TaskView(BaseModel):
    task_id: UUID
    position: int
    algorithm_code: str
    algorithm_version: int
    step_code: str
    title: str
    responsible_kind: OrganizationKind
    responsible_body: str | None
    request_type_code: str | None
    term: int
    term_unit: TermUnit
    starts_on: date
    due_on: date
    status: TaskStatus
    status_comment: str | None
    request_id: UUID | None
    at_risk: bool
    overdue: bool


class RoadmapItemView(BaseModel):
    algorithm_code: str
    algorithm_version: int
    after: str | None


class RoadmapView(BaseModel):
    project_id: UUID
    version: int  # 0 until the manager publishes the first roadmap
    starts_on: date | None
    published_at: datetime | None
    items: list[RoadmapItemView]
    tasks: list[TaskView]
    progress: ProgressView


class AlgorithmView(BaseModel):
    code: str
    version: int
    title: str
    description: str | None
    steps: list[Step]
    source: str
    created_at: datetime
    created_by: UUID | None


async def project_views(session: AsyncSession, items: Sequence[Project], today: date, *,
                        with_passport: bool = False) -> list[ProjectView]:
    """Views of several projects with three queries in all (names, people, roadmap progress)."""
    investors = await directory.names_of_organizations(session, {p.investor_organization_id for p in items})
    people = await directory.names_of_users(session, [p.manager_user_id for p in items])
    progress = await roadmaps.progress_by_project(session, [p.project_id for p in items])
    return [ProjectView(
        project_id=p.project_id, status=p.status, name=p.passport.project.name if p.passport.project else None,
        investor_organization_id=p.investor_organization_id, investor_name=investors.get(p.investor_organization_id),
        municipality_code=p.passport.site.municipality_code if p.passport.site else None,
        industry_okved=p.passport.project.industry_okved if p.passport.project else None,
        manager=PersonRef(user_id=p.manager_user_id, full_name=people.get(p.manager_user_id))
        if p.manager_user_id else None,
        passport_version=p.passport_version, review_note=p.review_note, created_at=p.created_at,
        updated_at=p.updated_at, submitted_at=p.submitted_at,
        progress=progress_view(progress.get(p.project_id, ()), today),
        passport=p.passport if with_passport else None,
    ) for p in items]


async def project_view(session: AsyncSession, project: Project, today: date) -> ProjectView:
    return (await project_views(session, [project], today, with_passport=True))[0]


def progress_view(tasks: Iterable[tuple[TaskStatus, date]], today: date) -> ProgressView:
    progress = progress_of(tasks, today)
    return ProgressView(total=progress.total, done=progress.done, overdue=progress.overdue, percent=progress.percent)


def task_view(row: Row, today: date) -> TaskView:
    status = TaskStatus(row.status)
    return TaskView.model_validate(
        row._asdict() | {"status": status, "overdue": is_overdue(status, row.due_on, today)})


def algorithm_view(row: Row) -> AlgorithmView:
    definition = row.definition
    return AlgorithmView(code=row.code, version=row.version, title=row.title,
                         description=definition.get("description"), steps=definition["steps"], source=row.source,
                         created_at=row.created_at, created_by=row.created_by)


async def roadmap_view(session: AsyncSession, project_id: UUID, today: date) -> RoadmapView:
    current = await roadmaps.current(session, project_id)
    tasks = await roadmaps.tasks(session, project_id)
    return RoadmapView(
        project_id=project_id, version=current.version if current else 0,
        starts_on=current.starts_on if current else None, published_at=current.published_at if current else None,
        items=current.items if current else [], tasks=[task_view(row, today) for row in tasks],
        progress=progress_view([(TaskStatus(row.status), row.due_on) for row in tasks], today))
