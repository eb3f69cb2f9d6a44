"""The store of login failures per account (e-mail as typed) and per client IP address.

Why: the lockout rules (domain/lockout.py) are a plain value kept between logins; this keeps it in
the service's own database, so every replica sees the same count. A failure is recorded under a
row lock (PostgreSQL), so parallel guesses against one account are all counted.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_identity.adapters.tables import login_throttles
from corridor_identity.domain.lockout import FailureRecord


class ThrottleScope(StrEnum):
    ACCOUNT = "account"
    CLIENT_IP = "client_ip"


class LoginThrottles:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, scope: ThrottleScope, key: str) -> FailureRecord:
        row = (await self.session.execute(select(login_throttles).where(*_row(scope, key)))).first()
        return _record(row) if row else FailureRecord()

    async def lock(self, scope: ThrottleScope, key: str) -> FailureRecord:
        """The record, locked until the transaction ends (created empty if there was none)."""
        dialect = postgresql if self.session.bind.dialect.name == "postgresql" else sqlite
        await self.session.execute(
            dialect.insert(login_throttles)
            .values(scope=str(scope), key=key, failures=[], locked_until=None, lockouts=0)
            .on_conflict_do_nothing())
        row = (await self.session.execute(
            select(login_throttles).where(*_row(scope, key)).with_for_update())).one()
        return _record(row)

    async def save(self, scope: ThrottleScope, key: str, record: FailureRecord) -> None:
        if record == FailureRecord():
            await self.session.execute(delete(login_throttles).where(*_row(scope, key)))
            return
        await self.session.execute(update(login_throttles).where(*_row(scope, key)).values(
            failures=[moment.isoformat() for moment in record.failures], locked_until=record.locked_until,
            lockouts=record.lockouts))


def _row(scope: ThrottleScope, key: str) -> tuple:
    return login_throttles.c.scope == str(scope), login_throttles.c.key == key


def _record(row) -> FailureRecord:
    return FailureRecord(failures=tuple(datetime.fromisoformat(moment) for moment in row.failures),
                         locked_until=row.locked_until, lockouts=row.lockouts)
