"""A small async client of the five services' HTTP APIs, as an investor, official or administrator.

Why: the demo loader, the end-to-end tests, the fault-injection suite and the benchmark all drive the
corridor through its public APIs, signed in as real users. Services learn about each other's facts
from Kafka, so a call that depends on a projection (accepting a project needs the manager in the
projects service's directory; filing a request needs the project accepted in the requests service)
may be refused for a moment: `until_accepted` retries exactly those refusals, never an error of ours.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

SERVICES = ("identity", "projects", "requests", "sla", "notifications")
# Refusals that mean "the other services have not heard of it yet" while the corridor settles.
SETTLING = {
    401: {"invalid-token"},  # a service that has not read identity's signing keys from Kafka yet
    404: {"not-found", "unknown"},
    409: {"project-not-accepted", "no-recipient", "directory-incomplete"},
    422: {"manager-not-assignable", "unknown-reference"},
}


class CallFailed(RuntimeError):
    def __init__(self, response: httpx.Response) -> None:
        self.status = response.status_code
        try:
            self.body: Any = response.json()
        except ValueError:
            self.body = response.text[:2000]
        self.slug = self.body.get("type", "").rsplit(":", 1)[-1] if isinstance(self.body, dict) else ""
        super().__init__(f"{response.request.method} {response.request.url} → {self.status}: {self.body}")


@dataclass
class _Token:
    value: str
    renew_at: float


class Corridor:
    """Base URLs by service; `as_user(email)` signs in with the password given to `remember`."""

    def __init__(self, urls: Mapping[str, str], *, timeout: float = 30.0) -> None:
        self.urls = dict(urls)
        self.http = httpx.AsyncClient(timeout=timeout)
        self.passwords: dict[str, str] = {}
        self._tokens: dict[str, _Token] = {}
        self._logins: dict[str, asyncio.Lock] = {}

    async def __aenter__(self) -> "Corridor":
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.http.aclose()

    def remember(self, email: str, password: str) -> None:
        self.passwords[email] = password

    def renew_tokens(self) -> None:
        """Sign everyone in afresh on their next call (e.g. before identity is taken down for a while)."""
        self._tokens.clear()

    async def token(self, email: str) -> str:
        """An access token for the user, renewed once 80 % of its lifetime is gone.

        While identity is down, a token that has not yet expired is used as it is: other services
        verify tokens locally, so they go on serving the user (that is what ADR 0003 buys).
        """
        lock = self._logins.setdefault(email, asyncio.Lock())
        async with lock:
            cached = self._tokens.get(email)
            if cached and time.monotonic() < cached.renew_at:
                return cached.value
            try:
                body = await self.sign_in(email, self.passwords[email])
            except (httpx.TransportError, CallFailed):
                if cached:
                    return cached.value
                raise
            self._tokens[email] = _Token(body["access_token"], time.monotonic() + 0.8 * body["expires_in"])
            return body["access_token"]

    async def sign_in(self, email: str, password: str) -> dict[str, Any]:
        response = await self.http.post(f"{self.urls['identity']}/token", data={
            "grant_type": "password", "username": email, "password": password})
        if response.status_code != 200:
            raise CallFailed(response)
        return response.json()

    async def call(self, service: str, method: str, path: str, *, as_user: str | None = None,
                   token: str | None = None, expect: int | Iterable[int] = (200, 201, 202, 204),
                   **kwargs: Any) -> Any:
        """One request; the decoded JSON answer (None when empty), or CallFailed for another status."""
        headers = dict(kwargs.pop("headers", {}))
        if as_user:
            token = await self.token(as_user)
        if token:
            headers["Authorization"] = f"Bearer {token}"
        response = await self.http.request(method, f"{self.urls[service]}{path}", headers=headers, **kwargs)
        expected = {expect} if isinstance(expect, int) else set(expect)
        if response.status_code not in expected:
            raise CallFailed(response)
        return response.json() if response.content else None

    async def until_accepted(self, service: str, method: str, path: str, *, timeout: float = 60.0,
                             **kwargs: Any) -> Any:
        """`call`, repeated while the answer is a refusal that only means the corridor has not settled.

        A failure to connect is not retried: the request may have been applied (it is not idempotent).
        """
        deadline = time.monotonic() + timeout
        while True:
            try:
                return await self.call(service, method, path, **kwargs)
            except CallFailed as refused:
                if refused.slug not in SETTLING.get(refused.status, ()) or time.monotonic() > deadline:
                    raise
            await asyncio.sleep(0.25)

    async def wait_ready(self, timeout: float = 180.0) -> None:
        deadline = time.monotonic() + timeout
        for service in SERVICES:
            while True:
                try:
                    if (await self.http.get(f"{self.urls[service]}/readyz")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{service} at {self.urls[service]} is not ready")
                await asyncio.sleep(0.5)
