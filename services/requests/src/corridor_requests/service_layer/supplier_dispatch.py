"""What a supplier system learns on its own topic: requests routed to it and later changes to them.

Why: a supplier cannot query us, so a dispatched request is self-contained (project, applicant, form,
document links, due date), and anything that changes its work — the investor's clarification, a
withdrawal, the request moving elsewhere — follows on the same topic. Events go through the outbox in
the transaction of the change, like every other event.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from corridor_chassis.messaging.outbox import enqueue
from corridor_contracts.events.suppliers import SupplierRequestChange, SupplierRequestChanged, SupplierRequestDispatched
from corridor_contracts.vocabulary import OrganizationKind, ProjectSummary
from corridor_requests.adapters.directory import OrganizationRecord, find_organization
from corridor_requests.adapters.request_store import DocumentRecord, RequestRecord, documents_of
from corridor_requests.domain.errors import DirectoryIncomplete
from corridor_requests.service_layer.deployment import Deployment


def is_supplier(organization: OrganizationRecord | None) -> bool:
    return bool(organization and organization.organization.kind is OrganizationKind.SUPPLIER
                and organization.organization.short_code)


async def applicant_of(session: AsyncSession, investor_organization_id: UUID) -> OrganizationRecord:
    """The investor organisation; a supplier needs its name and INN, so it must be known already."""
    investor = await find_organization(session, investor_organization_id)
    if investor is None:
        raise DirectoryIncomplete("the investor organisation has not reached this service yet; retry in a moment")
    return investor


async def dispatch_to_supplier(session: AsyncSession, *, request: RequestRecord, supplier: OrganizationRecord,
                               applicant: OrganizationRecord, project: ProjectSummary, deployment: Deployment,
                               now: datetime) -> None:
    documents = await documents_of(session, request.request_id)
    await enqueue(session, SupplierRequestDispatched(
        occurred_at=now, request_id=request.request_id, project_id=request.project_id,
        supplier_organization_id=supplier.organization.organization_id,
        supplier_short_code=supplier.organization.short_code, request_type_code=request.request_type_code,
        subject=request.subject, project=project, applicant_name=applicant.full_name, applicant_inn=applicant.inn,
        payload=request.payload, documents=[deployment.link(document) for document in documents],
        registered_at=request.registered_at, due_on=request.due_on))


async def tell_supplier(session: AsyncSession, *, request: RequestRecord, supplier_id: UUID | None,
                        change: SupplierRequestChange, text: str | None, documents: list[DocumentRecord],
                        deployment: Deployment, now: datetime) -> None:
    """Tell the supplier the request was assigned to, if it is one; other recipients read their cabinet."""
    supplier = await find_organization(session, supplier_id) if supplier_id else None
    if not is_supplier(supplier):
        return
    await enqueue(session, SupplierRequestChanged(
        occurred_at=now, request_id=request.request_id, project_id=request.project_id,
        supplier_organization_id=supplier.organization.organization_id,
        supplier_short_code=supplier.organization.short_code, change=change, text=text,
        documents=[deployment.link(document) for document in documents]))
