"""RFC 9457 problem+json: every error a client sees has a stable `type`, a title and a status.

Services raise `Problem` subclasses (or domain errors they map to one); validation errors and
unknown routes get the same shape; an unexpected exception becomes a 500 without a stack trace,
carrying the trace id so an operator can find it in the logs.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from opentelemetry import trace
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)

PROBLEM_TYPE_BASE = "urn:green-corridor:problem:"
PROBLEM_MEDIA_TYPE = "application/problem+json"


def problem_type(slug: str) -> str:
    return f"{PROBLEM_TYPE_BASE}{slug}"


class Problem(Exception):
    """An error a client can act on. Subclass with a slug, a status and a title."""

    slug = "bad-request"
    status = 400
    title = "Bad request"

    def __init__(self, detail: str | None = None, *, slug: str | None = None, status: int | None = None,
                 title: str | None = None, **extensions: Any) -> None:
        super().__init__(detail or title or self.title)
        self.detail = detail
        self.slug = slug or self.slug
        self.status = status or self.status
        self.title = title or self.title
        self.extensions = extensions


class NotFound(Problem):
    slug, status, title = "not-found", 404, "Not found"


class Conflict(Problem):
    slug, status, title = "conflict", 409, "Conflict with the current state"


class Forbidden(Problem):
    slug, status, title = "forbidden", 403, "Not allowed"


class Unauthorized(Problem):
    slug, status, title = "unauthorized", 401, "Authentication required"


def problem_response(status: int, slug: str, title: str, detail: str | None = None,
                     instance: str | None = None, headers: dict[str, str] | None = None,
                     **extensions: Any) -> JSONResponse:
    body: dict[str, Any] = {"type": problem_type(slug), "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if instance:
        body["instance"] = instance
    body.update(extensions)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return problem_response(exc.status, exc.slug, exc.title, exc.detail, request.url.path, headers,
                                **exc.extensions)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(error.get("loc", ())), "msg": error.get("msg"), "type": error.get("type")}
                  for error in exc.errors()]
        return problem_response(422, "validation-error", "The request is not valid",
                                "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors)[:1000],
                                request.url.path, errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        phrase = HTTPStatus(exc.status_code).phrase
        slug = phrase.lower().replace(" ", "-").replace("'", "")
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail != phrase else None
        return problem_response(exc.status_code, slug, phrase, detail, request.url.path,
                                headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        context = trace.get_current_span().get_span_context()
        trace_id = format(context.trace_id, "032x") if context.is_valid else None
        return problem_response(500, "internal-error", "Internal error", "The error was logged; quote the trace id.",
                                request.url.path, trace_id=trace_id)
