"""Signing in and out, registering, and keeping the access token fresh, against identity.

Why a single flight per refresh token: identity rotates refresh tokens and treats a second use of the
same one as theft (it revokes the whole session). A browser often sends several requests at once (a
page and its live-update stream), so concurrent refreshes of one session share one call to identity
and its answer is remembered for a minute.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from typing import Any

from corridor_web.adapters.backends import Api, BackendProblem, Backends
from corridor_web.domain.session import Person, Session

REMEMBER_REFRESH_SECONDS = 60


async def sign_in(backends: Backends, *, email: str, password: str, now: float) -> Session:
    """A signed-in session; raises BackendProblem (invalid-credentials, login-throttled, …)."""
    tokens = (await backends.send("identity", "POST", "/token", data={
        "grant_type": "password", "username": email, "password": password})).json()
    return await _session_from(backends, tokens, now)


async def _session_from(backends: Backends, tokens: dict[str, Any], now: float) -> Session:
    api = backends.as_user(tokens["access_token"])
    me = await api.get("identity", "/me")
    organization_name = None
    if me.get("organization_id"):
        try:
            organization = await api.get("identity", f"/organizations/{me['organization_id']}")
            organization_name = organization.get("short_name") or organization.get("full_name")
        except BackendProblem:
            pass
    person = Person(user_id=str(me["id"]), full_name=me.get("full_name") or me.get("email", ""),
                    email=me.get("email", ""), roles=list(me.get("roles", [])),
                    organization_id=me.get("organization_id"), organization_kind=me.get("organization_kind"),
                    organization_name=organization_name)
    return Session.signed_in_as(person, access_token=tokens["access_token"], refresh_token=tokens["refresh_token"],
                                expires_at=now + int(tokens.get("expires_in", 600)))


async def sign_out(backends: Backends, session: Session) -> None:
    """End the refresh token's session at identity; the cookie is dropped whatever identity says."""
    if not session.refresh_token:
        return
    try:
        await backends.send("identity", "POST", "/logout", token=session.access_token,
                            json={"refresh_token": session.refresh_token})
    except Exception:  # noqa: BLE001 - signing out locally must not depend on identity answering
        pass


async def register_investor(api: Api, *, company: dict[str, Any], person: dict[str, Any]) -> None:
    await api.post("identity", "/registrations/investor", {"company": company, "person": person})


async def accept_invitation(api: Api, *, token: str, full_name: str, password: str, locale: str) -> dict[str, Any]:
    return await api.post("identity", "/invitations/accept", {"token": token, "full_name": full_name,
                                                              "password": password, "locale": locale})


class Refresher:
    """Refreshes access tokens, one call per refresh token however many requests ask at once."""

    def __init__(self, backends: Backends) -> None:
        self.backends = backends
        self._flights: dict[str, tuple[float, asyncio.Task[dict[str, Any] | None]]] = {}

    async def fresh(self, session: Session, now: float) -> Session | None:
        """The session with a valid access token, or None when it cannot be renewed (sign in again)."""
        if not session.signed_in:
            return None
        if not session.access_expired(now):
            return session
        key = hashlib.sha256(session.refresh_token.encode()).hexdigest()
        self._forget_old(time.monotonic())
        if key not in self._flights:
            task = asyncio.create_task(self._refresh(session.refresh_token))
            self._flights[key] = (time.monotonic(), task)
        tokens = await asyncio.shield(self._flights[key][1])
        if tokens is None:
            return None
        session.access_token = tokens["access_token"]
        session.refresh_token = tokens.get("refresh_token", session.refresh_token)
        session.access_expires_at = now + int(tokens.get("expires_in", 600))
        return session

    async def _refresh(self, refresh_token: str) -> dict[str, Any] | None:
        try:
            return (await self.backends.send("identity", "POST", "/token", data={
                "grant_type": "refresh_token", "refresh_token": refresh_token})).json()
        except BackendProblem:
            return None

    def _forget_old(self, now: float) -> None:
        for key, (started, task) in list(self._flights.items()):
            if task.done() and now - started > REMEMBER_REFRESH_SECONDS:
                del self._flights[key]
