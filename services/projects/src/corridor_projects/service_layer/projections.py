"""Facts from other services applied to the projects store: identity's directory, and requests and
SLA clocks moving the roadmap tasks they serve.

Every function here is safe to run for events in any order across topics and for events about
projects, tasks or requests this service does not know: it records what it can and moves nothing
it cannot place. (The consumer's inbox already applies each event id once.)
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from uuid import UUID

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_projects.adapters import directory, projects, request_links, roadmaps
from corridor_projects.domain.lifecycle import ProjectStatus
from corridor_projects.domain.roadmap import OPEN, RequestProgress, TaskStatus, status_after_request

from .roadmaps import record_task_change

log = logging.getLogger(__name__)


async def organization_registered(*, session: AsyncSession, organization_id: UUID, kind: str, short_name: str,
                                  full_name: str, inn: str | None, municipality_code: str | None) -> None:
    await directory.save_organization(session, organization_id=organization_id, kind=kind, short_name=short_name,
                                      full_name=full_name, inn=inn, municipality_code=municipality_code)


async def user_registered(*, session: AsyncSession, user_id: UUID, organization_id: UUID, full_name: str,
                          email: str, roles: Iterable[str]) -> None:
    await directory.register_user(session, user_id=user_id, organization_id=organization_id, full_name=full_name,
                                  email=email, roles=roles)


async def user_roles_changed(*, session: AsyncSession, user_id: UUID, organization_id: UUID,
                             roles: Iterable[str]) -> None:
    await directory.change_roles(session, user_id=user_id, organization_id=organization_id, roles=roles)


async def user_deactivated(*, session: AsyncSession, user_id: UUID, organization_id: UUID) -> None:
    await directory.deactivate(session, user_id=user_id, organization_id=organization_id)


async def request_routed(*, session: AsyncSession, project_id: UUID, recipient_organization_id: UUID) -> None:
    """Officials of the recipient may see the project from now on (also after a redirect elsewhere)."""
    await request_links.add_recipient(session, project_id=project_id, organization_id=recipient_organization_id)


async def request_submitted(*, session: AsyncSession, request_id: UUID, project_id: UUID, task_id: UUID | None,
                            at: datetime, actor_id: UUID | None) -> None:
    link = await request_links.link(session, request_id=request_id, project_id=project_id, task_id=task_id)
    await _follow_request(session, link, RequestProgress.SUBMITTED, at=at, actor_id=actor_id)


async def request_finished(*, session: AsyncSession, request_id: UUID, progress: RequestProgress, at: datetime,
                           actor_id: UUID | None) -> None:
    """The request was answered or withdrawn: its task is done, or waits for a new request."""
    link = await request_links.get(session, request_id)
    if link is not None:
        await _follow_request(session, link, progress, at=at, actor_id=actor_id)


async def request_at_risk(*, session: AsyncSession, request_id: UUID, project_id: UUID, at: datetime) -> None:
    """An SLA warning or breach on the request: the task it serves is at risk of slipping."""
    await request_links.set_risk(session, request_id=request_id, project_id=project_id, at_risk=True)
    link = await request_links.get(session, request_id)
    task = await _task_served_by(session, link) if link else None
    if task is not None and task.request_id == request_id and task.status in OPEN and not task.at_risk:
        await record_task_change(session, task, status=TaskStatus(task.status), request_id=request_id, at_risk=True,
                                 at=at, actor_id=None, actor_role=None, comment="SLA deadline at risk")


async def _follow_request(session: AsyncSession, link: Row, progress: RequestProgress, *, at: datetime,
                          actor_id: UUID | None) -> None:
    task = await _task_served_by(session, link)
    if task is None:
        return
    current = TaskStatus(task.status)
    request_id, at_risk = task.request_id, task.at_risk
    if progress is RequestProgress.SUBMITTED:
        request_id, at_risk = link.request_id, link.at_risk
    elif progress is RequestProgress.WITHDRAWN:
        if task.request_id != link.request_id:
            return  # another request serves the task now
        request_id, at_risk = None, False
    status = status_after_request(current, progress) or current
    if (status, request_id, at_risk) == (current, task.request_id, task.at_risk):
        return
    await record_task_change(session, task, status=status, request_id=request_id, at_risk=at_risk, at=at,
                             actor_id=actor_id, actor_role=None, comment=f"request {progress}")


async def _task_served_by(session: AsyncSession, link: Row) -> Row | None:
    """The live task of a supported project the request names, if there is one."""
    if link.task_id is None:
        return None
    task = await roadmaps.task(session, link.task_id)
    if task is None or task.project_id != link.project_id or task.status == TaskStatus.CANCELLED:
        log.info("request %s names task %s, which project %s's roadmap does not hold",
                 link.request_id, link.task_id, link.project_id)
        return None
    project = await projects.get(session, link.project_id)
    return task if project is not None and project.status is ProjectStatus.ACCEPTED else None
