"""What each party sees: a request in full, the investor's and manager's lists, a recipient's inbox."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from corridor_contracts.vocabulary import Role
from corridor_requests.adapters.directory import find_organization, find_project
from corridor_requests.adapters.request_queries import (
    RequestFilter, RequestPage, any_of, assigned_to, curated_by, filed_by, search,
)
from corridor_requests.adapters.request_store import RequestRecord, StepRecord, find_request, steps_of
from corridor_requests.domain.access import RECIPIENT_ROLES, Actor, Parties, Party, ensure_visible
from corridor_requests.domain.errors import NotAllowed, Unknown


@dataclass(frozen=True)
class RequestDetail:
    request: RequestRecord
    viewer: frozenset[Party]
    recipient_name: str | None
    steps: list[StepRecord]


async def request_detail(*, session: AsyncSession, actor: Actor, request_id: UUID) -> RequestDetail:
    request = await find_request(session, request_id)
    if request is None:
        raise Unknown("no such request")
    project = await find_project(session, request.project_id)
    viewer = ensure_visible(actor, Parties(request.investor_organization_id, request.recipient_organization_id,
                                           project.manager_user_id if project else None))
    recipient = await find_organization(session, request.recipient_organization_id) \
        if request.recipient_organization_id else None
    return RequestDetail(request, viewer, recipient.organization.name if recipient else None,
                         await steps_of(session, request_id))


async def my_requests(*, session: AsyncSession, actor: Actor, filters: RequestFilter, limit: int,
                      offset: int) -> RequestPage:
    """An investor's organisation's requests and a manager's curated projects' requests."""
    visible = []
    if actor.has_any_role(Role.INVESTOR) and actor.organization_id:
        visible.append(filed_by(actor.organization_id))
    if actor.has_any_role(Role.MANAGER) and actor.subject:
        visible.append(curated_by(actor.subject))
    if not visible:
        raise NotAllowed("this list is for investors and managers; officials work from /inbox")
    return await search(session, visible_to=any_of(*visible), filters=filters, by_due_date=False,
                        limit=limit, offset=offset)


async def inbox(*, session: AsyncSession, actor: Actor, filters: RequestFilter, limit: int,
                offset: int) -> RequestPage:
    """Requests assigned to the actor's organisation now, soonest due first."""
    if not actor.has_any_role(*RECIPIENT_ROLES) or actor.organization_id is None:
        raise NotAllowed("the inbox is for officials and staff of a recipient organisation")
    return await search(session, visible_to=assigned_to(actor.organization_id), filters=filters, by_due_date=True,
                        limit=limit, offset=offset)
