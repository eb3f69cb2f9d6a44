"""Filing a request: checked against the catalogue, routed at once, announced in one transaction.

Why: the corridor's promise is that an investor's request reaches the right body or supplier at once.
So submission and routing are one use case: the request is stored already routed, both steps are
recorded, and RequestSubmitted, RequestRouted and (for a supplier) SupplierRequestDispatched are
enqueued together — all or nothing.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from corridor_chassis.messaging.outbox import enqueue
from corridor_contracts.events.requests import RequestRouted, RequestSubmitted
from corridor_contracts.vocabulary import OrganizationKind, Role
from corridor_requests.adapters.catalogue_store import all_rules, find_request_type
from corridor_requests.adapters.directory import (
    ProjectRecord, all_organizations, find_organization, find_project, find_roadmap_task,
)
from corridor_requests.adapters.request_store import RequestRecord, add_step, attach_documents, insert_request
from corridor_requests.domain.access import Actor
from corridor_requests.domain.catalogue import ensure_required_documents, validate_payload
from corridor_requests.domain.errors import NotAllowed, ProjectNotAccepted, Unknown, UnknownReference
from corridor_requests.domain.lifecycle import RequestStatus, Step, next_status
from corridor_requests.domain.routing import Organization, RoutingDecision, RoutingSubject, route
from corridor_requests.domain.working_days import indicative_due_on
from corridor_requests.service_layer.deployment import Deployment
from corridor_requests.service_layer.documents import claim_documents
from corridor_requests.service_layer.supplier_dispatch import applicant_of, dispatch_to_supplier, is_supplier


async def submit_request(*, session: AsyncSession, actor: Actor, deployment: Deployment, now: datetime,
                         project_id: UUID, request_type_code: str, subject: str, payload: dict[str, Any],
                         document_ids: list[UUID], roadmap_task_id: UUID | None = None) -> RequestRecord:
    if not actor.has_any_role(Role.INVESTOR) or actor.organization_id is None:
        raise NotAllowed("only an investor files requests")
    project = await _own_accepted_project(session, actor, project_id)
    request_type = await find_request_type(session, request_type_code)
    if request_type is None or not request_type.active:
        raise UnknownReference(f"no active request type {request_type_code!r}")
    clean_payload = validate_payload(request_type, payload)
    attachments = await claim_documents(session=session, organization_id=actor.organization_id,
                                        document_ids=document_ids)
    ensure_required_documents(request_type, (document.kind for document in attachments))
    await _check_roadmap_task(session, roadmap_task_id, project_id, request_type_code)

    decision = await choose_recipient(session, deployment, RoutingSubject(
        request_type_code, request_type.recipient_kind, project.summary.municipality_code, clean_payload))
    recipient = await find_organization(session, decision.recipient.organization_id)
    applicant = await applicant_of(session, actor.organization_id) if is_supplier(recipient) else None

    request = RequestRecord(
        request_id=uuid.uuid4(), project_id=project_id, investor_organization_id=actor.organization_id,
        request_type_code=request_type_code, subject=subject, payload=clean_payload,
        status=next_status(next_status(None, Step.SUBMIT), Step.ROUTE), sla_policy_code=request_type.sla_policy_code,
        registered_at=now, updated_at=now, recipient_organization_id=decision.recipient.organization_id,
        recipient_kind=decision.recipient.kind.value, routing_rule_id=decision.rule_id,
        routing_explanation=decision.explanation, roadmap_task_id=roadmap_task_id, submitted_by=actor.subject,
        due_on=indicative_due_on(now, request_type.target_working_days, deployment.time_zone))
    await insert_request(session, request)
    submitted = await add_step(session, request_id=request.request_id, step=Step.SUBMIT, from_status=None,
                               to_status=RequestStatus.SUBMITTED, actor_id=actor.subject,
                               actor_organization_id=actor.organization_id, organization_id=None, text=None, at=now)
    await attach_documents(session, [d.document_id for d in attachments], request_id=request.request_id,
                           step_id=submitted)
    await add_step(session, request_id=request.request_id, step=Step.ROUTE, from_status=RequestStatus.SUBMITTED,
                   to_status=RequestStatus.ROUTED, actor_id=None, actor_organization_id=None,
                   organization_id=decision.recipient.organization_id, text=decision.explanation, at=now)

    common = {"occurred_at": now, "request_id": request.request_id, "project_id": project_id,
              "investor_organization_id": actor.organization_id, "request_type_code": request_type_code,
              "subject": subject, "sla_policy_code": request_type.sla_policy_code}
    await enqueue(session, RequestSubmitted(**common, registered_at=now, actor_id=actor.subject,
                                            documents=[deployment.link(d) for d in attachments],
                                            roadmap_task_id=roadmap_task_id))
    await enqueue(session, RequestRouted(**common, recipient_organization_id=decision.recipient.organization_id,
                                         recipient_kind=decision.recipient.kind, rule_id=decision.rule_id,
                                         explanation=decision.explanation))
    if applicant is not None:
        await dispatch_to_supplier(session, request=request, supplier=recipient, applicant=applicant,
                                   project=project.summary, deployment=deployment, now=now)
    return request


async def choose_recipient(session: AsyncSession, deployment: Deployment, subject: RoutingSubject) -> RoutingDecision:
    directory = await all_organizations(session)
    return route(subject, await all_rules(session), directory, agency_queue(directory, deployment))


def agency_queue(directory: list[Organization], deployment: Deployment) -> Organization | None:
    """The fallback recipient: the agency named in settings, else the only agency organisation."""
    agencies = [org for org in directory if org.kind is OrganizationKind.AGENCY]
    if deployment.fallback_short_code:
        agencies = [org for org in agencies if org.short_code == deployment.fallback_short_code]
    return agencies[0] if len(agencies) == 1 else None


async def _own_accepted_project(session: AsyncSession, actor: Actor, project_id: UUID) -> ProjectRecord:
    project = await find_project(session, project_id)
    if project is None or project.summary.investor_organization_id != actor.organization_id:
        raise Unknown("no such project among your organisation's projects")
    if project.status != "accepted":
        raise ProjectNotAccepted(f"requests are filed for projects accepted for support; this one is {project.status}")
    return project


async def _check_roadmap_task(session: AsyncSession, task_id: UUID | None, project_id: UUID, type_code: str) -> None:
    if task_id is None:
        return
    task = await find_roadmap_task(session, task_id)
    if task is None or task[0] != project_id:
        raise UnknownReference("no such task in the project's roadmap")
    if task[1] is not None and task[1] != type_code:
        raise UnknownReference(f"that roadmap task is served by requests of type {task[1]!r}")
