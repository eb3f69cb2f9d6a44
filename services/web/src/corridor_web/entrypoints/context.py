"""What every page handler gets: the session, the person's API, the translator, rendering and CSRF.

Why dependencies: a handler then reads as "parse, call one use case, render" and cannot forget to
check the CSRF token of a form, to renew an expiring access token, or to send a stranger to sign in.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from corridor_web.adapters.backends import Api, BackendProblem, BackendUnavailable, Backends
from corridor_web.domain.forms import FieldError, errors_from_problem
from corridor_web.domain.i18n import Translator
from corridor_web.domain.session import Person, Session

T = TypeVar("T")


async def refused_fields(call: Awaitable[T], **placing: Any) -> tuple[T | None, dict[str, FieldError]]:
    """The result of a write, or — when the service refuses the input (422) or the state (409) — the
    field errors to show beside the form's fields. Other refusals propagate to the error pages."""
    try:
        return await call, {}
    except BackendProblem as refused:
        if refused.status not in (409, 422):
            raise
        return None, errors_from_problem(refused.body, **placing)


class SignInRequired(Exception):
    """The page needs a signed-in person (or the session could not be renewed)."""


class NotForYou(Exception):
    """The page belongs to another role's cabinet."""


class BadCsrfToken(Exception):
    """A form came without the session's CSRF token (a forged or stale form)."""


@dataclass
class Page:
    request: Request
    session: Session
    t: Translator
    backends: Backends
    templates: Jinja2Templates
    new_session: bool = False

    @property
    def api(self) -> Api:
        return self.backends.as_user(self.session.access_token)

    @property
    def person(self) -> Person:
        if not self.session.person:
            raise SignInRequired()
        return self.session.person

    def require(self, allowed: bool) -> None:
        if not allowed:
            raise NotForYou()

    def changed(self) -> None:
        """The session changed: the middleware writes the cookie anew."""
        self.request.state.session_changed = True

    def flash(self, kind: str, key: str, **values: Any) -> None:
        self.session.flash(kind, self.t(key, **values))
        self.changed()

    def redirect(self, url: str) -> RedirectResponse:
        return RedirectResponse(url, status_code=303)

    async def render(self, template: str, *, status_code: int = 200, errors: dict[str, FieldError] | None = None,
                     **context: Any) -> HTMLResponse:
        if self.new_session:
            self.changed()  # the form's CSRF token must survive until the form comes back
        flashes = self.session.take_flashes()
        if flashes:
            self.changed()
        unread = await self._unread() if self.session.signed_in else None
        municipalities = await self.request.app.state.municipalities.names(self.backends)
        return self.templates.TemplateResponse(self.request, template, status_code=status_code, context={
            "t": self.t, "lang": self.t.lang, "person": self.session.person, "csrf": self.session.csrf,
            "flashes": flashes, "errors": errors or {}, "unread": unread, "path": self.request.url.path,
            "query": str(self.request.url.query), "municipalities": municipalities, **context})

    async def _unread(self) -> int | None:
        try:
            return int((await self.api.get("notifications", "/feed", limit=1)).get("unread", 0))
        except (BackendProblem, BackendUnavailable):
            return None


async def _page(request: Request) -> Page:
    state = request.app.state
    session: Session = request.state.session
    if session.signed_in:
        fresh = await state.refresher.fresh(session, time.time())
        if fresh is None:
            request.state.session = session = Session()
            request.state.session_changed = True
        elif fresh.access_expires_at != request.state.loaded_expiry:
            request.state.session_changed = True
    return Page(request=request, session=session, t=Translator(request.state.lang, state.catalogues),
                backends=state.backends, templates=state.templates, new_session=request.state.new_session)


async def _signed_in(page: Annotated[Page, Depends(_page)]) -> Page:
    if not page.session.signed_in:
        raise SignInRequired()
    return page


async def _check_csrf(request: Request) -> None:
    """Synchronizer token: every POST carries the session's token in a form field or a header."""
    if request.method != "POST":
        return
    sent = request.headers.get("x-csrf-token")
    if sent is None:
        form = await request.form()
        sent = form.get("csrf_token")
    expected = request.state.session.csrf
    if not isinstance(sent, str) or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise BadCsrfToken()


def login_url(request: Request) -> str:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return f"/login?next={quote(target)}"


AnyPage = Annotated[Page, Depends(_page)]
SignedIn = Annotated[Page, Depends(_signed_in)]
CsrfChecked = Depends(_check_csrf)
