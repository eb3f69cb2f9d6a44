"""Use cases of the projects pages: what a page shows, gathered from the services at once, and the
writes a form asks for. Each takes the person's Api, so every read and write is authorised by the
services with that person's token."""

from __future__ import annotations

import asyncio
from typing import Any

from corridor_web.adapters.backends import Api, unless_refused
from corridor_web.service_layer.reference import request_type_names

PROJECT_STATUSES = ("draft", "submitted", "returned", "accepted", "rejected", "completed")
TASK_STATUSES = ("planned", "in_progress", "blocked", "done")


async def list_projects(api: Api, *, status: str | None, page: int) -> dict[str, Any]:
    return await api.get("projects", "/projects", status=status, page=page, page_size=20)


async def project_overview(api: Api, project_id: str) -> dict[str, Any]:
    project, roadmap, timeline, requests, types = await asyncio.gather(
        api.get("projects", f"/projects/{project_id}"),
        unless_refused(api.get("projects", f"/projects/{project_id}/roadmap"), None),
        unless_refused(api.get("projects", f"/projects/{project_id}/timeline"), []),
        unless_refused(api.get("requests", "/requests", project_id=project_id, limit=100), {"items": []}),
        request_type_names(api))
    return {"project": project, "roadmap": roadmap, "timeline": timeline, "requests": requests["items"],
            "type_names": types}



async def get_project(api: Api, project_id: str) -> dict[str, Any]:
    return await api.get("projects", f"/projects/{project_id}")


async def save_passport(api: Api, project_id: str | None, passport: dict[str, Any]) -> dict[str, Any]:
    """A new draft (no project id yet) or the saved draft of an existing project."""
    if project_id is None:
        return await api.post("projects", "/projects", passport)
    return await api.put("projects", f"/projects/{project_id}/passport", passport)


async def submit_passport(api: Api, project_id: str) -> dict[str, Any]:
    return await api.post("projects", f"/projects/{project_id}/submit", {})


async def decide(api: Api, project_id: str, *, decision: str, comment: str | None,
                 manager_user_id: str | None) -> dict[str, Any]:
    """The agency's decision on a submitted passport: accept (with a manager), reject or return."""
    if decision == "accept":
        body: dict[str, Any] = {"manager_user_id": manager_user_id, "comment": comment or None}
    elif decision == "reject":
        body = {"reason": comment}
    else:
        body = {"remarks": comment}
    return await api.post("projects", f"/projects/{project_id}/{decision}", body)


async def roadmap_composer(api: Api, project_id: str) -> dict[str, Any]:
    project, roadmap, algorithms = await asyncio.gather(
        api.get("projects", f"/projects/{project_id}"), api.get("projects", f"/projects/{project_id}/roadmap"),
        api.get("projects", "/investment-rules"))
    return {"project": project, "roadmap": roadmap, "algorithms": algorithms}


async def publish_roadmap(api: Api, project_id: str, *, starts_on: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    return await api.put("projects", f"/projects/{project_id}/roadmap", {"starts_on": starts_on, "items": items})


async def change_task(api: Api, project_id: str, task_id: str, *, status: str, comment: str | None) -> dict[str, Any]:
    return await api.patch("projects", f"/projects/{project_id}/roadmap/tasks/{task_id}",
                           {"status": status, "comment": comment or None})
