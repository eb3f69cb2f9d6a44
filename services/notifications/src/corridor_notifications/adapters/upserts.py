"""INSERT … ON CONFLICT for both stores, so that applying a fact twice leaves one row.

Why: SQLite and PostgreSQL both have the clause, but SQLAlchemy builds it from each dialect's own
`insert`; choosing the dialect here keeps repositories free of that detail.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


def _insert(session: AsyncSession, table: Table):
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


async def insert_if_absent(session: AsyncSession, table: Table, values: Mapping[str, Any],
                           conflict_columns: Iterable[str]) -> bool:
    """Insert the row unless one with the same conflict columns exists; True if it was inserted."""
    statement = _insert(session, table).values(**values).on_conflict_do_nothing(index_elements=list(conflict_columns))
    return (await session.execute(statement)).rowcount == 1


async def upsert(session: AsyncSession, table: Table, values: Mapping[str, Any], key_columns: Iterable[str],
                 update: Mapping[str, Any] | None = None) -> None:
    """Insert the row, or update `update` (default: every non-key value) on the existing one."""
    keys = list(key_columns)
    changes = dict(update if update is not None else {k: v for k, v in values.items() if k not in keys})
    statement = _insert(session, table).values(**values)
    statement = (statement.on_conflict_do_update(index_elements=keys, set_=changes) if changes
                 else statement.on_conflict_do_nothing(index_elements=keys))
    await session.execute(statement)
