"""The steps after routing: accept, clarify, answer, redirect, reroute, withdraw, close.

Why: the same steps come from officials' cabinets (HTTP) and from supplier systems (Kafka), so each
is one function: find the request, check the actor is the party the step belongs to and the status
allows it, then update the request, record the step with who and when, and enqueue its event — all
in the caller's transaction. Every check happens before the first write.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from corridor_chassis.messaging.outbox import enqueue
from corridor_contracts.events.requests import (
    ClarificationProvided, ClarificationRequested, RequestAccepted, RequestAnswered, RequestClosed, RequestOutcome,
    RequestRedirected, RequestWithdrawn,
)
from corridor_contracts.events.suppliers import SupplierRequestChange
from corridor_contracts.vocabulary import OrganizationKind
from corridor_requests.adapters.directory import ProjectRecord, find_organization, find_project
from corridor_requests.adapters.request_store import (
    DocumentRecord, RequestRecord, add_step, attach_documents, find_request, update_request,
)
from corridor_requests.domain.access import Actor, Parties, ensure_may
from corridor_requests.domain.errors import InvalidInput, Unknown, UnknownReference
from corridor_requests.domain.lifecycle import RequestStatus, Step, next_status
from corridor_requests.service_layer.deployment import Deployment
from corridor_requests.service_layer.documents import claim_documents
from corridor_requests.service_layer.supplier_dispatch import (
    applicant_of, dispatch_to_supplier, is_supplier, tell_supplier,
)


@dataclass(frozen=True)
class _Move:
    request: RequestRecord
    project: ProjectRecord | None
    target: RequestStatus


async def _check(session: AsyncSession, actor: Actor, request_id: UUID, step: Step) -> _Move:
    request = await find_request(session, request_id)
    if request is None:
        raise Unknown("no such request")
    project = await find_project(session, request.project_id)
    ensure_may(step, actor, Parties(request.investor_organization_id, request.recipient_organization_id,
                                    project.manager_user_id if project else None))
    return _Move(request, project, next_status(request.status, step))


async def _record(session: AsyncSession, move: _Move, step: Step, actor: Actor | None, now: datetime, *,
                  text: str | None = None, documents: Sequence[DocumentRecord] = (), **changes) -> RequestRecord:
    updated = await update_request(session, move.request, status=move.target, updated_at=now, **changes)
    step_id = await add_step(
        session, request_id=move.request.request_id, step=step, from_status=move.request.status,
        to_status=move.target, actor_id=actor.subject if actor else None,
        actor_organization_id=actor.organization_id if actor else None,
        organization_id=updated.recipient_organization_id, text=text, at=now)
    await attach_documents(session, [d.document_id for d in documents], request_id=updated.request_id,
                           step_id=step_id)
    return updated


def _about(request: RequestRecord, now: datetime) -> dict:
    return {"occurred_at": now, "request_id": request.request_id, "project_id": request.project_id}


async def accept_request(*, session: AsyncSession, actor: Actor, request_id: UUID, now: datetime) -> RequestRecord:
    move = await _check(session, actor, request_id, Step.ACCEPT)
    request = await _record(session, move, Step.ACCEPT, actor, now)
    await enqueue(session, RequestAccepted(**_about(request, now), actor_id=actor.subject,
                                           recipient_organization_id=request.recipient_organization_id))
    return request


async def request_clarification(*, session: AsyncSession, actor: Actor, request_id: UUID, question: str,
                                now: datetime) -> RequestRecord:
    move = await _check(session, actor, request_id, Step.REQUEST_CLARIFICATION)
    request = await _record(session, move, Step.REQUEST_CLARIFICATION, actor, now, text=question)
    await enqueue(session, ClarificationRequested(**_about(request, now), question=question, actor_id=actor.subject,
                                                  recipient_organization_id=request.recipient_organization_id))
    return request


async def provide_clarification(*, session: AsyncSession, actor: Actor, deployment: Deployment, request_id: UUID,
                                text: str, document_ids: list[UUID], now: datetime) -> RequestRecord:
    request, attachments = await _message(session, actor, deployment, request_id, Step.PROVIDE_CLARIFICATION,
                                          ClarificationProvided, text, document_ids, now)
    await tell_supplier(session, request=request, supplier_id=request.recipient_organization_id,
                        change=SupplierRequestChange.CLARIFICATION_PROVIDED, text=text, documents=attachments,
                        deployment=deployment, now=now)
    return request


async def answer_request(*, session: AsyncSession, actor: Actor, deployment: Deployment, request_id: UUID,
                         text: str, document_ids: list[UUID], now: datetime) -> RequestRecord:
    request, _ = await _message(session, actor, deployment, request_id, Step.ANSWER, RequestAnswered, text,
                                document_ids, now)
    return request


async def _message(session: AsyncSession, actor: Actor, deployment: Deployment, request_id: UUID, step: Step,
                   event: type[ClarificationProvided | RequestAnswered], text: str, document_ids: list[UUID],
                   now: datetime) -> tuple[RequestRecord, list[DocumentRecord]]:
    """A step that carries a text and documents: the investor's clarification, the recipient's answer."""
    move = await _check(session, actor, request_id, step)
    attachments = await claim_documents(session=session, organization_id=actor.organization_id,
                                        document_ids=document_ids)
    request = await _record(session, move, step, actor, now, text=text, documents=attachments)
    await enqueue(session, event(**_about(request, now), text=text, documents=[deployment.link(d) for d in attachments],
                                 actor_id=actor.subject, recipient_organization_id=request.recipient_organization_id))
    return request, attachments


async def redirect_request(*, session: AsyncSession, actor: Actor, deployment: Deployment, request_id: UUID,
                           to_organization_id: UUID, reason: str, now: datetime,
                           step: Step = Step.REDIRECT) -> RequestRecord:
    """The recipient passes the request on (REDIRECT), or the project's manager moves it (REROUTE)."""
    move = await _check(session, actor, request_id, step)
    target = await find_organization(session, to_organization_id)
    if target is None or target.organization.kind is OrganizationKind.INVESTOR:
        raise UnknownReference("no such body, supplier or agency to send the request to")
    if to_organization_id == move.request.recipient_organization_id:
        raise InvalidInput("the request is already assigned to that organisation")
    applicant = await applicant_of(session, move.request.investor_organization_id) if is_supplier(target) else None
    source = move.request.recipient_organization_id
    how = "rerouted by the project's manager" if step is Step.REROUTE else "redirected by the recipient"
    request = await _record(
        session, move, step, actor, now, text=reason, recipient_organization_id=to_organization_id,
        recipient_kind=target.organization.kind.value, routing_rule_id=None,
        routing_explanation=f"{how} to «{target.organization.name}»: {reason}")
    await enqueue(session, RequestRedirected(
        **_about(request, now), from_organization_id=source, to_organization_id=to_organization_id,
        to_organization_kind=target.organization.kind, reason=reason, actor_id=actor.subject))
    await tell_supplier(session, request=request, supplier_id=source, change=SupplierRequestChange.RECALLED,
                        text=reason, documents=[], deployment=deployment, now=now)
    if applicant is not None and move.project is not None:
        await dispatch_to_supplier(session, request=request, supplier=target, applicant=applicant,
                                   project=move.project.summary, deployment=deployment, now=now)
    return request


async def withdraw_request(*, session: AsyncSession, actor: Actor, deployment: Deployment, request_id: UUID,
                           reason: str | None, now: datetime) -> RequestRecord:
    move = await _check(session, actor, request_id, Step.WITHDRAW)
    request = await _record(session, move, Step.WITHDRAW, actor, now, text=reason,
                            outcome=RequestOutcome.WITHDRAWN.value)
    await enqueue(session, RequestWithdrawn(**_about(request, now), reason=reason, actor_id=actor.subject))
    await enqueue(session, RequestClosed(**_about(request, now), outcome=RequestOutcome.WITHDRAWN,
                                         actor_id=actor.subject))
    await tell_supplier(session, request=request, supplier_id=request.recipient_organization_id,
                        change=SupplierRequestChange.WITHDRAWN, text=reason, documents=[],
                        deployment=deployment, now=now)
    return request


async def close_request(*, session: AsyncSession, actor: Actor, request_id: UUID, now: datetime) -> RequestRecord:
    move = await _check(session, actor, request_id, Step.CLOSE)
    request = await _record(session, move, Step.CLOSE, actor, now, outcome=RequestOutcome.ANSWERED.value)
    await enqueue(session, RequestClosed(**_about(request, now), outcome=RequestOutcome.ANSWERED,
                                         actor_id=actor.subject))
    return request


async def close_with_project(*, session: AsyncSession, deployment: Deployment, request: RequestRecord,
                             now: datetime) -> None:
    """The project's support ended: its requests close; a supplier still working on one is told."""
    move = _Move(request, None, next_status(request.status, Step.CLOSE_WITH_PROJECT))
    outcome = RequestOutcome.ANSWERED if request.status is RequestStatus.ANSWERED else RequestOutcome.PROJECT_CLOSED
    await _record(session, move, Step.CLOSE_WITH_PROJECT, None, now, outcome=outcome.value)
    await enqueue(session, RequestClosed(**_about(request, now), outcome=outcome, actor_id=None))
    if request.status is not RequestStatus.ANSWERED:
        await tell_supplier(session, request=request, supplier_id=request.recipient_organization_id,
                            change=SupplierRequestChange.RECALLED, text="the project's support has ended",
                            documents=[], deployment=deployment, now=now)
