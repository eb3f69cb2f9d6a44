"""Every failure becomes a page a person can act on, in their language, never a stack trace.

A refusal by a service that the page did not handle itself (not found, not yours, a conflict with
the current state) is shown with the service's explanation; a service that does not answer is a
"try again shortly" page with status 503; an expired session sends the person to sign in and back.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from corridor_web.adapters.backends import BackendProblem, BackendUnavailable
from corridor_web.domain.i18n import Translator
from corridor_web.domain.session import Session
from corridor_web.entrypoints.context import BadCsrfToken, NotForYou, Page, SignInRequired, login_url

log = logging.getLogger(__name__)


def _page(request: Request) -> Page:
    state = request.app.state
    session = getattr(request.state, "session", None) or Session()
    lang = getattr(request.state, "lang", "ru")
    return Page(request=request, session=session, t=Translator(lang, state.catalogues), backends=state.backends,
                templates=state.templates)


async def error_page(request: Request, status: int, reason: str, detail: str | None = None) -> HTMLResponse:
    page = _page(request)
    response = await page.render("error.html", status_code=status, reason=reason, detail=detail)
    response.headers["Cache-Control"] = "no-store"
    return response


def install_error_pages(app: FastAPI) -> None:
    @app.exception_handler(SignInRequired)
    async def _sign_in(request: Request, _exc: SignInRequired) -> Response:
        if request.url.path.startswith("/notifications/stream"):
            return Response(status_code=401)
        return RedirectResponse(login_url(request) if request.method == "GET" else "/login", status_code=303)

    @app.exception_handler(NotForYou)
    async def _not_for_you(request: Request, _exc: NotForYou) -> Response:
        return await error_page(request, 403, "forbidden")

    @app.exception_handler(BadCsrfToken)
    async def _bad_csrf(request: Request, _exc: BadCsrfToken) -> Response:
        return await error_page(request, 403, "csrf")

    @app.exception_handler(BackendProblem)
    async def _refused(request: Request, exc: BackendProblem) -> Response:
        if exc.status == 401:
            request.state.session = Session()
            request.state.session_changed = True
            return RedirectResponse(login_url(request) if request.method == "GET" else "/login", status_code=303)
        reason = {403: "forbidden", 404: "not_found", 409: "conflict"}.get(exc.status, "refused")
        return await error_page(request, exc.status if exc.status in (403, 404, 409, 422) else 400, reason,
                                exc.detail)

    @app.exception_handler(BackendUnavailable)
    async def _unavailable(request: Request, exc: BackendUnavailable) -> Response:
        response = await error_page(request, 503, "unavailable", exc.service)
        response.headers["Retry-After"] = "5"
        return response

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, _exc: RequestValidationError) -> Response:
        return await error_page(request, 404, "not_found")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        return await error_page(request, exc.status_code, "not_found" if exc.status_code == 404 else "refused")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, _exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return await error_page(request, 500, "internal")
