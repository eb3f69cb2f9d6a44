"""Storing the investment-rules algorithms, every version of each, and which catalogue file was loaded."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from sqlalchemy import Row, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_projects.domain.investment_rules import Algorithm

from .tables import algorithm_versions, catalogue_files


async def latest(session: AsyncSession) -> Sequence[Row]:
    """The current (highest) version of every algorithm, by code."""
    newest = (select(algorithm_versions.c.code, func.max(algorithm_versions.c.version).label("version"))
              .group_by(algorithm_versions.c.code).subquery())
    return (await session.execute(
        select(algorithm_versions)
        .join(newest, (algorithm_versions.c.code == newest.c.code) & (algorithm_versions.c.version == newest.c.version))
        .order_by(algorithm_versions.c.code))).all()


async def version_of(session: AsyncSession, code: str, version: int | None = None) -> Row | None:
    """One version of an algorithm; the current one when `version` is None."""
    query = select(algorithm_versions).where(algorithm_versions.c.code == code)
    query = query.where(algorithm_versions.c.version == version) if version else query
    return (await session.execute(query.order_by(algorithm_versions.c.version.desc()).limit(1))).first()


async def add_version(session: AsyncSession, algorithm: Algorithm, *, version: int, source: str, at: datetime,
                      by: UUID | None) -> None:
    await session.execute(insert(algorithm_versions).values(
        code=algorithm.code, version=version, title=algorithm.title,
        definition=algorithm.model_dump(mode="json"), source=source, created_at=at, created_by=by))


async def loaded_catalogue_version(session: AsyncSession, catalogue: str) -> int | None:
    return (await session.execute(
        select(catalogue_files.c.version).where(catalogue_files.c.catalogue == catalogue))).scalar()


async def record_catalogue(session: AsyncSession, catalogue: str, version: int, at: datetime) -> None:
    values = {"version": version, "loaded_at": at}
    if await loaded_catalogue_version(session, catalogue) is None:
        await session.execute(insert(catalogue_files).values(catalogue=catalogue, **values))
    else:
        await session.execute(update(catalogue_files).where(catalogue_files.c.catalogue == catalogue).values(**values))
