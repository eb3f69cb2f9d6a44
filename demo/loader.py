"""Loads the demo region into a running corridor through its public interfaces.

The first administrator and the region's reference organisations can only come from identity's own
command line (nobody can invite the first administrator); everything else goes through the HTTP APIs
as the person who would do it: the administrator invites staff and officials and opens the suppliers'
service accounts, investors register and file passports, the agency head decides, managers publish
roadmaps, investors file requests, officials take them into work. What the loader created (ids, the
suppliers' client credentials) is kept in `Region`, which the CLI writes to `<data dir>/demo/region.json`.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from demo.client import Corridor
from demo.region import (
    ADMIN, DEMO_PASSWORD, EXTRA_ORGANIZATIONS, HEAD, MANAGERS, SHOWCASES, STAFF, SUPPLIER_CODES, Filing, Investor, Person,
    Project, Showcase,
)

log = logging.getLogger("demo")
IDENTITY_CLI = Path(sys.executable).with_name("corridor-identity")


@dataclass
class Region:
    """What exists after loading: organisations by id, people by e-mail, suppliers' credentials, projects."""

    admin: str = ADMIN.email
    password: str = DEMO_PASSWORD
    agency_id: str = ""
    organizations: list[dict[str, Any]] = field(default_factory=list)
    users: dict[str, str] = field(default_factory=dict)  # e-mail → user id
    members: dict[str, list[str]] = field(default_factory=dict)  # organisation id → e-mails of its officials
    service_accounts: dict[str, dict[str, str]] = field(default_factory=dict)  # short code → client id, secret, org
    projects: dict[str, str] = field(default_factory=dict)  # investor e-mail → project id
    requests: list[dict[str, Any]] = field(default_factory=list)
    complete: bool = False

    def organization(self, where: tuple[str, str]) -> dict[str, Any]:
        key, value = where
        for org in self.organizations:
            if (key == "kind" and org["kind"] == value) or (key == "short_code" and org["short_code"] == value) \
                    or (key == "name" and org["full_name"] == value) or (key == "inn" and org["inn"] == value) \
                    or (key == "municipality" and org["kind"] == "municipality" and org["municipality_code"] == value):
                return org
        raise LookupError(f"no organisation with {key}={value!r} in the directory")

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


# --- the directory: organisations, staff, officials, supplier systems -----------------------------------
async def identity_cli(*arguments: str, env: Mapping[str, str]) -> str:
    process = await asyncio.create_subprocess_exec(str(IDENTITY_CLI), *arguments, env=dict(env),
                                                   stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    output, _ = await process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"corridor-identity {arguments[0]} failed:\n{output.decode(errors='replace')}")
    return output.decode()


async def load_directory(corridor: Corridor, *, identity_env: Mapping[str, str] | None = None) -> Region:
    region = Region()
    env = {**os.environ, **(identity_env or {})}
    await identity_cli("load-reference-data", env=env)
    await identity_cli("create-admin", "--email", ADMIN.email, "--full-name", ADMIN.full_name,
                       "--password", DEMO_PASSWORD, env=env)
    for email in (ADMIN.email, *(person.email for person in STAFF)):
        corridor.remember(email, DEMO_PASSWORD)
    for extra in EXTRA_ORGANIZATIONS:
        body = {key: value for key, value in asdict(extra).items() if value}
        await corridor.call("identity", "POST", "/organizations", as_user=ADMIN.email, json=body, expect=(201, 409))
    region.organizations = await corridor.call("identity", "GET", "/organizations?limit=500", as_user=ADMIN.email)
    region.agency_id = region.organization(ADMIN.where)["id"]
    gate = asyncio.Semaphore(4)  # each acceptance hashes a password; a few at a time keep identity responsive

    async def invite(person: Person) -> None:
        async with gate:
            region.users[person.email] = await _invited(corridor, region, person)
        if "official" in person.roles:
            region.members.setdefault(region.organization(person.where)["id"], []).append(person.email)

    await asyncio.gather(*(invite(person) for person in STAFF))
    for code in SUPPLIER_CODES:
        org = region.organization(("short_code", code))
        account = await corridor.call("identity", "POST", f"/organizations/{org['id']}/service-accounts",
                                      as_user=ADMIN.email)
        region.service_accounts[code] = {"client_id": account["client_id"], "organization_id": org["id"],
                                         "client_secret": account["client_secret"]}
    log.info("directory: %d organisations, %d people, %d supplier systems", len(region.organizations),
             len(region.users), len(region.service_accounts))
    return region


async def _invited(corridor: Corridor, region: Region, person: Person) -> str:
    """The person's user id: invited and accepted now, or found (with today's roles) if an earlier run did it."""
    found = await corridor.call("identity", "GET", "/users", params={"email": person.email}, as_user=ADMIN.email)
    if exact := [user for user in found if user["email"] == person.email]:
        if set(exact[0]["roles"]) != set(person.roles):  # loaded before the demo gave the role (bodies' heads)
            await corridor.call("identity", "PUT", f"/users/{exact[0]['id']}/roles", as_user=ADMIN.email,
                                json={"roles": list(person.roles)})
        return exact[0]["id"]
    invitation = await corridor.call("identity", "POST", "/invitations", as_user=ADMIN.email, json={
        "email": person.email, "organization_id": region.organization(person.where)["id"], "roles": list(person.roles)})
    user = await corridor.call("identity", "POST", "/invitations/accept", json={
        "token": invitation["token"], "full_name": person.full_name, "password": DEMO_PASSWORD})
    return user["id"]


# --- investors and their projects ---------------------------------------------------------------------
async def register_investor(corridor: Corridor, investor: Investor) -> None:
    corridor.remember(investor.email, DEMO_PASSWORD)
    await corridor.call("identity", "POST", "/registrations/investor", json=investor.registration(), expect=(202, 409))


async def open_project(corridor: Corridor, region: Region, investor: Investor, project: Project, *,
                       state: str = "accepted", manager: Person | None = None, remark: str = "") -> str:
    """The investor's project taken to `state` (draft, submitted, returned, rejected, accepted); its id."""
    created = await corridor.call("projects", "POST", "/projects", as_user=investor.email,
                                  json=project.passport(investor))
    project_id = created["project_id"]
    region.projects[investor.email] = project_id
    if state == "draft":
        return project_id
    await corridor.call("projects", "POST", f"/projects/{project_id}/submit", as_user=investor.email)
    decision: tuple[str, dict[str, Any]] | None = {
        "returned": ("return", {"remarks": remark}), "rejected": ("reject", {"reason": remark}),
        "accepted": ("accept", {"manager_user_id": region.users[(manager or MANAGERS[0]).email],
                                "comment": "Проект соответствует критериям сопровождения."}),
    }.get(state)
    if decision:
        action, body = decision
        await corridor.until_accepted("projects", "POST", f"/projects/{project_id}/{action}", as_user=HEAD.email,
                                      json=body)
    return project_id


async def publish_roadmap(corridor: Corridor, manager: Person, project_id: str,
                          items: tuple[tuple[str, str | None], ...]) -> list[dict[str, Any]]:
    roadmap = await corridor.until_accepted("projects", "PUT", f"/projects/{project_id}/roadmap", as_user=manager.email,
                                            json={"starts_on": date.today().isoformat(), "items": [
                                                {"algorithm_code": code, **({"after": after} if after else {})}
                                                for code, after in items]})
    return roadmap["tasks"]


async def file_request(corridor: Corridor, investor_email: str, project_id: str, filing: Filing, *,
                       tasks: list[dict[str, Any]] = ()) -> dict[str, Any]:
    """Upload the required documents, then file the request (waiting until requests knows the project)."""
    document_ids = []
    for kind in filing.documents:
        uploaded = await corridor.call("requests", "POST", "/documents", as_user=investor_email, data={"kind": kind},
                                       files={"file": (f"{kind}.pdf", _pdf(kind), "application/pdf")})
        document_ids.append(uploaded["document_id"])
    body: dict[str, Any] = {"project_id": project_id, "request_type_code": filing.request_type,
                            "subject": filing.subject, "payload": filing.payload, "document_ids": document_ids}
    if filing.task:
        body["roadmap_task_id"] = next(task["task_id"] for task in tasks
                                       if (task["algorithm_code"], task["step_code"]) == filing.task)
    return await corridor.until_accepted("requests", "POST", "/requests", as_user=investor_email, json=body)


async def take_request(corridor: Corridor, region: Region, request: dict[str, Any], filing: Filing) -> None:
    """The recipient's official takes the request as far as the filing's outcome says."""
    if filing.outcome == "routed":
        return
    official = region.members[request["recipient_organization_id"]][0]
    path = f"/requests/{request['request_id']}"
    await corridor.until_accepted("requests", "POST", f"{path}/accept", as_user=official)
    if filing.outcome == "clarification":
        await corridor.call("requests", "POST", f"{path}/clarification-requests", as_user=official,
                            json={"question": filing.text})
    elif filing.outcome == "answered":
        await corridor.call("requests", "POST", f"{path}/answer", as_user=official, json={"text": filing.text})


async def load_showcase(corridor: Corridor, region: Region, showcase: Showcase) -> None:
    await register_investor(corridor, showcase.investor)
    project_id = await open_project(corridor, region, showcase.investor, showcase.project, state=showcase.state,
                                    manager=showcase.manager, remark=showcase.remark)
    if showcase.state != "accepted" or not showcase.roadmap:
        return
    tasks = await publish_roadmap(corridor, showcase.manager, project_id, showcase.roadmap)
    for filing in showcase.filings:
        request = await file_request(corridor, showcase.investor.email, project_id, filing, tasks=tasks)
        await take_request(corridor, region, request, filing)
        region.requests.append({"request_id": request["request_id"], "subject": filing.subject,
                                "investor": showcase.investor.email, "outcome": filing.outcome})


async def load_region(corridor: Corridor, *, identity_env: Mapping[str, str] | None = None,
                      showcases: bool = True) -> Region:
    """The whole demo region: the directory, then (with `showcases`) the investors and their projects."""
    await corridor.wait_ready()
    region = await load_directory(corridor, identity_env=identity_env)
    if showcases:
        await asyncio.gather(*(load_showcase(corridor, region, showcase) for showcase in SHOWCASES))
    region.complete = True
    return region


def _pdf(title: str) -> bytes:
    """A tiny but well-formed one-page PDF, so the requests service's content sniffing accepts it."""
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
            + f"% demo document: {title}\n".encode() + b"trailer<</Root 1 0 R>>\n%%EOF\n")

