"""Use cases of the organisations directory: register an organisation, and read the directory."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_chassis.messaging.outbox import enqueue
from corridor_identity.adapters.audit_log import AuditLog
from corridor_identity.adapters.directory import Organizations, Page
from corridor_identity.domain.audit import AuditEvent, AuditEventKind
from corridor_identity.domain.organisations import Organization, OrganizationKind, Resource, register_organization
from corridor_identity.domain.roles import Permission, require_permission
from corridor_identity.service_layer.actors import require_actor
from corridor_identity.service_layer.errors import InnTaken, ShortCodeTaken, UnknownOrganization
from corridor_identity.service_layer.published_events import organization_registered


@dataclass(frozen=True)
class OrganizationDetails:
    """What a person types about an organisation; the domain checks it."""

    kind: OrganizationKind
    full_name: str
    inn: str
    short_name: str | None = None
    ogrn: str | None = None
    kpp: str | None = None
    municipality: str | None = None
    resources: Iterable[Resource] = field(default_factory=tuple)
    short_code: str | None = None

    def register(self, organization_id: UUID) -> Organization:
        return register_organization(
            organization_id=organization_id, kind=self.kind, full_name=self.full_name, short_name=self.short_name,
            inn=self.inn, ogrn=self.ogrn, kpp=self.kpp, municipality=self.municipality, resources=self.resources,
            short_code=self.short_code)


async def add_organization(session: AsyncSession, *, actor_id: UUID, details: OrganizationDetails,
                           now: datetime) -> Organization:
    """An administrator enters an organisation into the directory."""
    actor = await require_actor(session, actor_id)
    require_permission(actor.roles, Permission.REGISTER_ORGANIZATION)
    organization = details.register(uuid.uuid4())
    await store_organization(session, organization, actor=str(actor_id), now=now)
    await session.commit()
    return organization


async def enter_organization(session: AsyncSession, *, details: OrganizationDetails,
                             now: datetime) -> tuple[Organization, bool]:
    """From the command line: the organisation with this INN, entered now unless it was before.

    Returns it and whether it is new, so loading reference data twice changes nothing.
    """
    organization = details.register(uuid.uuid4())
    existing = await Organizations(session).find_by_inn(organization.inn)
    if existing is not None:
        return existing, False
    await store_organization(session, organization, actor=None, now=now)
    await session.commit()
    return organization, True


async def store_organization(session: AsyncSession, organization: Organization, *, actor: str | None,
                             now: datetime) -> None:
    """Save a checked organisation and publish it, in the caller's transaction."""
    organizations = Organizations(session)
    taken = await organizations.taken(inn=organization.inn, short_code=organization.short_code)
    if taken == "inn":
        raise InnTaken(f"INN {organization.inn} belongs to an organisation in the directory")
    if taken == "short_code":
        raise ShortCodeTaken(f"the short code {organization.short_code} is taken")
    try:
        await organizations.add(organization, now=now)
    except IntegrityError:
        raise InnTaken("the INN or short code was registered by a concurrent request") from None
    await enqueue(session, organization_registered(organization, now=now))
    await AuditLog(session).record(AuditEvent(AuditEventKind.ORGANIZATION_REGISTERED, now, actor=actor,
                                              subject=str(organization.id), details={"kind": str(organization.kind)}))


async def get_organization(session: AsyncSession, organization_id: UUID) -> Organization:
    organization = await Organizations(session).get(organization_id)
    if organization is None:
        raise UnknownOrganization(f"no organisation {organization_id}")
    return organization


async def find_organization(session: AsyncSession, reference: str) -> Organization:
    """By id or by INN, as an operator at the command line knows it."""
    try:
        return await get_organization(session, uuid.UUID(reference))
    except ValueError:
        organization = await Organizations(session).find_by_inn(reference.strip())
    if organization is None:
        raise UnknownOrganization(f"no organisation with id or INN {reference!r}")
    return organization


async def find_organizations(session: AsyncSession, *, kind: OrganizationKind | None, municipality: str | None,
                             page: Page) -> list[Organization]:
    return await Organizations(session).search(kind=kind, municipality=municipality, page=page)
