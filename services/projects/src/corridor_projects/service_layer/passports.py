"""The investor's side: start a passport, save it as often as needed, submit it to the agency."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID, uuid4

from sqlalchemy.ext.asyncio import AsyncSession

from corridor_chassis.auth import Principal
from corridor_chassis.messaging.outbox import enqueue
from corridor_contracts.events.projects import PassportSubmitted
from corridor_contracts.vocabulary import Role
from corridor_projects.adapters import projects
from corridor_projects.domain.access import Visibility, investor_organization
from corridor_projects.domain.lifecycle import Action
from corridor_projects.domain.passport import Passport
from corridor_projects.domain.project import Project

from .views import ProjectView, project_view


async def create_project(*, session: AsyncSession, principal: Principal, passport: Passport, now: datetime,
                         today: date) -> ProjectView:
    """A new project of the investor's company, its passport a draft (complete or not)."""
    project = Project.draft(project_id=uuid4(), investor_organization_id=investor_organization(principal),
                            passport=passport, created_by=principal.subject, now=now)
    await projects.add(session, project)
    await projects.record(session, project.project_id, action=Action.CREATE, at=now, actor_id=principal.subject,
                          actor_role=Role.INVESTOR)
    return await project_view(session, project, today)


async def save_passport(*, session: AsyncSession, principal: Principal, project_id: UUID, passport: Passport,
                        now: datetime, today: date) -> ProjectView:
    """Replace the draft (or the returned passport) with what the investor has now."""
    project = await _own_project(session, principal, project_id)
    project.edit_passport(passport, now)
    await projects.save(session, project)
    return await project_view(session, project, today)


async def submit_passport(*, session: AsyncSession, principal: Principal, project_id: UUID, now: datetime,
                          today: date) -> ProjectView:
    """Submit (or resubmit after a return); an incomplete passport is refused with every gap listed."""
    project = await _own_project(session, principal, project_id)
    project.submit(now)
    await projects.save(session, project)
    await projects.record(session, project_id, action=Action.SUBMIT, at=now, actor_id=principal.subject,
                          actor_role=Role.INVESTOR, details={"passport_version": project.passport_version})
    await enqueue(session, PassportSubmitted(
        occurred_at=now, project_id=project_id, passport_version=project.passport_version, project=project.summary(),
        total_investment_rub=project.passport.total_investment_rub, jobs_created=project.passport.jobs_created or 0,
        actor_id=principal.subject))
    return await project_view(session, project, today)


async def _own_project(session: AsyncSession, principal: Principal, project_id: UUID) -> Project:
    """Only the investor's own company's project, whatever other roles the caller holds."""
    organization_id = investor_organization(principal)
    return await projects.get_visible(session, project_id, Visibility(investor_organization_id=organization_id))
