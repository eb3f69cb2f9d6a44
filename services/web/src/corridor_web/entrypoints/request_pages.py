"""The requests pages: the investor's and manager's lists, the official's inbox, filing a request
with documents, a request in full, each step of its handling, and document downloads."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import FormData, UploadFile

from corridor_web.domain.forms import FieldError, NotOfKind, coerce
from corridor_web.entrypoints.context import CsrfChecked, SignedIn, refused_fields
from corridor_web.service_layer import requests as use_cases
from corridor_web.service_layer.requests import Upload

router = APIRouter(dependencies=[CsrfChecked])
REQUEST_STATUSES = ("submitted", "routed", "accepted", "clarification_requested", "answered", "withdrawn", "closed")


@router.get("/requests")
async def request_list(page: SignedIn, status: str | None = None) -> Response:
    page.require(page.person.is_investor or page.person.is_agency)
    status = status if status in REQUEST_STATUSES else None
    found = await use_cases.my_requests(page.api, status=status)
    return await page.render("requests.html", **found, status=status, statuses=REQUEST_STATUSES)


@router.get("/inbox")
async def inbox(page: SignedIn, status: str | None = None) -> Response:
    page.require(page.person.is_official)
    status = status if status in use_cases.OPEN_FOR_RECIPIENT + ("answered",) else None
    found = await use_cases.inbox(page.api, status=status)
    return await page.render("inbox.html", **found, status=status)


@router.get("/requests/new")
async def new_request(page: SignedIn, project_id: UUID | None = None, type: str | None = None) -> Response:
    page.require(page.person.is_investor)
    if project_id is None:
        return page.redirect("/projects")
    context = await use_cases.new_request_form(page.api, str(project_id))
    chosen = next((t for t in context["types"] if t["code"] == type), None)
    task = next((task["task_id"] for task in context["tasks"] if chosen and task.get("request_type_code") == type), "")
    values = {"subject": chosen["name"] if chosen else "", "roadmap_task_id": task}
    return await page.render("request_new.html", **context, chosen=chosen, values=values, uploaded=[])


def _uploads(form: FormData, chosen: dict[str, Any], limit: int) -> tuple[dict[str, list[Upload]],
                                                                          dict[str, FieldError]]:
    uploads: dict[str, list[Upload]] = {}
    errors: dict[str, FieldError] = {}
    kinds = {f"document.{document['code']}": document["code"] for document in chosen.get("required_documents", [])}
    for field_name in [*kinds, "document.other"]:
        for item in form.getlist(field_name):
            if not isinstance(item, UploadFile) or not item.filename:
                continue
            if item.size is not None and item.size > limit:
                errors[field_name] = FieldError("too_large_file")
                continue
            uploads.setdefault(field_name, []).append(
                Upload(item.filename, item.file.read(limit + 1), item.content_type or "", kinds.get(field_name)))
    return uploads, errors


def _carried(form: FormData) -> list[dict[str, str]]:
    """Documents uploaded by an earlier try of the same form (so they need not be chosen again)."""
    carried = []
    for value in form.getlist("uploaded"):
        document_id, _, rest = str(value).partition("|")
        kind, _, file_name = rest.partition("|")
        try:
            UUID(document_id)
        except ValueError:
            continue
        carried.append({"document_id": document_id, "kind": kind, "file_name": file_name})
    return carried


@router.post("/requests/new")
async def file_request(request: Request, page: SignedIn) -> Response:
    page.require(page.person.is_investor)
    form = await request.form()
    project_id, code = str(form.get("project_id", "")), str(form.get("request_type_code", ""))
    try:
        context = await use_cases.new_request_form(page.api, str(UUID(project_id)))
    except ValueError:
        return page.redirect("/projects")
    chosen = next((t for t in context["types"] if t["code"] == code), None)
    if chosen is None:
        return page.redirect(f"/requests/new?project_id={project_id}")
    values: dict[str, Any] = {"subject": str(form.get("subject", "")).strip(),
                              "roadmap_task_id": str(form.get("roadmap_task_id", ""))}
    payload, errors = _payload(form, chosen, values)
    if not values["subject"]:
        errors["subject"] = FieldError("missing")
    uploads, upload_errors = _uploads(form, chosen, request.app.state.settings.max_upload_bytes)
    errors |= upload_errors
    stored, refused = await use_cases.upload_all(page.api, uploads)
    uploaded = _carried(form) + [{"document_id": d["document_id"], "kind": d.get("kind") or "",
                                  "file_name": d["file_name"]} for d in stored]
    for field_name, problem in refused.items():
        errors[field_name] = FieldError(problem.slug, problem.detail or "")
    if not errors:
        body = {"project_id": project_id, "request_type_code": code, "subject": values["subject"],
                "payload": payload, "document_ids": [d["document_id"] for d in uploaded],
                "roadmap_task_id": values["roadmap_task_id"] or None}
        created, errors = await refused_fields(use_cases.file_request(page.api, body))
        if not errors:
            page.flash("success", "requests.filed")
            return page.redirect(f"/requests/{created['request_id']}")
    return await page.render("request_new.html", status_code=422, errors=errors, **context, chosen=chosen,
                             values=values, uploaded=uploaded)


def _payload(form: FormData, chosen: dict[str, Any], values: dict[str, Any]) -> tuple[dict[str, Any],
                                                                                     dict[str, FieldError]]:
    payload: dict[str, Any] = {}
    errors: dict[str, FieldError] = {}
    for spec in chosen.get("form_fields", []):
        name = f"payload.{spec['code']}"
        raw = str(form.get(name, "")).strip()
        values[name] = raw
        if spec["type"] == "boolean":
            payload[spec["code"]] = bool(raw)
            continue
        if not raw:
            continue
        try:
            payload[spec["code"]] = coerce("text" if spec["type"] == "string" else spec["type"], raw)
        except NotOfKind as wrong:
            errors[name] = FieldError(wrong.kind)
    return payload, errors


@router.get("/requests/{request_id}")
async def request_page(request_id: UUID, page: SignedIn) -> Response:
    found = await use_cases.request_page(page.api, str(request_id))
    return await page.render("request.html", **found, values={})


@router.post("/requests/{request_id}/{action}")
async def act(request_id: UUID, action: str, request: Request, page: SignedIn) -> Response:
    if action not in use_cases.ACTIONS:
        return page.redirect(f"/requests/{request_id}")
    form = await request.form()
    # fields are named after their form (answer.text, redirect.reason, …) so that errors land beside them
    values: dict[str, Any] = {name: str(form.get(f"{action}.{name}", "")).strip() for name in (
        "question", "text", "organization_id", "reason")}
    errors: dict[str, FieldError] = {}
    required = {"ask": ("question",), "clarify": ("text",), "answer": ("text",),
                "redirect": ("organization_id", "reason"), "reroute": ("organization_id", "reason")}
    for name in required.get(action, ()):
        if not values[name]:
            errors[f"{action}.{name}"] = FieldError("missing")
    uploaded: list[dict[str, Any]] = []
    if action in ("clarify", "answer") and not errors:
        files = [item for item in form.getlist(f"{action}.documents")
                 if isinstance(item, UploadFile) and item.filename]
        limit = request.app.state.settings.max_upload_bytes
        stored, refused = await use_cases.upload_all(page.api, {"documents": [
            Upload(item.filename, item.file.read(limit + 1), item.content_type or "", None) for item in files]})
        uploaded = stored
        if refused:
            errors[f"{action}.documents"] = FieldError(refused["documents"].slug, refused["documents"].detail or "")
    if not errors:
        values["document_ids"] = [document["document_id"] for document in uploaded]
        _, refused = await refused_fields(use_cases.act(page.api, str(request_id), action, values))
        errors = {f"{action}.{name}" if name else "": error for name, error in refused.items()}
        if not errors:
            page.flash("success", f"request.done.{action}")
            return page.redirect(f"/requests/{request_id}")
    found = await use_cases.request_page(page.api, str(request_id))
    return await page.render("request.html", status_code=422, errors=errors, **found,
                             values={f"{action}.{name}": value for name, value in values.items()})


@router.get("/documents/{document_id}")
async def download(document_id: UUID, page: SignedIn) -> Response:
    """The document, fetched with the person's token: the requests service decides who may read it."""
    answer = await page.api.download("requests", f"/documents/{document_id}/content")
    headers = {name: answer.headers[name] for name in ("content-disposition", "etag") if name in answer.headers}
    return Response(answer.content, media_type=answer.headers.get("content-type"),
                    headers=headers | {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"})
