"""What operators look at when a supplier says its answers do not arrive: the rejected responses."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from pydantic import BaseModel

from corridor_contracts.vocabulary import Role
from corridor_requests.adapters.supplier_response_store import rejections
from corridor_requests.domain.errors import NotAllowed
from corridor_requests.entrypoints.http.deps import ActorDep, WiringDep

router = APIRouter(tags=["operations"])
OPERATORS = (Role.OPERATOR, Role.ADMINISTRATOR, Role.AGENCY_HEAD)


class RejectionView(BaseModel):
    event_id: str
    response_id: UUID
    request_id: UUID
    claimed_organization_id: UUID
    sender_organization_id: UUID | None
    reason: str
    detail: str
    rejected_at: datetime


@router.get("/supplier-responses/rejections", summary="Supplier responses that were not applied, newest first")
async def list_rejections(actor: ActorDep, wiring: WiringDep, limit: Annotated[int, Query(ge=1, le=200)] = 50,
                          offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> list[RejectionView]:
    if not actor.has_any_role(*OPERATORS):
        raise NotAllowed("for operators, administrators and the agency head")
    async with wiring.transaction() as session:
        return [RejectionView(**row) for row in await rejections(session, limit=limit, offset=offset)]
