"""The deployment's choices the use cases depend on, resolved once from settings at start."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID
from zoneinfo import ZoneInfo

from corridor_contracts.vocabulary import DocumentLink
from corridor_requests.adapters.request_store import DocumentRecord


@dataclass(frozen=True)
class Deployment:
    public_base_url: str  # where readers (investors, officials, supplier systems) reach this service
    time_zone: ZoneInfo  # the region's, for indicative due dates
    max_document_bytes: int
    fallback_short_code: str | None = None  # the agency queue; None: the one agency organisation

    def document_url(self, document_id: UUID) -> str:
        return f"{self.public_base_url.rstrip('/')}/documents/{document_id}/content"

    def link(self, document: DocumentRecord) -> DocumentLink:
        return DocumentLink(document_id=document.document_id, file_name=document.file_name,
                            content_type=document.content_type, size_bytes=document.size_bytes,
                            sha256=document.sha256, url=self.document_url(document.document_id))
