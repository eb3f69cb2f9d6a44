"""The backend services over HTTP, called with the signed-in person's own access token.

Why the person's token and never a service credential: each service decides what this person may see
and do, so the web app cannot show anybody else's data even if one of its pages had a bug. A service's
refusal arrives as RFC 9457 problem+json and becomes a `BackendProblem` the pages can act on (show
the message next to the field, ask to sign in again, say "not found"); a service that does not answer
becomes `BackendUnavailable` (a 503 page, never a stack trace) and is counted by service on /metrics,
so an operator sees which service the cabinets could not reach.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
from prometheus_client import Counter

log = logging.getLogger(__name__)

SERVICES = ("identity", "projects", "requests", "sla", "notifications")
UPSTREAM_FAILURES = Counter("gc_web_upstream_failures_total",
                            "Calls from the web cabinets to a service that did not answer or answered 5xx",
                            ["service", "reason"])


@dataclass
class BackendProblem(Exception):
    """A service refused: its status and problem document."""

    service: str
    status: int
    body: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.service} answered {self.status}: {self.slug} {self.body.get('detail') or ''}"

    @property
    def slug(self) -> str:
        return str(self.body.get("type", "")).rpartition(":")[2] or "error"

    @property
    def detail(self) -> str | None:
        return self.body.get("detail") or self.body.get("title")


class BackendUnavailable(Exception):
    """A service did not answer (down, timed out, or answered with a server error)."""

    def __init__(self, service: str, reason: str) -> None:
        super().__init__(f"{service}: {reason}")
        self.service = service


def _failed(service: str, reason: str, detail: str) -> BackendUnavailable:
    """Count the failure (`reason`: no_answer or server_error, few values on purpose) and describe it."""
    UPSTREAM_FAILURES.labels(service=service, reason=reason).inc()
    return BackendUnavailable(service, detail)


class Backends:
    """One pooled HTTP client for all five services, each by its base URL."""

    def __init__(self, urls: Mapping[str, str], *, timeout: float,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.urls = {name: url.rstrip("/") for name, url in urls.items()}
        self.client = httpx.AsyncClient(timeout=httpx.Timeout(timeout, connect=5), transport=transport,
                                        follow_redirects=False)

    async def close(self) -> None:
        await self.client.aclose()

    def as_user(self, token: str | None) -> "Api":
        return Api(self, token)

    async def send(self, service: str, method: str, path: str, *, token: str | None = None,
                   **options: Any) -> httpx.Response:
        headers = dict(options.pop("headers", None) or {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        try:
            response = await self.client.request(method, f"{self.urls[service]}{path}", headers=headers, **options)
        except httpx.HTTPError as exc:
            log.warning("%s %s%s failed: %r", method, service, path, exc)
            raise _failed(service, "no_answer", type(exc).__name__) from exc
        if response.status_code >= 500:
            log.warning("%s %s%s answered %s", method, service, path, response.status_code)
            raise _failed(service, "server_error", f"status {response.status_code}")
        if response.status_code >= 400:
            try:
                body = response.json()
            except ValueError:
                body = {}
            raise BackendProblem(service, response.status_code, body if isinstance(body, dict) else {})
        return response

    @asynccontextmanager
    async def stream(self, service: str, path: str, *, token: str | None,
                     headers: Mapping[str, str] | None = None) -> AsyncIterator[httpx.Response]:
        """An open streaming response (server-sent events), without a read timeout."""
        request = self.client.build_request("GET", f"{self.urls[service]}{path}",
                                            headers={**(headers or {}), "Authorization": f"Bearer {token}"},
                                            timeout=httpx.Timeout(None, connect=5))
        try:
            response = await self.client.send(request, stream=True)
        except httpx.HTTPError as exc:
            raise _failed(service, "no_answer", type(exc).__name__) from exc
        try:
            if response.status_code >= 500:
                raise _failed(service, "server_error", f"status {response.status_code}")
            if response.status_code >= 400:
                raise BackendProblem(service, response.status_code, {})
            yield response
        finally:
            await response.aclose()


async def unless_refused(call: Awaitable[Any], empty: Any) -> Any:
    """A part of a page some people may not read (the agency head and a project's requests, say):
    what the service answers, or `empty` when it says "not yours" or "not found"."""
    try:
        return await call
    except BackendProblem as refused:
        if refused.status in (403, 404):
            return empty
        raise


@dataclass(frozen=True)
class Api:
    """The backends as one person: every call carries their access token."""

    backends: Backends
    token: str | None

    async def get(self, service: str, path: str, **params: Any) -> Any:
        query = {name: value for name, value in params.items() if value is not None}
        return (await self.backends.send(service, "GET", path, token=self.token, params=query)).json()

    async def post(self, service: str, path: str, body: Any = None, **options: Any) -> Any:
        response = await self.backends.send(service, "POST", path, token=self.token,
                                            **({"json": body} if body is not None else {}), **options)
        return response.json() if response.content else None

    async def put(self, service: str, path: str, body: Any) -> Any:
        return (await self.backends.send(service, "PUT", path, token=self.token, json=body)).json()

    async def patch(self, service: str, path: str, body: Any) -> Any:
        return (await self.backends.send(service, "PATCH", path, token=self.token, json=body)).json()

    async def download(self, service: str, path: str) -> httpx.Response:
        return await self.backends.send(service, "GET", path, token=self.token)
