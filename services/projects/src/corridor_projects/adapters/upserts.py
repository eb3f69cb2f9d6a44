"""INSERT … ON CONFLICT on both databases, for projections that must apply events in any order.

Why: a projection row may be created by whichever event arrives first (the user's registration or a
later role change replayed from a dead-letter topic); the statement must create or update in one
step without a read-then-write race between consumer replicas.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


async def upsert(session: AsyncSession, table: Table, values: Mapping[str, Any], *, key: Iterable[str],
                 update: Iterable[str] = ()) -> None:
    """Insert `values`; if a row with the same `key` exists, overwrite only the `update` columns."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table).values(**values)
    update = list(update)
    if update:
        statement = statement.on_conflict_do_update(
            index_elements=list(key), set_={column: statement.excluded[column] for column in update})
    else:
        statement = statement.on_conflict_do_nothing(index_elements=list(key))
    await session.execute(statement)
