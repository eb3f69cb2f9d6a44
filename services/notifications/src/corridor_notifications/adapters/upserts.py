"""INSERT … ON CONFLICT for both stores, so that applying a fact twice leaves one row.

Why text, built from the table: SQLite and PostgreSQL spell the clause the same way (`ON CONFLICT (…)
DO NOTHING`, `DO UPDATE SET c = excluded.c`), but SQLAlchemy 2.0 never caches the compiled form of
its dialect-specific `insert(…).on_conflict_…` constructs. Building and compiling them again for
every statement was a fifth of the fan-out consumer's time, and a third once its other statements
were cut. A text statement with parameters typed like the columns is built once per shape (table,
columns, rows, conflict, columns to update) and then cached like any other statement, on both stores.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Table, TextClause, bindparam, text
from sqlalchemy.ext.asyncio import AsyncSession

ROWS_PER_STATEMENT = 200  # keeps the bound parameters well within both stores' limits


async def insert_if_absent(session: AsyncSession, table: Table, values: Mapping[str, Any],
                           conflict_columns: Iterable[str]) -> bool:
    """Insert the row unless one with the same conflict columns exists; True if it was inserted."""
    return await insert_all_if_absent(session, table, [values], conflict_columns) == 1


async def insert_all_if_absent(session: AsyncSession, table: Table, rows: Sequence[Mapping[str, Any]],
                               conflict_columns: Iterable[str]) -> int:
    """`insert_if_absent` for many rows naming the same columns, in few statements; how many were inserted."""
    conflict, inserted = tuple(conflict_columns), 0
    for start in range(0, len(rows), ROWS_PER_STATEMENT):
        chunk = rows[start:start + ROWS_PER_STATEMENT]
        statement = _statement(table, tuple(chunk[0]), len(chunk), conflict, ())
        inserted += (await session.execute(statement, _parameters(chunk))).rowcount
    return inserted


async def upsert(session: AsyncSession, table: Table, values: Mapping[str, Any], key_columns: Iterable[str],
                 update: Iterable[str] | None = None) -> None:
    """Insert the row, or overwrite the columns named in `update` (default: every non-key column) with
    the values given here; a row that exists and has nothing to update is left as it is."""
    keys = tuple(key_columns)
    changes = tuple(update) if update is not None else tuple(name for name in values if name not in keys)
    await session.execute(_statement(table, tuple(values), 1, keys, changes), _parameters([values]))


@lru_cache(maxsize=256)
def _statement(table: Table, columns: tuple[str, ...], rows: int, conflict: tuple[str, ...],
               changes: tuple[str, ...]) -> TextClause:
    rows_sql = ", ".join("(" + ", ".join(f":{name}_{row}" for name in columns) + ")" for row in range(rows))
    action = ("DO UPDATE SET " + ", ".join(f'"{name}" = excluded."{name}"' for name in changes) if changes
              else "DO NOTHING")
    sql = f'INSERT INTO "{table.name}" ({_names(columns)}) VALUES {rows_sql} ON CONFLICT ({_names(conflict)}) {action}'
    return text(sql).bindparams(*(bindparam(f"{name}_{row}", type_=table.c[name].type)
                                  for row in range(rows) for name in columns))


def _names(names: Iterable[str]) -> str:
    return ", ".join(f'"{name}"' for name in names)


def _parameters(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    return {f"{name}_{number}": value for number, row in enumerate(rows) for name, value in row.items()}
