"""Uploading documents, attaching them to a request step, and deciding who may read them.

Why: an investor attaches documents when filing or clarifying, a recipient when answering; each is
uploaded first (sniffed, hashed, stored) and then named by id in the step. Until attached, only the
uploading organisation sees a document; once attached, the request's parties do (the investor
organisation, the organisation it is assigned to now, the project's manager) — nobody else.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from corridor_requests.adapters.directory import find_project
from corridor_requests.adapters.request_store import DocumentRecord, find_documents, find_request, insert_document
from corridor_requests.adapters.storage import DocumentStorage
from corridor_requests.domain.access import Actor, Parties, ensure_visible
from corridor_requests.domain.documents import check_document, safe_file_name
from corridor_requests.domain.errors import NotAllowed, Unknown, UnusableDocuments

async def upload_document(*, session: AsyncSession, storage: DocumentStorage, actor: Actor, content: bytes,
                          file_name: str | None, kind: str | None, max_bytes: int, now: datetime) -> DocumentRecord:
    if actor.organization_id is None:
        raise NotAllowed("only members of an organisation may upload documents")
    media_type = check_document(content, max_bytes=max_bytes)
    sha256 = await storage.put(content)  # before the row: a row never points at missing bytes
    record = DocumentRecord(document_id=uuid.uuid4(), sha256=sha256, size_bytes=len(content),
                            content_type=media_type, file_name=safe_file_name(file_name), kind=kind,
                            uploaded_by=actor.subject, uploaded_by_organization_id=actor.organization_id,
                            uploaded_at=now)
    await insert_document(session, record)
    return record


async def readable_document(*, session: AsyncSession, actor: Actor, document_id: UUID) -> DocumentRecord:
    """The document if the actor may read it; 'not found' otherwise, so ids reveal nothing."""
    found = await find_documents(session, [document_id])
    if not found:
        raise Unknown("no such document")
    document = found[0]
    if document.request_id is None:
        if actor.organization_id != document.uploaded_by_organization_id:
            raise Unknown("no such document")
        return document
    await ensure_party(session=session, actor=actor, request_id=document.request_id, what="document")
    return document


async def ensure_party(*, session: AsyncSession, actor: Actor, request_id: UUID, what: str = "request") -> None:
    request = await find_request(session, request_id)
    if request is None:
        raise Unknown(f"no such {what}")
    project = await find_project(session, request.project_id)
    ensure_visible(actor, Parties(request.investor_organization_id, request.recipient_organization_id,
                                  project.manager_user_id if project else None), what)


async def claim_documents(*, session: AsyncSession, organization_id: UUID | None,
                          document_ids: list[UUID]) -> list[DocumentRecord]:
    """The named documents, if each was uploaded by this organisation and is not attached yet."""
    wanted = list(dict.fromkeys(document_ids))
    found = {document.document_id: document for document in await find_documents(session, wanted)}
    unusable = [str(document_id) for document_id in wanted
                if document_id not in found or found[document_id].request_id is not None
                or found[document_id].uploaded_by_organization_id != organization_id]
    if unusable:
        raise UnusableDocuments(
            f"not uploaded by your organisation, or already attached: {', '.join(unusable)}", documents=unusable)
    return [found[document_id] for document_id in wanted]
