"""Use cases of the requests pages: lists with the time left on each clock, a request in full with
what the viewer may do next, filing a request with its documents, and every step of its handling."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from corridor_web.adapters.backends import Api, BackendProblem, unless_refused
from corridor_web.domain.deadlines import TimeLeft, time_left
from corridor_web.service_layer.reference import request_type_names

OPEN_FOR_RECIPIENT = ("routed", "accepted", "clarification_requested")
OPEN_CLOCKS = ("running", "paused", "breached")
ONE_BY_ONE = 20  # clocks not among the soonest due are asked for individually, this many at most


@dataclass(frozen=True)
class Upload:
    file_name: str
    content: bytes
    content_type: str
    kind: str | None


async def times_left(api: Api, request_ids: Iterable[str]) -> dict[str, TimeLeft]:
    """Time left on the open SLA clocks of these requests: the soonest due open clocks this person may
    read (sla lists them by deadline), then any still missing one by one."""
    wanted = set(request_ids)
    if not wanted:
        return {}
    pages = await asyncio.gather(*(unless_refused(api.get("sla", "/clocks", status=status, limit=200), [])
                                   for status in OPEN_CLOCKS))
    clocks = {clock["request_id"]: clock for page in pages for clock in page if clock["request_id"] in wanted}
    missing = sorted(wanted - set(clocks))[:ONE_BY_ONE]
    for clock in await asyncio.gather(*(unless_refused(api.get("sla", f"/clocks/{request_id}"), None)
                                        for request_id in missing)):
        if clock:
            clocks[clock["request_id"]] = clock
    found = {request_id: time_left(clock) for request_id, clock in clocks.items()}
    return {request_id: left for request_id, left in found.items() if left is not None}


async def my_requests(api: Api, *, status: str | None) -> dict[str, Any]:
    found, names = await asyncio.gather(
        api.get("requests", "/requests", status=status, limit=100), request_type_names(api))
    open_ids = (item["request_id"] for item in found["items"] if item["status"] in ("submitted", *OPEN_FOR_RECIPIENT))
    return {"items": found["items"], "total": found["total"], "type_names": names,
            "times": await times_left(api, open_ids)}


async def inbox(api: Api, *, status: str | None) -> dict[str, Any]:
    """The organisation's open requests, soonest due first, with working days left."""
    statuses = [status] if status else list(OPEN_FOR_RECIPIENT)
    found, names = await asyncio.gather(
        api.get("requests", "/inbox", status=statuses, limit=200), request_type_names(api))
    times = await times_left(api, (item["request_id"] for item in found["items"]))
    items = sorted(found["items"], key=lambda item: (
        times[item["request_id"]].working_days if item["request_id"] in times else 10_000, item["due_on"] or ""))
    return {"items": items, "total": found["total"], "type_names": names, "times": times}


async def request_page(api: Api, request_id: str) -> dict[str, Any]:
    detail = await api.get("requests", f"/requests/{request_id}")
    clock, types = await asyncio.gather(unless_refused(api.get("sla", f"/clocks/{request_id}"), None),
                                        unless_refused(api.get("requests", "/request-types"), []))
    names = {request_type["code"]: request_type["name"] for request_type in types}
    labels = {spec["code"]: spec["label"] for request_type in types
              if request_type["code"] == detail["request_type_code"] for spec in request_type.get("form_fields", [])}
    may_move = "recipient" in detail["viewer"] or "manager" in detail["viewer"]
    organizations = await unless_refused(api.get("identity", "/organizations", limit=500), []) if may_move else []
    return {"req": detail, "left": time_left(clock), "clock": clock, "type_names": names, "field_labels": labels,
            "organizations": [o for o in organizations if o["kind"] != "investor"
                              and o["id"] != detail.get("recipient_organization_id")]}


async def new_request_form(api: Api, project_id: str) -> dict[str, Any]:
    project, types, roadmap = await asyncio.gather(
        api.get("projects", f"/projects/{project_id}"), api.get("requests", "/request-types"),
        unless_refused(api.get("projects", f"/projects/{project_id}/roadmap"), {"tasks": []}))
    return {"project": project, "types": [t for t in types if t.get("active", True)],
            "tasks": roadmap.get("tasks", [])}


async def upload(api: Api, document: Upload) -> dict[str, Any]:
    files = {"file": (document.file_name, document.content, document.content_type or "application/octet-stream")}
    return await api.post("requests", "/documents", files=files,
                          data={"kind": document.kind} if document.kind else None)


async def upload_all(api: Api, documents: dict[str, list[Upload]]) -> tuple[list[dict[str, Any]],
                                                                             dict[str, BackendProblem]]:
    """Upload each file; returns what was stored and, by form field, what the service refused."""
    stored: list[dict[str, Any]] = []
    refused: dict[str, BackendProblem] = {}
    for field_name, uploads in documents.items():
        for document in uploads:
            try:
                stored.append(await upload(api, document))
            except BackendProblem as problem:
                refused[field_name] = problem
    return stored, refused


async def file_request(api: Api, body: dict[str, Any]) -> dict[str, Any]:
    return await api.post("requests", "/requests", body)


ACTIONS = {
    # action: (path, fields of the body)
    "accept": ("accept", ()),
    "ask": ("clarification-requests", ("question",)),
    "clarify": ("clarifications", ("text", "document_ids")),
    "answer": ("answer", ("text", "document_ids")),
    "redirect": ("redirect", ("organization_id", "reason")),
    "reroute": ("reroute", ("organization_id", "reason")),
    "withdraw": ("withdraw", ("reason",)),
    "close": ("close", ()),
}


async def act(api: Api, request_id: str, action: str, values: dict[str, Any]) -> dict[str, Any]:
    path, fields = ACTIONS[action]
    body = {name: values[name] for name in fields if values.get(name) not in (None, "")}
    if action == "withdraw" and not body:
        return await api.post("requests", f"/requests/{request_id}/{path}")
    return await api.post("requests", f"/requests/{request_id}/{path}", body)
