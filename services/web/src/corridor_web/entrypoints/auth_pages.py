"""Pages anyone may open: the landing page, signing in and out, an investor's registration, and
accepting an invitation (officials and agency staff are invited by an administrator)."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from corridor_web.adapters.backends import BackendProblem
from corridor_web.domain.forms import FieldError, errors_from_problem
from corridor_web.domain.session import Session
from corridor_web.entrypoints.context import AnyPage, CsrfChecked, Page
from corridor_web.service_layer import auth

router = APIRouter(dependencies=[CsrfChecked])

REGISTRATION_FIELDS = ("company.full_name", "company.short_name", "company.inn", "company.ogrn", "company.kpp",
                       "company.municipality_code", "person.full_name", "person.email")
# identity names the field it refuses by the problem's slug rather than an `errors` list
IDENTITY_SLUG_FIELDS = {
    "invalid-inn": "company.inn", "invalid-ogrn": "company.ogrn", "invalid-kpp": "company.kpp",
    "unknown-municipality": "company.municipality_code", "invalid-organization": "company.full_name",
    "invalid-email": "person.email", "weak-password": "person.password", "invalid-user": "person.full_name",
    "invalid-invitation": "token",
}


def _safe_next(target: str | None, fallback: str) -> str:
    """Only a path on this site: an open redirect to another site would help phishing."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return fallback


@router.get("/")
async def home(page: AnyPage) -> Response:
    if page.session.signed_in:
        return page.redirect(page.person.home)
    return await page.render("home.html")


@router.get("/login")
async def login_form(page: AnyPage, next: str | None = None) -> Response:
    return await page.render("login.html", values={"email": ""}, next=_safe_next(next, ""))


@router.post("/login")
async def login(page: AnyPage, email: Annotated[str, Form()] = "", password: Annotated[str, Form()] = "",
                next: Annotated[str, Form()] = "") -> Response:
    errors = {name: FieldError("missing") for name, value in (("email", email), ("password", password)) if not value}
    if not errors:
        try:
            session = await auth.sign_in(page.backends, email=email.strip(), password=password, now=time.time())
        except BackendProblem as refused:
            errors = {"": FieldError(refused.slug, refused.detail or "")}
        else:
            return _start_session(page, session, _safe_next(next, session.person.home))
    return await page.render("login.html", status_code=422, errors=errors, values={"email": email}, next=next)


def _start_session(page: Page, session: Session, target: str) -> Response:
    page.request.state.session = session
    page.session = session
    page.flash("success", "login.welcome", name=session.person.full_name)
    return page.redirect(target)


@router.post("/logout")
async def logout(page: AnyPage) -> Response:
    await auth.sign_out(page.backends, page.session)
    page.request.state.session = page.session = Session()
    page.flash("info", "login.signed_out")
    return page.redirect("/")


@router.get("/register")
async def register_form(page: AnyPage) -> Response:
    return await page.render("register.html", values=dict.fromkeys(REGISTRATION_FIELDS, ""))


@router.post("/register")
async def register(request: Request, page: AnyPage) -> Response:
    form = await request.form()
    values = {name: str(form.get(name, "")).strip() for name in REGISTRATION_FIELDS}
    password, again = str(form.get("person.password", "")), str(form.get("person.password_again", ""))
    errors = {name: FieldError("missing") for name in ("company.full_name", "company.inn", "company.ogrn",
                                                       "person.full_name", "person.email") if not values[name]}
    if not password:
        errors["person.password"] = FieldError("missing")
    elif password != again:
        errors["person.password_again"] = FieldError("passwords_differ")
    if not errors:
        company = {key.split(".")[1]: value for key, value in values.items() if key.startswith("company.") and value}
        person = {"full_name": values["person.full_name"], "email": values["person.email"], "password": password,
                  "locale": page.t.lang}
        try:
            await auth.register_investor(page.api, company=company, person=person)
            session = await auth.sign_in(page.backends, email=values["person.email"], password=password,
                                         now=time.time())
        except BackendProblem as refused:
            if refused.slug == "invalid-credentials":  # e-mail taken: identity does not say so, by design
                page.flash("info", "register.received")
                return page.redirect("/login")
            errors = errors_from_problem(refused.body, slug_fields=IDENTITY_SLUG_FIELDS)
        else:
            return _start_session(page, session, "/projects/new")
    return await page.render("register.html", status_code=422, errors=errors, values=values)


@router.get("/invitation")
async def invitation_form(page: AnyPage, token: str = "") -> Response:
    return await page.render("invitation.html", values={"token": token, "full_name": ""})


@router.post("/invitation")
async def accept_invitation(page: AnyPage, token: Annotated[str, Form()] = "", full_name: Annotated[str, Form()] = "",
                            password: Annotated[str, Form()] = "") -> Response:
    values = {"token": token.strip(), "full_name": full_name.strip()}
    errors = {name: FieldError("missing") for name, value in (*values.items(), ("password", password)) if not value}
    if not errors:
        try:
            user = await auth.accept_invitation(page.api, token=values["token"], full_name=values["full_name"],
                                                password=password, locale=page.t.lang)
            session = await auth.sign_in(page.backends, email=user["email"], password=password, now=time.time())
        except BackendProblem as refused:
            errors = errors_from_problem(refused.body, slug_fields=IDENTITY_SLUG_FIELDS)
        else:
            return _start_session(page, session, session.person.home)
    return await page.render("invitation.html", status_code=422, errors=errors, values=values)
