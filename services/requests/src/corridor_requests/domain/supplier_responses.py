"""Whether a supplier system's response on the shared responses topic may act on a request.

Why: every supplier writes to the same topic, and a Kafka record does not say who wrote it. So each
response carries the supplier's access token (header `authorization: Bearer …`, see ADR 0006); once
the signature has been verified, these rules decide: the token must belong to a supplier system, name
the organisation the response claims to come from, and that organisation must be the one the request
is assigned to now. Anything else is rejected without touching the request.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from uuid import UUID

from corridor_contracts.events.suppliers import SupplierAction
from corridor_contracts.vocabulary import Role

from .access import Actor
from .lifecycle import Step

STEP_OF_ACTION = {
    SupplierAction.ACCEPTED: Step.ACCEPT,
    SupplierAction.CLARIFICATION_REQUESTED: Step.REQUEST_CLARIFICATION,
    SupplierAction.ANSWERED: Step.ANSWER,
}


class RejectionReason(StrEnum):
    MISSING_TOKEN = "missing-token"
    INVALID_TOKEN = "invalid-token"
    TOKEN_EXPIRED = "token-expired"
    NOT_A_SUPPLIER_SYSTEM = "not-a-supplier-system"
    ORGANIZATION_MISMATCH = "organization-mismatch"
    NOT_ASSIGNED = "not-assigned"
    UNKNOWN_REQUEST = "unknown-request"
    ILLEGAL_TRANSITION = "illegal-transition"
    INVALID_DOCUMENTS = "invalid-documents"


class ResponseRejected(Exception):
    def __init__(self, reason: RejectionReason, detail: str) -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason.value}: {detail}")


@dataclass(frozen=True)
class SupplierSystem:
    """The verified sender: the organisation from the token's `org` claim."""

    organization_id: UUID
    actor: Actor


def supplier_from_claims(claims: Mapping[str, Any]) -> SupplierSystem:
    roles = frozenset(str(role) for role in claims.get("roles", ()) or ())
    if Role.SUPPLIER_SYSTEM not in roles:
        raise ResponseRejected(RejectionReason.NOT_A_SUPPLIER_SYSTEM,
                               "the token does not belong to a supplier system (role supplier_system)")
    try:
        organization_id = UUID(str(claims["org"]))
    except (KeyError, ValueError) as exc:
        raise ResponseRejected(RejectionReason.INVALID_TOKEN, "the token names no organisation") from exc
    return SupplierSystem(organization_id, Actor(subject=_uuid_or_none(claims.get("sub")),
                                                 organization_id=organization_id, roles=roles))


def ensure_may_respond(sender: SupplierSystem, *, claimed_organization_id: UUID,
                       assigned_organization_id: UUID | None) -> None:
    if sender.organization_id != claimed_organization_id:
        raise ResponseRejected(RejectionReason.ORGANIZATION_MISMATCH,
                               f"the response claims organisation {claimed_organization_id}, "
                               f"the token belongs to {sender.organization_id}")
    if sender.organization_id != assigned_organization_id:
        raise ResponseRejected(RejectionReason.NOT_ASSIGNED,
                               "the request is not assigned to the sender's organisation")


def _uuid_or_none(value: object) -> UUID | None:
    """Service accounts may be identified by a client id rather than a UUID; events then carry no actor."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
