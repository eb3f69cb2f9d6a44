"""Applying what supplier systems send on the shared responses topic — or rejecting it.

Why: see ADR 0006. The sender is whoever holds the access token in the record's `authorization`
header; its organisation must be the one the response claims and the one the request is assigned to.
An accepted response drives the same use case an official's click would. A rejected one changes
nothing on the request: it is recorded (for operators) and the sender, when the token proved who it
is, is told on its own topic why. Both happen in the consumer's inbox transaction, so once only.
"""

from __future__ import annotations

import logging
from datetime import datetime
from enum import StrEnum

from prometheus_client import Counter
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_chassis.auth import KeyRing
from corridor_chassis.errors import Unauthorized
from corridor_chassis.messaging.outbox import enqueue
from corridor_contracts.envelope import Envelope
from corridor_contracts.events.suppliers import SupplierResponded, SupplierResponseRejected
from corridor_requests.adapters.directory import find_organization
from corridor_requests.adapters.request_store import find_request
from corridor_requests.adapters.supplier_response_store import record_applied, record_rejected, was_applied
from corridor_requests.domain.errors import IllegalTransition, NotAllowed, Unknown, UnusableDocuments
from corridor_requests.domain.lifecycle import Step
from corridor_requests.domain.supplier_responses import (
    STEP_OF_ACTION, RejectionReason, ResponseRejected, SupplierSystem, ensure_may_respond, supplier_from_claims,
)
from corridor_requests.service_layer.deployment import Deployment
from corridor_requests.service_layer.handling import accept_request, answer_request, request_clarification
from corridor_requests.service_layer.supplier_dispatch import is_supplier

log = logging.getLogger(__name__)
RESPONSES = Counter("gc_supplier_responses_total", "Supplier responses by outcome", ["outcome"])


class Outcome(StrEnum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


async def apply_supplier_response(*, session: AsyncSession, keyring: KeyRing, deployment: Deployment,
                                  envelope: Envelope, token: str | None, now: datetime) -> Outcome:
    response: SupplierResponded = envelope.data
    if await was_applied(session, response.response_id):
        RESPONSES.labels(Outcome.DUPLICATE).inc()
        return Outcome.DUPLICATE
    sender: SupplierSystem | None = None
    try:
        sender = _verified_sender(keyring, token)
        request = await find_request(session, response.request_id)
        if request is None:
            raise ResponseRejected(RejectionReason.UNKNOWN_REQUEST, "no such request")
        ensure_may_respond(sender, claimed_organization_id=response.supplier_organization_id,
                           assigned_organization_id=request.recipient_organization_id)
        await _apply(session, sender, deployment, response, now)
    except ResponseRejected as rejection:
        await _reject(session, envelope, sender, rejection, now)
        return Outcome.REJECTED
    # Raised by the use case's checks, before it writes anything.
    except IllegalTransition as exc:
        await _reject(session, envelope, sender, ResponseRejected(RejectionReason.ILLEGAL_TRANSITION, exc.detail), now)
        return Outcome.REJECTED
    except UnusableDocuments as exc:
        await _reject(session, envelope, sender, ResponseRejected(RejectionReason.INVALID_DOCUMENTS, exc.detail), now)
        return Outcome.REJECTED
    except (NotAllowed, Unknown) as exc:
        await _reject(session, envelope, sender, ResponseRejected(RejectionReason.NOT_ASSIGNED, exc.detail), now)
        return Outcome.REJECTED
    await record_applied(session, response_id=response.response_id, request_id=response.request_id,
                         supplier_organization_id=sender.organization_id, action=response.action.value, at=now)
    RESPONSES.labels(Outcome.APPLIED).inc()
    return Outcome.APPLIED


def _verified_sender(keyring: KeyRing, token: str | None) -> SupplierSystem:
    if not token:
        raise ResponseRejected(RejectionReason.MISSING_TOKEN, "send the access token: header authorization: Bearer …")
    try:
        claims = keyring.verify(token)
    except Unauthorized as exc:
        reason = RejectionReason.TOKEN_EXPIRED if exc.slug == "token-expired" else RejectionReason.INVALID_TOKEN
        raise ResponseRejected(reason, exc.detail or exc.title) from exc
    return supplier_from_claims(claims)


async def _apply(session: AsyncSession, sender: SupplierSystem, deployment: Deployment,
                 response: SupplierResponded, now: datetime) -> None:
    step = STEP_OF_ACTION[response.action]
    common = {"session": session, "actor": sender.actor, "request_id": response.request_id, "now": now}
    if step is Step.ACCEPT:
        await accept_request(**common)
    elif step is Step.REQUEST_CLARIFICATION:
        await request_clarification(**common, question=response.text)
    else:
        await answer_request(**common, deployment=deployment, text=response.text,
                             document_ids=[document.document_id for document in response.documents])


async def _reject(session: AsyncSession, envelope: Envelope, sender: SupplierSystem | None,
                  rejection: ResponseRejected, now: datetime) -> None:
    response: SupplierResponded = envelope.data
    log.warning("supplier response %s for request %s rejected: %s", response.response_id, response.request_id,
                rejection)
    RESPONSES.labels(Outcome.REJECTED).inc()
    await record_rejected(session, event_id=envelope.id, response_id=response.response_id,
                          request_id=response.request_id, claimed_organization_id=response.supplier_organization_id,
                          sender_organization_id=sender.organization_id if sender else None,
                          reason=rejection.reason.value, detail=rejection.detail, at=now)
    organization = await find_organization(session, sender.organization_id) if sender else None
    if is_supplier(organization):  # only a proven sender is told, on its own topic
        await enqueue(session, SupplierResponseRejected(
            occurred_at=now, request_id=response.request_id, response_id=response.response_id,
            supplier_organization_id=sender.organization_id, supplier_short_code=organization.organization.short_code,
            reason=rejection.reason.value, detail=rejection.detail))
