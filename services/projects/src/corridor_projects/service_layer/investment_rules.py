"""The investment rules: loaded from the shipped catalogue file, edited by agency staff, versioned.

Every change of an algorithm, from a newer file or through the API, is a new version; roadmaps name
the version they were built from, so an edit never changes a published roadmap behind its back.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_chassis.auth import Principal
from corridor_projects.adapters import investment_rules
from corridor_projects.domain.access import require_rules_editor
from corridor_projects.domain.errors import AlgorithmNotFound, VersionConflict
from corridor_projects.domain.investment_rules import Algorithm, Catalogue

from .views import AlgorithmView, algorithm_view


async def load_catalogue(*, session: AsyncSession, catalogue: Catalogue, now: datetime) -> bool:
    """Load the file's algorithms if its version is newer than the one loaded before; True if it was.

    An algorithm the file leaves unchanged keeps its version; a changed one gets the next version.
    """
    loaded = await investment_rules.loaded_catalogue_version(session, catalogue.catalogue)
    if loaded is not None and loaded >= catalogue.version:
        return False
    for algorithm in catalogue.algorithms:
        current = await investment_rules.version_of(session, algorithm.code)
        if current is not None and Algorithm.model_validate(current.definition) == algorithm:
            continue
        await investment_rules.add_version(session, algorithm, version=current.version + 1 if current else 1,
                                           source=f"{catalogue.catalogue}@{catalogue.version}", at=now, by=None)
    await investment_rules.record_catalogue(session, catalogue.catalogue, catalogue.version, now)
    return True


async def save_algorithm(*, session: AsyncSession, principal: Principal, algorithm: Algorithm, base_version: int,
                         now: datetime) -> AlgorithmView:
    """Create an algorithm (base_version 0) or a new version of it (base_version = the current one)."""
    require_rules_editor(principal)
    current = await investment_rules.version_of(session, algorithm.code)
    current_version = current.version if current else 0
    if base_version != current_version:
        raise VersionConflict(f"{algorithm.code} is at version {current_version}; you edited version {base_version}",
                              current_version=current_version)
    if current is not None and Algorithm.model_validate(current.definition) == algorithm:
        return algorithm_view(current)
    try:
        await investment_rules.add_version(session, algorithm, version=current_version + 1, source="api", at=now,
                                           by=principal.subject)
    except IntegrityError:
        raise VersionConflict(f"{algorithm.code} was edited by somebody else at the same time") from None
    return algorithm_view(await investment_rules.version_of(session, algorithm.code, current_version + 1))


async def list_algorithms(*, session: AsyncSession) -> list[AlgorithmView]:
    return [algorithm_view(row) for row in await investment_rules.latest(session)]


async def get_algorithm(*, session: AsyncSession, code: str, version: int | None = None) -> AlgorithmView:
    row = await investment_rules.version_of(session, code, version)
    if row is None:
        raise AlgorithmNotFound(f"No algorithm {code}" + (f" version {version}" if version else ""))
    return algorithm_view(row)
