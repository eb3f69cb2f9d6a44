"""The agency's decisions on a submitted passport, and the end of support."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter

from corridor_chassis.auth import CurrentPrincipal
from corridor_projects.service_layer import review
from corridor_projects.service_layer.views import ProjectView

from .bodies import AcceptBody, CompleteBody, RejectBody, ReturnBody
from .deps import Now, Sessions

router = APIRouter(prefix="/projects/{project_id}", tags=["review"])


@router.post("/accept", summary="Accept for support and assign a manager (agency head)")
async def accept(project_id: UUID, body: AcceptBody, principal: CurrentPrincipal, sessions: Sessions,
                 moment: Now) -> ProjectView:
    async with sessions.begin() as session:
        return await review.accept_project(session=session, principal=principal, project_id=project_id,
                                           manager_user_id=body.manager_user_id, comment=body.comment,
                                           now=moment.now, today=moment.today)


@router.post("/reject", summary="Decline support, with the reason (agency head); final")
async def reject(project_id: UUID, body: RejectBody, principal: CurrentPrincipal, sessions: Sessions,
                 moment: Now) -> ProjectView:
    async with sessions.begin() as session:
        return await review.reject_project(session=session, principal=principal, project_id=project_id,
                                           reason=body.reason, now=moment.now, today=moment.today)


@router.post("/return", summary="Return the passport for revision, with remarks (agency head)")
async def return_for_revision(project_id: UUID, body: ReturnBody, principal: CurrentPrincipal, sessions: Sessions,
                              moment: Now) -> ProjectView:
    async with sessions.begin() as session:
        return await review.return_project(session=session, principal=principal, project_id=project_id,
                                           remarks=body.remarks, now=moment.now, today=moment.today)


@router.post("/complete", summary="End the support of an accepted project (its manager or the agency head)")
async def complete(project_id: UUID, body: CompleteBody, principal: CurrentPrincipal, sessions: Sessions,
                   moment: Now) -> ProjectView:
    async with sessions.begin() as session:
        return await review.complete_project(session=session, principal=principal, project_id=project_id,
                                             comment=body.comment, now=moment.now, today=moment.today)
