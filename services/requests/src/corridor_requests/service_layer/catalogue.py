"""Editing the request types catalogue and the routing rules (agency staff), and trying rules out.

Why: both are data the agency maintains as the region's practice changes. A rule set is replaced as
a whole, in order, so an editor never leaves a half-reordered list; an explanation endpoint lets a
manager see where a request would go before anyone files it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from corridor_requests.adapters.catalogue_store import find_request_type, replace_rules, save_request_type
from corridor_requests.domain.access import Actor, ensure_agency_staff
from corridor_requests.domain.catalogue import RequestType, validate_payload
from corridor_requests.domain.errors import UnknownReference
from corridor_requests.domain.routing import RoutingDecision, RoutingRule, RoutingSubject, check_rules
from corridor_requests.service_layer.deployment import Deployment
from corridor_requests.service_layer.submission import choose_recipient


async def put_request_type(*, session: AsyncSession, actor: Actor, request_type: RequestType,
                           now: datetime) -> bool:
    """Create or replace a request type; True if it is new."""
    ensure_agency_staff(actor)
    return await save_request_type(session, request_type, at=now, by=actor.subject)


async def put_routing_rules(*, session: AsyncSession, actor: Actor, rules: list[RoutingRule],
                            now: datetime) -> None:
    ensure_agency_staff(actor)
    check_rules(rules)
    await replace_rules(session, rules, at=now, by=actor.subject)


async def explain_routing(*, session: AsyncSession, actor: Actor, deployment: Deployment, request_type_code: str,
                          municipality_code: str, payload: dict[str, Any]) -> RoutingDecision:
    ensure_agency_staff(actor)
    request_type = await find_request_type(session, request_type_code)
    if request_type is None:
        raise UnknownReference(f"no request type {request_type_code!r}")
    subject = RoutingSubject(request_type_code, request_type.recipient_kind, municipality_code,
                             validate_payload(request_type, payload))
    return await choose_recipient(session, deployment, subject)
