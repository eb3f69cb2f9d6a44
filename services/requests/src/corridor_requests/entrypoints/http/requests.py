"""Requests: filing, the cabinets' lists and inbox, a request in full, and each lifecycle step."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from corridor_requests.adapters.request_queries import RequestFilter, RequestPage
from corridor_requests.adapters.request_store import RequestRecord
from corridor_requests.domain.lifecycle import RequestStatus, Step
from corridor_requests.entrypoints.http.deps import ActorDep, WiringDep
from corridor_requests.entrypoints.http.documents import view as document_view
from corridor_requests.entrypoints.http.schemas import (
    AnswerBody, ClarificationBody, CreateRequestBody, QuestionBody, RedirectBody, RequestDetailView,
    RequestPageView, RequestView, StepView, WithdrawBody,
)
from corridor_requests.service_layer import handling
from corridor_requests.service_layer.queries import inbox, my_requests, request_detail
from corridor_requests.service_layer.submission import submit_request

router = APIRouter(tags=["requests"])

Limit = Annotated[int, Query(ge=1, le=200)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Statuses = Annotated[list[RequestStatus], Query(alias="status")]


def view(record: RequestRecord) -> RequestView:
    return RequestView.model_validate(record, from_attributes=True)


def page(result: RequestPage, limit: int, offset: int) -> RequestPageView:
    return RequestPageView(items=[view(r) for r in result.items], total=result.total, limit=limit, offset=offset)


@router.post("/requests", status_code=201, summary="File a request for an accepted project (investor)")
async def create(body: CreateRequestBody, actor: ActorDep, wiring: WiringDep) -> RequestView:
    async with wiring.transaction() as session:
        record = await submit_request(
            session=session, actor=actor, deployment=wiring.deployment, now=wiring.clock(),
            project_id=body.project_id, request_type_code=body.request_type_code, subject=body.subject,
            payload=body.payload, document_ids=body.document_ids, roadmap_task_id=body.roadmap_task_id)
    return view(record)


@router.get("/requests", summary="The investor's requests, or the requests of the manager's projects")
async def list_mine(actor: ActorDep, wiring: WiringDep, status: Statuses = [], request_type: str | None = None,
                    project_id: UUID | None = None, limit: Limit = 50, offset: Offset = 0) -> RequestPageView:
    filters = RequestFilter(tuple(status), request_type, project_id)
    async with wiring.transaction() as session:
        result = await my_requests(session=session, actor=actor, filters=filters, limit=limit, offset=offset)
    return page(result, limit, offset)


@router.get("/inbox", summary="Requests assigned to the caller's organisation, soonest due first")
async def list_inbox(actor: ActorDep, wiring: WiringDep, status: Statuses = [], request_type: str | None = None,
                     due_before: date | None = None, due_after: date | None = None, limit: Limit = 50,
                     offset: Offset = 0) -> RequestPageView:
    filters = RequestFilter(tuple(status), request_type, None, due_before, due_after)
    async with wiring.transaction() as session:
        result = await inbox(session=session, actor=actor, filters=filters, limit=limit, offset=offset)
    return page(result, limit, offset)


@router.get("/requests/{request_id}", summary="A request with its history, messages and documents")
async def detail(request_id: UUID, actor: ActorDep, wiring: WiringDep) -> RequestDetailView:
    async with wiring.transaction() as session:
        found = await request_detail(session=session, actor=actor, request_id=request_id)
    history = [StepView(**{**vars(step), "documents": [document_view(d, wiring.deployment) for d in step.documents]})
               for step in found.steps]
    return RequestDetailView(**view(found.request).model_dump(), recipient_name=found.recipient_name,
                             viewer=sorted(found.viewer), history=history)


@router.post("/requests/{request_id}/accept", summary="Take the request into work (recipient)")
async def accept(request_id: UUID, actor: ActorDep, wiring: WiringDep) -> RequestView:
    async with wiring.transaction() as session:
        return view(await handling.accept_request(session=session, actor=actor, request_id=request_id,
                                                  now=wiring.clock()))


@router.post("/requests/{request_id}/clarification-requests", summary="Ask the investor a question (recipient)")
async def ask(request_id: UUID, body: QuestionBody, actor: ActorDep, wiring: WiringDep) -> RequestView:
    async with wiring.transaction() as session:
        return view(await handling.request_clarification(session=session, actor=actor, request_id=request_id,
                                                         question=body.question, now=wiring.clock()))


@router.post("/requests/{request_id}/clarifications", summary="Answer the recipient's question (investor)")
async def clarify(request_id: UUID, body: ClarificationBody, actor: ActorDep, wiring: WiringDep) -> RequestView:
    async with wiring.transaction() as session:
        return view(await handling.provide_clarification(
            session=session, actor=actor, deployment=wiring.deployment, request_id=request_id, text=body.text,
            document_ids=body.document_ids, now=wiring.clock()))


@router.post("/requests/{request_id}/answer", summary="Answer the request (recipient)")
async def answer(request_id: UUID, body: AnswerBody, actor: ActorDep, wiring: WiringDep) -> RequestView:
    async with wiring.transaction() as session:
        return view(await handling.answer_request(
            session=session, actor=actor, deployment=wiring.deployment, request_id=request_id, text=body.text,
            document_ids=body.document_ids, now=wiring.clock()))


@router.post("/requests/{request_id}/redirect", summary="Pass the request to another organisation (recipient)")
async def redirect(request_id: UUID, body: RedirectBody, actor: ActorDep, wiring: WiringDep) -> RequestView:
    return await _move(request_id, body, actor, wiring, Step.REDIRECT)


@router.post("/requests/{request_id}/reroute", summary="Move the request to another organisation (project's manager)")
async def reroute(request_id: UUID, body: RedirectBody, actor: ActorDep, wiring: WiringDep) -> RequestView:
    return await _move(request_id, body, actor, wiring, Step.REROUTE)


async def _move(request_id: UUID, body: RedirectBody, actor: ActorDep, wiring: WiringDep, step: Step) -> RequestView:
    async with wiring.transaction() as session:
        return view(await handling.redirect_request(
            session=session, actor=actor, deployment=wiring.deployment, request_id=request_id,
            to_organization_id=body.organization_id, reason=body.reason, now=wiring.clock(), step=step))


@router.post("/requests/{request_id}/withdraw", summary="Withdraw the request before it is answered (investor)")
async def withdraw(request_id: UUID, actor: ActorDep, wiring: WiringDep,
                   body: WithdrawBody | None = None) -> RequestView:
    async with wiring.transaction() as session:
        return view(await handling.withdraw_request(
            session=session, actor=actor, deployment=wiring.deployment, request_id=request_id,
            reason=body.reason if body else None, now=wiring.clock()))


@router.post("/requests/{request_id}/close", summary="Take note of the answer and close (investor or manager)")
async def close(request_id: UUID, actor: ActorDep, wiring: WiringDep) -> RequestView:
    async with wiring.transaction() as session:
        return view(await handling.close_request(session=session, actor=actor, request_id=request_id,
                                                 now=wiring.clock()))
