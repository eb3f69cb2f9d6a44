"""Use case: an investor registers themselves together with their company.

Why the answer is the same whether or not the e-mail is registered: the registration form must not
tell a stranger who has an account. The use case returns None for a taken e-mail, after the same
checks and the same password hashing as a real registration, and writes only an audit record.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from corridor_identity.adapters.audit_log import AuditLog
from corridor_identity.adapters.directory import Users
from corridor_identity.domain.audit import AuditEvent, AuditEventKind
from corridor_identity.domain.organisations import OrganizationKind
from corridor_identity.domain.users import Locale, User, register_investor
from corridor_identity.service_layer.authority import Authority
from corridor_identity.service_layer.organisations import OrganizationDetails, store_organization
from corridor_identity.service_layer.users import store_user


async def register_investor_with_company(
    session: AsyncSession, *, company: OrganizationDetails, email: str, full_name: str, password: str,
    locale: Locale, client_ip: str | None, authority: Authority, now: datetime,
) -> User | None:
    """The new investor, or None when the e-mail already has an account (the caller answers alike)."""
    if company.kind is not OrganizationKind.INVESTOR:
        raise ValueError("investors register investor companies only")
    organization = company.register(uuid.uuid4())
    investor = register_investor(user_id=uuid.uuid4(), email=email, full_name=full_name, password=password,
                                 company=organization, hashing=authority.hashing, policy=authority.passwords,
                                 now=now, locale=locale)
    audit = AuditLog(session)
    if await Users(session).email_taken(investor.email):
        await audit.record(AuditEvent(AuditEventKind.REGISTRATION_WITH_TAKEN_EMAIL, now, email=investor.email,
                                      client_ip=client_ip))
        await session.commit()
        return None
    await store_organization(session, organization, actor=str(investor.id), now=now)
    await store_user(session, investor, now=now)
    await audit.record(AuditEvent(AuditEventKind.USER_REGISTERED, now, actor=str(investor.id),
                                  subject=str(investor.id), email=investor.email, client_ip=client_ip))
    await session.commit()
    return investor
