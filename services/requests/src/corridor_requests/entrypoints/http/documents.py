"""Document upload (multipart) and download, for the parties of the request a document belongs to.

The form is parsed by hand, after the caller is authenticated and the declared length is checked, so
an oversized or anonymous upload is refused before its body is read or spooled to disk.
"""

from __future__ import annotations

import re
from urllib.parse import quote
from uuid import UUID

from fastapi import APIRouter, Request, Response
from fastapi.exceptions import RequestValidationError
from starlette.datastructures import UploadFile

from corridor_chassis.errors import Problem
from corridor_requests.adapters.request_store import DocumentRecord
from corridor_requests.domain.errors import DocumentTooLarge
from corridor_requests.entrypoints.http.deps import ActorDep, WiringDep
from corridor_requests.entrypoints.http.schemas import DocumentView
from corridor_requests.service_layer.deployment import Deployment
from corridor_requests.service_layer.documents import readable_document, upload_document

router = APIRouter(tags=["documents"])

MULTIPART_OVERHEAD = 64 * 1024  # boundaries, part headers and the small `kind` field
KIND = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
UPLOAD_SCHEMA = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file"], "properties": {
        "file": {"type": "string", "format": "binary"},
        "kind": {"type": "string", "pattern": KIND.pattern,
                 "description": "Which required document of the request type this is, e.g. site-plan."}}}}}}}


class LengthRequired(Problem):
    slug, status, title = "length-required", 411, "Send the upload with a Content-Length"


def view(document: DocumentRecord, deployment: Deployment) -> DocumentView:
    return DocumentView(document_id=document.document_id, file_name=document.file_name,
                        content_type=document.content_type, size_bytes=document.size_bytes, sha256=document.sha256,
                        kind=document.kind, uploaded_at=document.uploaded_at,
                        url=deployment.document_url(document.document_id))


@router.post("/documents", status_code=201, openapi_extra=UPLOAD_SCHEMA,
             summary="Upload a document (multipart field `file`, optional `kind`); attach it by id afterwards")
async def upload(request: Request, actor: ActorDep, wiring: WiringDep) -> DocumentView:
    limit = wiring.deployment.max_document_bytes
    declared = request.headers.get("content-length", "")
    if not declared.isdigit():
        raise LengthRequired()
    if int(declared) > limit + MULTIPART_OVERHEAD:
        raise DocumentTooLarge(f"the file is larger than {limit} bytes", max_bytes=limit)
    form = await request.form(max_files=1, max_fields=4)
    try:
        file, kind = form.get("file"), form.get("kind") or None
        errors = []
        if not isinstance(file, UploadFile):
            errors.append({"loc": ("body", "file"), "msg": "a file is required", "type": "missing"})
        if kind is not None and not (isinstance(kind, str) and KIND.fullmatch(kind)):
            errors.append({"loc": ("body", "kind"), "msg": f"must match {KIND.pattern}",
                           "type": "string_pattern_mismatch"})
        if errors:
            raise RequestValidationError(errors)
        content = await file.read(limit + 1)
        async with wiring.transaction() as session:
            document = await upload_document(session=session, storage=wiring.storage, actor=actor, content=content,
                                             file_name=file.filename, kind=kind, max_bytes=limit, now=wiring.clock())
    finally:
        await form.close()
    return view(document, wiring.deployment)


@router.get("/documents/{document_id}", summary="A document's metadata")
async def metadata(document_id: UUID, actor: ActorDep, wiring: WiringDep) -> DocumentView:
    async with wiring.transaction() as session:
        document = await readable_document(session=session, actor=actor, document_id=document_id)
    return view(document, wiring.deployment)


@router.get("/documents/{document_id}/content", summary="Download a document",
            response_class=Response, responses={200: {"content": {"application/octet-stream": {}}}})
async def content(document_id: UUID, actor: ActorDep, wiring: WiringDep) -> Response:
    async with wiring.transaction() as session:
        document = await readable_document(session=session, actor=actor, document_id=document_id)
    body = await wiring.storage.get(document.sha256)
    return Response(body, media_type=document.content_type, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(document.file_name)}",
        "X-Content-Type-Options": "nosniff", "ETag": f'"{document.sha256}"', "Cache-Control": "private, no-store"})
