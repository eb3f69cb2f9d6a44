"""Projects and their passports: the investor's drafts and submissions; lists, details and timeline."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from corridor_chassis.auth import CurrentPrincipal
from corridor_projects.adapters.projects import ProjectFilters
from corridor_projects.domain.lifecycle import ProjectStatus
from corridor_projects.domain.municipalities import Municipality
from corridor_projects.domain.passport import Passport
from corridor_projects.service_layer import passports, queries
from corridor_projects.service_layer.views import ProjectPage, ProjectView, TimelineEntryView

from .deps import Now, Sessions

router = APIRouter(prefix="/projects", tags=["projects"])


@router.post("", status_code=201, summary="Start a project; the passport is saved as a draft (investor)")
async def create_project(passport: Passport, principal: CurrentPrincipal, sessions: Sessions,
                         moment: Now) -> ProjectView:
    async with sessions.begin() as session:
        return await passports.create_project(session=session, principal=principal, passport=passport,
                                              now=moment.now, today=moment.today)


@router.get("", summary="Projects the caller may see, filtered, most recently changed first")
async def list_projects(
    principal: CurrentPrincipal, sessions: Sessions, moment: Now,
    status: ProjectStatus | None = None,
    municipality: Municipality | None = None,
    industry: Annotated[str | None, Query(pattern=r"^\d{2}(\.\d{1,2}){0,3}$", description="OKVED code or prefix")] = None,
    manager: Annotated[UUID | None, Query(description="Manager's user id")] = None,
    overdue: Annotated[bool | None, Query(description="true: with an overdue roadmap task; false: without")] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
) -> ProjectPage:
    filters = ProjectFilters(status=status, municipality=municipality, industry=industry, manager=manager,
                             overdue=overdue)
    async with sessions() as session:
        return await queries.list_projects(session=session, principal=principal, filters=filters, page=page,
                                           page_size=page_size, today=moment.today)


@router.get("/{project_id}", summary="The project with its passport and roadmap progress")
async def get_project(project_id: UUID, principal: CurrentPrincipal, sessions: Sessions, moment: Now) -> ProjectView:
    async with sessions() as session:
        return await queries.get_project(session=session, principal=principal, project_id=project_id,
                                         today=moment.today)


@router.put("/{project_id}/passport", summary="Save the passport (a draft, or one returned for revision)")
async def save_passport(project_id: UUID, passport: Passport, principal: CurrentPrincipal, sessions: Sessions,
                        moment: Now) -> ProjectView:
    async with sessions.begin() as session:
        return await passports.save_passport(session=session, principal=principal, project_id=project_id,
                                             passport=passport, now=moment.now, today=moment.today)


@router.post("/{project_id}/submit", summary="Submit the passport for review; 422 lists every missing field")
async def submit_passport(project_id: UUID, principal: CurrentPrincipal, sessions: Sessions,
                          moment: Now) -> ProjectView:
    async with sessions.begin() as session:
        return await passports.submit_passport(session=session, principal=principal, project_id=project_id,
                                               now=moment.now, today=moment.today)


@router.get("/{project_id}/timeline", summary="Every transition and roadmap change: who, in which role, when")
async def get_timeline(project_id: UUID, principal: CurrentPrincipal, sessions: Sessions) -> list[TimelineEntryView]:
    async with sessions() as session:
        return await queries.get_timeline(session=session, principal=principal, project_id=project_id)
