"""Use cases of the token endpoint (OAuth 2.0 grants) and of logout.

Why failures commit: a failed password, a replayed refresh token or a wrong client secret must be
remembered (lockout counts, a revoked session, the audit trail) although the request itself fails,
so these use cases commit what the failure changed and only then raise the domain error.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from corridor_identity.adapters.audit_log import AuditLog
from corridor_identity.adapters.credentials import RefreshSessions, ServiceAccounts
from corridor_identity.adapters.directory import Users
from corridor_identity.adapters.throttles import LoginThrottles, ThrottleScope
from corridor_identity.domain.audit import AuditEvent, AuditEventKind
from corridor_identity.domain.errors import InvalidClient, InvalidCredentials, InvalidRefreshToken, RefreshTokenReused
from corridor_identity.domain.lockout import (ACCOUNT_POLICY, CLIENT_IP_POLICY, ensure_login_allowed, record_failure,
                                              record_success)
from corridor_identity.domain.login import check_password_login
from corridor_identity.domain.opaque_tokens import hash_opaque_token
from corridor_identity.domain.refresh import (RefreshFamily, ReuseDetected, RevocationReason, revoke, rotate,
                                              start_session)
from corridor_identity.domain.service_accounts import authenticate_client, claims_for_service_account
from corridor_identity.domain.tokens import IssuedAccessToken, claims_for_user
from corridor_identity.domain.users import MAX_EMAIL_LENGTH
from corridor_identity.service_layer.authority import Authority


@dataclass(frozen=True)
class Grant:
    access: IssuedAccessToken
    refresh_token: str | None  # none for client credentials (RFC 6749 §4.4.3)


async def password_grant(session: AsyncSession, *, email: str, password: str, client_ip: str,
                         authority: Authority, now: datetime) -> Grant:
    # Throttled by the address as typed, so an unknown address locks exactly like a known one.
    account_key = email.strip().lower()[:MAX_EMAIL_LENGTH]
    throttles = LoginThrottles(session)
    ensure_login_allowed(account=await throttles.get(ThrottleScope.ACCOUNT, account_key),
                         client=await throttles.get(ThrottleScope.CLIENT_IP, client_ip), now=now)
    users = Users(session)
    try:
        accepted = check_password_login(await users.find_by_email(account_key), password, authority.hashing)
    except InvalidCredentials:
        await _count_failure(session, account_key=account_key, client_ip=client_ip, now=now)
        raise
    user = accepted.user
    await throttles.save(ThrottleScope.ACCOUNT, account_key, record_success())
    if accepted.rehashed:
        await users.set_password_hash(user.id, user.password_hash)
    started = start_session(family_id=uuid.uuid4(), user_id=user.id, now=now, policy=authority.tokens.refresh)
    sessions = RefreshSessions(session)
    await sessions.add_family(started.family)
    await sessions.add_token(started.token.record)
    access = await authority.sign(session, claims_for_user(user), now=now)
    await AuditLog(session).record(AuditEvent(AuditEventKind.LOGIN_SUCCEEDED, now, actor=str(user.id),
                                              subject=str(user.id), email=user.email, client_ip=client_ip,
                                              details={"family_id": str(started.family.id)}))
    await session.commit()
    return Grant(access, started.token.raw)


async def _count_failure(session: AsyncSession, *, account_key: str, client_ip: str, now: datetime) -> None:
    throttles = LoginThrottles(session)
    audit = AuditLog(session)
    await audit.record(AuditEvent(AuditEventKind.LOGIN_FAILED, now, email=account_key, client_ip=client_ip))
    for scope, key, policy in ((ThrottleScope.ACCOUNT, account_key, ACCOUNT_POLICY),
                               (ThrottleScope.CLIENT_IP, client_ip, CLIENT_IP_POLICY)):
        outcome = record_failure(await throttles.lock(scope, key), policy, now=now)
        await throttles.save(scope, key, outcome.record)
        if outcome.locked_out:
            await audit.record(AuditEvent(
                AuditEventKind.LOCKED_OUT, now, email=account_key, client_ip=client_ip,
                details={"scope": str(scope), "locked_until": outcome.record.locked_until.isoformat()}))
    await session.commit()


async def refresh_grant(session: AsyncSession, *, refresh_token: str, client_ip: str, authority: Authority,
                        now: datetime) -> Grant:
    """Spend the refresh token for a new pair; a token spent before revokes its whole session."""
    sessions = RefreshSessions(session)
    found = await sessions.find(hash_opaque_token(refresh_token))
    if found is None:
        raise InvalidRefreshToken()
    family, presented = found
    outcome = rotate(family, presented, now=now, policy=authority.tokens.refresh)
    if isinstance(outcome, ReuseDetected) or not await sessions.spend(outcome.spent):
        # Spent before, or by a concurrent request just now: either way two parties hold the token.
        await _revoke_for_reuse(session, family, client_ip=client_ip, now=now)
        raise RefreshTokenReused()
    user = await Users(session).get(family.user_id)
    if user is None or not user.active:
        raise InvalidRefreshToken()
    await sessions.add_token(outcome.token.record)
    access = await authority.sign(session, claims_for_user(user), now=now)
    await AuditLog(session).record(AuditEvent(AuditEventKind.TOKEN_REFRESHED, now, actor=str(user.id),
                                              subject=str(user.id), client_ip=client_ip,
                                              details={"family_id": str(family.id)}))
    await session.commit()
    return Grant(access, outcome.token.raw)


async def _revoke_for_reuse(session: AsyncSession, family: RefreshFamily, *, client_ip: str,
                            now: datetime) -> None:
    await session.rollback()  # drop a half-done rotation; then record the revocation on its own
    await RefreshSessions(session).save_revocation(revoke(family, RevocationReason.REUSE, now=now))
    await AuditLog(session).record(AuditEvent(AuditEventKind.REFRESH_REUSE_DETECTED, now,
                                              subject=str(family.user_id), client_ip=client_ip,
                                              details={"family_id": str(family.id)}))
    await session.commit()


async def client_credentials_grant(session: AsyncSession, *, client_id: str, client_secret: str, client_ip: str,
                                   authority: Authority, now: datetime) -> Grant:
    """A supplier system's token: its organisation and the supplier_system role, no refresh token."""
    audit = AuditLog(session)
    try:
        account = authenticate_client(await ServiceAccounts(session).find_by_client_id(client_id), client_secret)
    except InvalidClient:
        await audit.record(AuditEvent(AuditEventKind.CLIENT_AUTHENTICATION_FAILED, now, client_ip=client_ip,
                                      details={"client_id": client_id[:64]}))
        await session.commit()
        raise
    access = await authority.sign(session, claims_for_service_account(account), now=now)
    await audit.record(AuditEvent(AuditEventKind.CLIENT_AUTHENTICATED, now, actor=str(account.id),
                                  subject=str(account.id), client_ip=client_ip,
                                  details={"client_id": account.client_id}))
    await session.commit()
    return Grant(access, None)


async def end_session(session: AsyncSession, *, user_id: UUID, refresh_token: str, now: datetime) -> None:
    """Logout: revoke the session the refresh token belongs to, if it is the caller's.

    Answers alike for an unknown or someone else's token (RFC 7009 §2.2), so logout cannot be used
    to probe tokens.
    """
    found = await RefreshSessions(session).find(hash_opaque_token(refresh_token))
    if found is None or found[0].user_id != user_id or found[0].revoked_at is not None:
        return
    family = revoke(found[0], RevocationReason.LOGOUT, now=now)
    await RefreshSessions(session).save_revocation(family)
    await AuditLog(session).record(AuditEvent(AuditEventKind.LOGOUT, now, actor=str(user_id), subject=str(user_id),
                                              details={"family_id": str(family.id)}))
    await session.commit()
