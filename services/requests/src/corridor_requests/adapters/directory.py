"""The projections this service keeps of other services' facts: organisations, projects, roadmap tasks.

Why: routing needs every organisation's kind, municipality and supplier short code; submission needs
to know the project is accepted, where it is and who curates it. Services do not call each other, so
these rows are kept from identity's and projects' events (see entrypoints/consumers.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_contracts.vocabulary import OrganizationKind, ProjectSummary
from corridor_requests.adapters.tables import organizations, projects, roadmap_tasks
from corridor_requests.domain.routing import Organization


@dataclass(frozen=True)
class OrganizationRecord:
    organization: Organization
    full_name: str
    inn: str


@dataclass(frozen=True)
class ProjectRecord:
    project_id: UUID
    status: str
    summary: ProjectSummary
    manager_user_id: UUID | None


def _organization(row) -> OrganizationRecord:
    resources = row.resources or []
    return OrganizationRecord(
        Organization(organization_id=row.organization_id, kind=OrganizationKind(row.kind), name=row.short_name,
                     short_code=row.short_code, municipality_code=row.municipality_code,
                     resources=frozenset(resources)),
        full_name=row.full_name, inn=row.inn)


async def all_organizations(session: AsyncSession) -> list[Organization]:
    rows = (await session.execute(select(organizations).order_by(organizations.c.short_name))).all()
    return [_organization(row).organization for row in rows]


async def find_organization(session: AsyncSession, organization_id: UUID) -> OrganizationRecord | None:
    row = (await session.execute(
        select(organizations).where(organizations.c.organization_id == organization_id))).first()
    return _organization(row) if row else None


async def supplier_short_codes(session: AsyncSession) -> list[str]:
    rows = await session.execute(select(organizations.c.short_code).where(
        organizations.c.kind == OrganizationKind.SUPPLIER.value, organizations.c.short_code.is_not(None)))
    return [code for (code,) in rows]


async def save_organization(session: AsyncSession, *, values: dict) -> None:
    exists = await session.execute(select(organizations.c.organization_id).where(
        organizations.c.organization_id == values["organization_id"]))
    if exists.first():
        await session.execute(update(organizations).where(
            organizations.c.organization_id == values["organization_id"]).values(**values))
    else:
        await session.execute(insert(organizations).values(**values))


async def find_project(session: AsyncSession, project_id: UUID) -> ProjectRecord | None:
    row = (await session.execute(select(projects).where(projects.c.project_id == project_id))).first()
    if row is None:
        return None
    summary = ProjectSummary(name=row.name, investor_organization_id=row.investor_organization_id,
                             municipality_code=row.municipality_code, site_address=row.site_address,
                             cadastral_number=row.cadastral_number, industry_okved=row.industry_okved)
    return ProjectRecord(row.project_id, row.status, summary, row.manager_user_id)


async def save_project(session: AsyncSession, *, project_id: UUID, status: str, at: datetime,
                       summary: ProjectSummary | None = None, manager_user_id: UUID | None = None) -> None:
    """Upsert; a status-only change of a project never seen accepted is ignored (nothing to gate)."""
    values: dict = {"status": status, "changed_at": at}
    if summary is not None:
        values |= {"name": summary.name, "investor_organization_id": summary.investor_organization_id,
                   "municipality_code": summary.municipality_code, "site_address": summary.site_address,
                   "cadastral_number": summary.cadastral_number, "industry_okved": summary.industry_okved,
                   "manager_user_id": manager_user_id}
    changed = await session.execute(update(projects).where(projects.c.project_id == project_id).values(**values))
    if changed.rowcount == 0 and summary is not None:
        await session.execute(insert(projects).values(project_id=project_id, **values))


async def replace_roadmap_tasks(session: AsyncSession, *, project_id: UUID,
                                tasks: list[tuple[UUID, str, str | None]]) -> None:
    await session.execute(delete(roadmap_tasks).where(roadmap_tasks.c.project_id == project_id))
    if tasks:
        await session.execute(insert(roadmap_tasks), [
            {"task_id": task_id, "project_id": project_id, "title": title, "request_type_code": code}
            for task_id, title, code in tasks])


async def find_roadmap_task(session: AsyncSession, task_id: UUID) -> tuple[UUID, str | None] | None:
    """(project id, request type code) of a roadmap task."""
    row = (await session.execute(select(roadmap_tasks.c.project_id, roadmap_tasks.c.request_type_code).where(
        roadmap_tasks.c.task_id == task_id))).first()
    return (row.project_id, row.request_type_code) if row else None
