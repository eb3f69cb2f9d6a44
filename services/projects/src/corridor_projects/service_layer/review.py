"""The agency's side: accept a submitted project for support, decline it, or return it for revision;
and, at the end, complete the support.

Every decision is recorded in the project's timeline (who, in which role, when, why) and announced as
an event in the same transaction.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from corridor_chassis.auth import Principal
from corridor_chassis.messaging.outbox import enqueue
from corridor_contracts.base import DomainEvent
from corridor_contracts.events.projects import ProjectAccepted, ProjectCompleted, ProjectRejected, ProjectReturned
from corridor_contracts.vocabulary import Role
from corridor_projects.adapters import directory, projects
from corridor_projects.domain.access import require_manager_of, require_reviewer, visibility_for
from corridor_projects.domain.errors import ManagerNotAssignable
from corridor_projects.domain.lifecycle import Action
from corridor_projects.domain.project import Project

from .views import ProjectView, project_view


async def accept_project(*, session: AsyncSession, principal: Principal, project_id: UUID, manager_user_id: UUID,
                         comment: str | None, now: datetime, today: date) -> ProjectView:
    project = await _under_review(session, principal, project_id)
    project.accept(manager_user_id, now)
    await _ensure_assignable(session, manager_user_id)
    return await _conclude(session, project, ProjectAccepted(
        occurred_at=now, project_id=project_id, project=project.summary(), manager_user_id=manager_user_id,
        actor_id=principal.subject), action=Action.ACCEPT, principal=principal, role=Role.AGENCY_HEAD,
        comment=comment, details={"manager_user_id": str(manager_user_id)}, today=today)


async def reject_project(*, session: AsyncSession, principal: Principal, project_id: UUID, reason: str,
                         now: datetime, today: date) -> ProjectView:
    project = await _under_review(session, principal, project_id)
    project.reject(reason, now)
    return await _conclude(session, project, ProjectRejected(
        occurred_at=now, project_id=project_id, reason=reason, actor_id=principal.subject,
        investor_organization_id=project.investor_organization_id), action=Action.REJECT, principal=principal,
        role=Role.AGENCY_HEAD, comment=reason, today=today)


async def return_project(*, session: AsyncSession, principal: Principal, project_id: UUID, remarks: str,
                         now: datetime, today: date) -> ProjectView:
    project = await _under_review(session, principal, project_id)
    project.return_for_revision(remarks, now)
    return await _conclude(session, project, ProjectReturned(
        occurred_at=now, project_id=project_id, remarks=remarks, actor_id=principal.subject,
        investor_organization_id=project.investor_organization_id), action=Action.RETURN, principal=principal,
        role=Role.AGENCY_HEAD, comment=remarks, today=today)


async def complete_project(*, session: AsyncSession, principal: Principal, project_id: UUID, comment: str | None,
                           now: datetime, today: date) -> ProjectView:
    project = await projects.get_visible(session, project_id, visibility_for(principal))
    role = require_manager_of(principal, project.manager_user_id)
    project.complete(now)
    return await _conclude(session, project, ProjectCompleted(
        occurred_at=now, project_id=project_id, actor_id=principal.subject,
        investor_organization_id=project.investor_organization_id), action=Action.COMPLETE, principal=principal,
        role=role, comment=comment, today=today)


async def _under_review(session: AsyncSession, principal: Principal, project_id: UUID) -> Project:
    require_reviewer(principal)
    return await projects.get_visible(session, project_id, visibility_for(principal))


async def _conclude(session: AsyncSession, project: Project, event: DomainEvent, *, action: Action,
                    principal: Principal, role: str, comment: str | None, today: date,
                    details: dict[str, str] | None = None) -> ProjectView:
    """Persist the decision, note it in the timeline and announce it, all in the caller's transaction."""
    await projects.save(session, project)
    await projects.record(session, project.project_id, action=action, at=project.updated_at,
                          actor_id=principal.subject, actor_role=role, comment=comment, details=details)
    await enqueue(session, event)
    return await project_view(session, project, today)


async def _ensure_assignable(session: AsyncSession, manager_user_id: UUID) -> None:
    """The manager must be known from identity's events, active, and hold the manager role."""
    person = await directory.user(session, manager_user_id)
    if person is None:
        raise ManagerNotAssignable(f"User {manager_user_id} is not known (yet) to the projects service")
    if not person.active:
        raise ManagerNotAssignable(f"User {manager_user_id} is deactivated")
    if Role.MANAGER not in person.roles:
        raise ManagerNotAssignable(f"User {manager_user_id} does not hold the {Role.MANAGER} role")
