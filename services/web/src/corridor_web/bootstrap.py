"""The composition root of the web cabinets: settings, the backends' client, sessions, templates, pages.

Nothing connects at import time; the app's lifespan opens the pooled HTTP client and closes it.
`transport` lets tests put the backends behind an in-process httpx transport. Telemetry is the
chassis' (its meter provider feeds /metrics); the web app has no store, so it instruments only its
HTTP side: requests by route template, their latency, and (adapters/backends.py) failed service calls.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

from corridor_chassis.telemetry import configure_logging, configure_telemetry
from corridor_web.adapters.backends import Backends
from corridor_web.adapters.session_cookie import COOKIE_NAME, SessionCookie
from corridor_web.domain.i18n import DEFAULT_LANGUAGE, LANGUAGES, load_catalogues
from corridor_web.domain.session import Session
from corridor_web.entrypoints import routers
from corridor_web.entrypoints.errors import install_error_pages
from corridor_web.service_layer.auth import Refresher
from corridor_web.service_layer.reference import Municipalities
from corridor_web.settings import Settings

PACKAGE = Path(__file__).resolve().parent
LANG_COOKIE = "gc_lang"
UNMEASURED_URLS = "healthz,readyz,metrics"  # as in the chassis: probes and scrapes would drown the pages
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def build_app(settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None) -> FastAPI:
    configure_logging(settings)
    configure_telemetry(settings)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per backend call is noise
    backends = Backends(settings.backend_urls(), timeout=settings.backend_timeout_seconds, transport=transport)
    cookies = SessionCookie(settings.session_secret, max_age_seconds=settings.session_max_age_seconds)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await backends.close()

    app = FastAPI(title="Green Corridor web cabinets", lifespan=lifespan, docs_url=None, redoc_url=None,
                  openapi_url=None)
    app.state.settings = settings
    app.state.backends = backends
    app.state.refresher = Refresher(backends)
    app.state.municipalities = Municipalities()
    app.state.catalogues = load_catalogues()
    app.state.templates = Jinja2Templates(directory=PACKAGE / "templates")
    app.state.templates.env.globals["max_upload_mb"] = settings.max_upload_bytes // (1024 * 1024)
    app.state.templates.env.filters["zip"] = lambda left, right: zip(left, right, strict=False)

    @app.middleware("http")
    async def sessions_and_language(request: Request, call_next):
        loaded = cookies.decode(request.cookies.get(COOKIE_NAME))
        request.state.new_session = loaded is None
        request.state.session = loaded or Session()
        request.state.loaded_expiry = request.state.session.access_expires_at
        request.state.session_changed = False
        asked = request.query_params.get("lang")
        remembered = request.cookies.get(LANG_COOKIE)
        request.state.lang = next((lang for lang in (asked, remembered) if lang in LANGUAGES), DEFAULT_LANGUAGE)
        response = await call_next(request)
        secure = settings.cookie_secure == "always" or (
            settings.cookie_secure == "auto" and request.url.scheme == "https")
        if request.state.session_changed:
            response.set_cookie(COOKIE_NAME, cookies.encode(request.state.session), httponly=True, secure=secure,
                                samesite="lax", path="/")
        if asked in LANGUAGES and asked != remembered:
            response.set_cookie(LANG_COOKIE, asked, max_age=365 * 24 * 3600, httponly=True, secure=secure,
                                samesite="lax", path="/")
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if response.headers.get("content-type", "").startswith("text/html"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    install_error_pages(app)
    app.mount("/static", StaticFiles(directory=PACKAGE / "static"), name="static")
    for router in routers():
        app.include_router(router)
    FastAPIInstrumentor.instrument_app(app, excluded_urls=UNMEASURED_URLS)
    return app
