"""Request types and routing rules: read by everyone signed in, edited by agency staff."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from corridor_requests.adapters.catalogue_store import (
    all_request_types, all_rules, find_request_type, request_type_from_dict, request_type_to_dict, rule_from_dict,
    rule_to_dict,
)
from corridor_requests.domain.access import ensure_agency_staff
from corridor_requests.domain.errors import Unknown
from corridor_requests.entrypoints.http.deps import ActorDep, WiringDep
from corridor_requests.entrypoints.http.schemas import (
    CODE_PATTERN, ExplainBody, RequestTypeBody, RequestTypeView, RoutingDecisionView, RoutingRulesBody,
)
from corridor_requests.service_layer.catalogue import explain_routing, put_request_type, put_routing_rules

router = APIRouter(tags=["catalogue"])


@router.get("/request-types", summary="The request types catalogue")
async def list_request_types(actor: ActorDep, wiring: WiringDep) -> list[RequestTypeView]:
    async with wiring.transaction() as session:
        return [RequestTypeView(**request_type_to_dict(t)) for t in await all_request_types(session)]


@router.get("/request-types/{code}", summary="One request type")
async def get_request_type(code: str, actor: ActorDep, wiring: WiringDep) -> RequestTypeView:
    async with wiring.transaction() as session:
        found = await find_request_type(session, code)
    if found is None:
        raise Unknown("no such request type")
    return RequestTypeView(**request_type_to_dict(found))


@router.put("/request-types/{code}", summary="Create or replace a request type (agency staff)",
            responses={201: {"description": "Created"}})
async def put_type(code: Annotated[str, Path(pattern=CODE_PATTERN)], body: RequestTypeBody, actor: ActorDep,
                   wiring: WiringDep, response: Response) -> RequestTypeView:
    request_type = request_type_from_dict(body.model_dump() | {"code": code})
    async with wiring.transaction() as session:
        created = await put_request_type(session=session, actor=actor, request_type=request_type,
                                         now=wiring.clock())
    response.status_code = 201 if created else 200
    return RequestTypeView(**request_type_to_dict(request_type))


@router.get("/routing-rules", summary="The routing rules in the order they are tried (agency staff)")
async def get_rules(actor: ActorDep, wiring: WiringDep) -> RoutingRulesBody:
    ensure_agency_staff(actor)
    async with wiring.transaction() as session:
        return RoutingRulesBody(rules=[rule_to_dict(rule) for rule in await all_rules(session)])


@router.put("/routing-rules", summary="Replace the whole ordered rule set (agency staff)")
async def put_rules(body: RoutingRulesBody, actor: ActorDep, wiring: WiringDep) -> RoutingRulesBody:
    rules = [rule_from_dict(rule.model_dump()) for rule in body.rules]
    async with wiring.transaction() as session:
        await put_routing_rules(session=session, actor=actor, rules=rules, now=wiring.clock())
    return RoutingRulesBody(rules=[rule_to_dict(rule) for rule in rules])


@router.post("/routing-rules/explain", summary="Where a request would go, and why (agency staff)")
async def explain(body: ExplainBody, actor: ActorDep, wiring: WiringDep) -> RoutingDecisionView:
    async with wiring.transaction() as session:
        decision = await explain_routing(session=session, actor=actor, deployment=wiring.deployment,
                                         request_type_code=body.request_type_code,
                                         municipality_code=body.municipality_code, payload=body.payload)
    return RoutingDecisionView(recipient_organization_id=decision.recipient.organization_id,
                               recipient_name=decision.recipient.name, recipient_kind=decision.recipient.kind,
                               rule_id=decision.rule_id, explanation=decision.explanation)
