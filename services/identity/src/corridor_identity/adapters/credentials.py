"""Repositories of credentials other than passwords: refresh sessions, invitations, service accounts.

Why: each stores only the SHA-256 of the secret it stands for and finds rows by that hash. Spending
a refresh token is an UPDATE that succeeds only while the token is unspent, so two requests racing
with the same token cannot both rotate it: the loser sees it spent, which is reuse.
"""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import Row, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_identity.adapters.tables import (invitations, organizations, refresh_families, refresh_tokens,
                                               service_accounts)
from corridor_identity.domain.invitations import Invitation
from corridor_identity.domain.organisations import OrganizationKind
from corridor_identity.domain.refresh import RefreshFamily, RefreshToken, RevocationReason
from corridor_identity.domain.roles import Role
from corridor_identity.domain.service_accounts import ServiceAccount


class RefreshSessions:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add_family(self, family: RefreshFamily) -> None:
        await self.session.execute(insert(refresh_families).values(
            id=family.id, user_id=family.user_id, created_at=family.created_at, expires_at=family.expires_at))

    async def add_token(self, token: RefreshToken) -> None:
        await self.session.execute(insert(refresh_tokens).values(
            token_hash=token.token_hash, family_id=token.family_id, issued_at=token.issued_at,
            expires_at=token.expires_at))

    async def find(self, token_hash: str) -> tuple[RefreshFamily, RefreshToken] | None:
        row = (await self.session.execute(
            select(refresh_tokens).where(refresh_tokens.c.token_hash == token_hash))).first()
        if row is None:
            return None
        token = RefreshToken(token_hash=row.token_hash, family_id=row.family_id, issued_at=row.issued_at,
                             expires_at=row.expires_at, rotated_at=row.rotated_at)
        family = (await self.session.execute(
            select(refresh_families).where(refresh_families.c.id == token.family_id))).one()
        return _family(family), token

    async def spend(self, token: RefreshToken) -> bool:
        """Mark the token rotated; False if another request spent it first."""
        result = await self.session.execute(
            update(refresh_tokens)
            .where(refresh_tokens.c.token_hash == token.token_hash, refresh_tokens.c.rotated_at.is_(None))
            .values(rotated_at=token.rotated_at))
        return result.rowcount == 1

    async def families_of(self, user_id: UUID) -> list[RefreshFamily]:
        rows = (await self.session.execute(
            select(refresh_families).where(refresh_families.c.user_id == user_id))).all()
        return [_family(row) for row in rows]

    async def save_revocation(self, family: RefreshFamily) -> None:
        await self.session.execute(
            update(refresh_families).where(refresh_families.c.id == family.id, refresh_families.c.revoked_at.is_(None))
            .values(revoked_at=family.revoked_at, revocation_reason=str(family.revocation_reason)))


class Invitations:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, invitation: Invitation) -> None:
        await self.session.execute(insert(invitations).values(
            id=invitation.id, email=invitation.email, organization_id=invitation.organization_id,
            roles=sorted(map(str, invitation.roles)), invited_by=invitation.invited_by,
            token_hash=invitation.token_hash, created_at=invitation.created_at, expires_at=invitation.expires_at))

    async def find_by_token_hash(self, token_hash: str) -> Invitation | None:
        row = (await self.session.execute(
            select(invitations).where(invitations.c.token_hash == token_hash))).first()
        if row is None:
            return None
        return Invitation(id=row.id, email=row.email, organization_id=row.organization_id,
                          roles=frozenset(map(Role, row.roles)), invited_by=row.invited_by,
                          token_hash=row.token_hash, created_at=row.created_at, expires_at=row.expires_at,
                          accepted_at=row.accepted_at)

    async def mark_accepted(self, invitation: Invitation) -> bool:
        """False if the invitation was accepted by a concurrent request first."""
        result = await self.session.execute(
            update(invitations).where(invitations.c.id == invitation.id, invitations.c.accepted_at.is_(None))
            .values(accepted_at=invitation.accepted_at))
        return result.rowcount == 1


class ServiceAccounts:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, account: ServiceAccount) -> None:
        await self.session.execute(insert(service_accounts).values(
            id=account.id, client_id=account.client_id, organization_id=account.organization_id,
            secret_hash=account.secret_hash, created_at=account.created_at))

    async def get(self, account_id: UUID) -> ServiceAccount | None:
        return await self._one(service_accounts.c.id == account_id)

    async def find_by_client_id(self, client_id: str) -> ServiceAccount | None:
        return await self._one(service_accounts.c.client_id == client_id)

    async def deactivate(self, account: ServiceAccount) -> None:
        await self.session.execute(update(service_accounts).where(service_accounts.c.id == account.id)
                                   .values(deactivated_at=account.deactivated_at))

    async def _one(self, condition) -> ServiceAccount | None:
        row = (await self.session.execute(
            select(service_accounts, organizations.c.kind)
            .join(organizations, organizations.c.id == service_accounts.c.organization_id).where(condition))).first()
        if row is None:
            return None
        return ServiceAccount(id=row.id, client_id=row.client_id, organization_id=row.organization_id,
                              organization_kind=OrganizationKind(row.kind), secret_hash=row.secret_hash,
                              created_at=row.created_at, deactivated_at=row.deactivated_at)


def _family(row: Row) -> RefreshFamily:
    reason = RevocationReason(row.revocation_reason) if row.revocation_reason else None
    return RefreshFamily(id=row.id, user_id=row.user_id, created_at=row.created_at, expires_at=row.expires_at,
                         revoked_at=row.revoked_at, revocation_reason=reason)
