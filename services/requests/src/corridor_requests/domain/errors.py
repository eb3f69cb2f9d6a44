"""Domain errors, each with a stable slug that becomes the RFC 9457 problem `type`.

Why: clients branch on the slug, so it lives with the rule that raises it. Errors are grouped by
what the caller can do about them (fix the input, ask someone else, wait for another state); the
HTTP layer maps each group to a status, so the domain never speaks HTTP.
"""

from __future__ import annotations

from typing import Any


class RequestsError(Exception):
    """A rule of the requests domain was not met; `detail` is safe to show to the client."""

    slug = "requests-error"
    title = "Request rule violated"

    def __init__(self, detail: str | None = None, **extensions: Any) -> None:
        self.detail = detail or self.title
        self.extensions = extensions
        super().__init__(self.detail)


class InvalidInput(RequestsError):
    """The input breaks a rule of the catalogue or the routing rules (422)."""

    slug, title = "invalid-input", "The input is not valid"


class InvalidPayload(InvalidInput):
    slug, title = "invalid-payload", "The request form is not filled correctly"


class MissingDocuments(InvalidInput):
    slug, title = "missing-documents", "Required documents are missing"


class UnusableDocuments(InvalidInput):
    slug, title = "unusable-documents", "Some documents cannot be attached"


class UnknownReference(InvalidInput):
    """The body names something (a request type, an organisation, a roadmap task) that does not exist."""

    slug, title = "unknown-reference", "The request names something that does not exist"


class InvalidRoutingRules(InvalidInput):
    slug, title = "invalid-routing-rules", "The routing rules are not valid"


class InvalidRequestType(InvalidInput):
    slug, title = "invalid-request-type", "The request type is not valid"


class NotAllowed(RequestsError):
    """The caller is not a party that may do this (403)."""

    slug, title = "forbidden", "Not allowed"


class Unknown(RequestsError):
    """Something named by the caller does not exist, or is not visible to them (404)."""

    slug, title = "not-found", "Not found"


class StateConflict(RequestsError):
    """The thing exists but its state does not allow this now (409)."""

    slug, title = "conflict", "Conflict with the current state"


class IllegalTransition(StateConflict):
    slug, title = "illegal-transition", "The request's status does not allow this step"


class ProjectNotAccepted(StateConflict):
    slug, title = "project-not-accepted", "The project is not accepted for support"


class NoRecipient(StateConflict):
    slug, title = "no-recipient", "No organisation can receive this request"


class DirectoryIncomplete(StateConflict):
    slug, title = "directory-incomplete", "An organisation involved is not known to this service yet"


class DocumentRejected(RequestsError):
    """An uploaded file breaks the document rules (413 for size, 415 for type, 422 otherwise)."""

    slug, title = "document-rejected", "The document is not accepted"


class DocumentTooLarge(DocumentRejected):
    slug, title = "document-too-large", "The document is larger than allowed"


class UnsupportedDocumentType(DocumentRejected):
    slug, title = "unsupported-document-type", "This kind of file is not accepted"


class EmptyDocument(DocumentRejected):
    slug, title = "empty-document", "The document is empty"
