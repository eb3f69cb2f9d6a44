"""Domain errors become RFC 9457 problems; the status is chosen here by the kind of error."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from corridor_chassis.errors import problem_response
from corridor_requests.domain.errors import (
    DocumentTooLarge, EmptyDocument, InvalidInput, NotAllowed, RequestsError, StateConflict, Unknown,
    UnsupportedDocumentType,
)

STATUS_BY_KIND: list[tuple[type[RequestsError], int]] = [
    (DocumentTooLarge, 413), (UnsupportedDocumentType, 415), (EmptyDocument, 422), (InvalidInput, 422),
    (NotAllowed, 403), (Unknown, 404), (StateConflict, 409),
]


def status_of(error: RequestsError) -> int:
    return next((status for kind, status in STATUS_BY_KIND if isinstance(error, kind)), 400)


def install_domain_problems(app: FastAPI) -> None:
    @app.exception_handler(RequestsError)
    async def _domain(request: Request, exc: RequestsError) -> JSONResponse:
        return problem_response(status_of(exc), exc.slug, exc.title, exc.detail, request.url.path, **exc.extensions)
