"""Use cases of supplier systems' service accounts: create (secret shown once) and deactivate."""

from __future__ import annotations

import uuid
from datetime import datetime
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from corridor_identity.adapters.audit_log import AuditLog
from corridor_identity.adapters.credentials import ServiceAccounts
from corridor_identity.domain.audit import AuditEvent, AuditEventKind
from corridor_identity.domain.service_accounts import (ClientCredentialsIssued, ServiceAccount,
                                                       create_service_account, deactivate_service_account)
from corridor_identity.service_layer.actors import require_actor
from corridor_identity.service_layer.errors import UnknownServiceAccount
from corridor_identity.service_layer.organisations import get_organization


async def open_service_account(session: AsyncSession, *, actor_id: UUID, organization_id: UUID,
                               now: datetime) -> ClientCredentialsIssued:
    actor = await require_actor(session, actor_id)
    organization = await get_organization(session, organization_id)
    issued = create_service_account(account_id=uuid.uuid4(), organization=organization, actor=actor, now=now)
    await ServiceAccounts(session).add(issued.account)
    await AuditLog(session).record(AuditEvent(
        AuditEventKind.SERVICE_ACCOUNT_CREATED, now, actor=str(actor_id), subject=str(issued.account.id),
        details={"client_id": issued.account.client_id, "organization_id": str(organization_id)}))
    await session.commit()
    return issued


async def close_service_account(session: AsyncSession, *, actor_id: UUID, organization_id: UUID, client_id: str,
                                now: datetime) -> ServiceAccount:
    """Its tokens stop being issued at once; those issued keep working until they expire (minutes)."""
    actor = await require_actor(session, actor_id)
    accounts = ServiceAccounts(session)
    account = await accounts.find_by_client_id(client_id)
    if account is None or account.organization_id != organization_id:
        raise UnknownServiceAccount(f"organisation {organization_id} has no service account {client_id}")
    closed = deactivate_service_account(account, actor=actor, now=now)
    await accounts.deactivate(closed)
    await AuditLog(session).record(AuditEvent(
        AuditEventKind.SERVICE_ACCOUNT_DEACTIVATED, now, actor=str(actor_id), subject=str(closed.id),
        details={"client_id": closed.client_id}))
    await session.commit()
    return closed
