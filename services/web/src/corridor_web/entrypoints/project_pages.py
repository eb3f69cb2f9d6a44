"""The projects pages: the investor's passport and project, the agency's queue, review and roadmap."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from corridor_web.domain import passport_form
from corridor_web.domain.forms import FieldError
from corridor_web.domain.managers import manager_field
from corridor_web.domain.roadmap import roadmap_items
from corridor_web.entrypoints.context import CsrfChecked, Page, SignedIn, refused_fields
from corridor_web.service_layer import projects, staff

router = APIRouter(dependencies=[CsrfChecked])


@router.get("/projects")
async def project_list(page: SignedIn, status: str | None = None, p: int = 1) -> Response:
    person = page.person
    page.require(person.is_investor or person.is_agency)
    if status not in projects.PROJECT_STATUSES:
        status = "submitted" if person.is_head and status is None else None
    found = await projects.list_projects(page.api, status=status, page=max(p, 1))
    return await page.render("projects.html", found=found, status=status, statuses=projects.PROJECT_STATUSES)


@router.get("/projects/new")
async def new_project(page: SignedIn) -> Response:
    page.require(page.person.is_investor)
    values, rows = passport_form.values_of(None)
    return await _passport_page(page, None, values, rows)


async def _passport_page(page: Page, project: dict | None, values: dict, rows: int, *, status_code: int = 200,
                         errors: dict[str, FieldError] | None = None) -> Response:
    return await page.render("passport.html", status_code=status_code, errors=errors, project=project, values=values,
                             rows=rows, sections=passport_form.SECTIONS)


@router.post("/projects/new")
async def create_project(request: Request, page: SignedIn) -> Response:
    page.require(page.person.is_investor)
    return await _save_passport(request, page, None)


@router.get("/projects/{project_id}/passport")
async def edit_passport(project_id: UUID, page: SignedIn) -> Response:
    project = await projects.get_project(page.api, str(project_id))
    values, rows = passport_form.values_of(project.get("passport"))
    return await _passport_page(page, project, values, rows)


@router.post("/projects/{project_id}/passport")
async def save_passport(project_id: UUID, request: Request, page: SignedIn) -> Response:
    project = await projects.get_project(page.api, str(project_id))
    return await _save_passport(request, page, project)


async def _save_passport(request: Request, page: Page, project: dict | None) -> Response:
    """Save the draft, then submit it if asked; on any refusal show the form again as typed."""
    form = await request.form()
    typed = passport_form.read_form(form)
    if typed.errors:
        return await _passport_page(page, project, typed.values, typed.investment_rows, status_code=422,
                                    errors=typed.errors)
    saved, errors = await refused_fields(
        projects.save_passport(page.api, project["project_id"] if project else None, typed.passport),
        renames=typed.renames)
    if errors:
        return await _passport_page(page, project, typed.values, typed.investment_rows, status_code=422,
                                    errors=errors)
    project = saved
    if form.get("action") != "submit":
        page.flash("success", "passport.saved")
        return page.redirect(f"/projects/{project['project_id']}")
    _, errors = await refused_fields(projects.submit_passport(page.api, project["project_id"]),
                                     renames=typed.renames)
    if errors:
        page.session.flash("info", page.t("passport.saved_incomplete", n=len(errors)))
        page.changed()
        return await _passport_page(page, project, typed.values, typed.investment_rows, status_code=422, errors=errors)
    page.flash("success", "passport.submitted")
    return page.redirect(f"/projects/{project['project_id']}")


@router.get("/projects/{project_id}")
async def project_page(project_id: UUID, page: SignedIn) -> Response:
    return await _project_page(page, str(project_id))


async def _project_page(page: Page, project_id: str, *, status_code: int = 200,
                        errors: dict[str, FieldError] | None = None,
                        decision_values: dict[str, str] | None = None) -> Response:
    """The project; for the agency head deciding on a submitted passport, the managers to choose from."""
    overview = await projects.project_overview(page.api, project_id)
    manager = None
    if page.person.is_head and overview["project"].get("status") == "submitted":
        managers = await staff.agency_managers(page.api, page.person.organization_id)
        manager = manager_field(managers, current_user_id=page.person.user_id,
                                sent=(decision_values or {}).get("manager"))
    return await page.render("project.html", status_code=status_code, errors=errors, **overview,
                             task_statuses=projects.TASK_STATUSES, today=date.today(),
                             decision_values=decision_values, manager_field=manager)


@router.post("/projects/{project_id}/decision")
async def decide(project_id: UUID, page: SignedIn, decision: Annotated[str, Form()] = "",
                 comment: Annotated[str, Form()] = "", manager: Annotated[str, Form()] = "") -> Response:
    page.require(page.person.is_head)
    comment = comment.strip()
    manager_id = page.person.user_id if manager in ("", "me") else manager.strip()
    errors: dict[str, FieldError] = {}
    if decision not in ("accept", "reject", "return"):
        errors["decision"] = FieldError("choice")
    elif decision != "accept" and not comment:
        errors["comment"] = FieldError("comment_needed")
    if not errors:
        _, errors = await refused_fields(
            projects.decide(page.api, str(project_id), decision=decision, comment=comment, manager_user_id=manager_id),
            renames={"manager_user_id": "manager", "reason": "comment", "remarks": "comment"},
            slug_fields={"manager-not-assignable": "manager"})
        if not errors:
            page.flash("success", f"review.done.{decision}")
            return page.redirect(f"/projects/{project_id}")
    return await _project_page(page, str(project_id), status_code=422, errors=errors,
                               decision_values={"decision": decision, "comment": comment, "manager": manager})


@router.get("/projects/{project_id}/roadmap")
async def roadmap_form(project_id: UUID, page: SignedIn) -> Response:
    page.require(page.person.is_agency)
    composer = await projects.roadmap_composer(page.api, str(project_id))
    roadmap = composer["roadmap"]
    chosen = {item["algorithm_code"]: item.get("after") or "" for item in roadmap.get("items", [])}
    values = {"starts_on": roadmap.get("starts_on") or date.today().isoformat(), "chosen": chosen}
    return await page.render("roadmap_form.html", **composer, values=values)


@router.post("/projects/{project_id}/roadmap")
async def publish_roadmap(project_id: UUID, request: Request, page: SignedIn) -> Response:
    page.require(page.person.is_agency)
    form = await request.form()
    chosen = {code: str(form.get(f"after.{code}", "")) for code in form.getlist("algorithm")}
    starts_on = str(form.get("starts_on", "")).strip()
    errors: dict[str, FieldError] = {}
    if not chosen:
        errors["algorithm"] = FieldError("choose_algorithm")
    try:
        date.fromisoformat(starts_on)
    except ValueError:
        errors["starts_on"] = FieldError("date" if starts_on else "missing")
    if not errors:
        _, errors = await refused_fields(projects.publish_roadmap(page.api, str(project_id), starts_on=starts_on,
                                                                  items=roadmap_items(chosen)))
        if not errors:
            page.flash("success", "roadmap.published")
            return page.redirect(f"/projects/{project_id}#roadmap")
    composer = await projects.roadmap_composer(page.api, str(project_id))
    return await page.render("roadmap_form.html", status_code=422, errors=errors, **composer,
                             values={"starts_on": starts_on, "chosen": chosen})


@router.post("/projects/{project_id}/tasks/{task_id}")
async def change_task(project_id: UUID, task_id: UUID, page: SignedIn, status: Annotated[str, Form()] = "",
                      comment: Annotated[str, Form()] = "") -> Response:
    page.require(page.person.is_agency)
    _, errors = await refused_fields(projects.change_task(page.api, str(project_id), str(task_id), status=status,
                                                         comment=comment.strip()))
    if errors:
        first = next(iter(errors.values()))
        page.flash("error", "roadmap.task_refused", reason=page.t.optional(f"error.{first.type}", first.msg))
    else:
        page.flash("success", "roadmap.task_changed")
    return page.redirect(f"/projects/{project_id}#task-{task_id}")
