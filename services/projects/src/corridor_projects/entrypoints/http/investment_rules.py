"""The investment rules (СИП): anyone signed in reads them; agency staff edit them, version by version."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from corridor_chassis.auth import CurrentPrincipal
from corridor_projects.domain.investment_rules import Algorithm
from corridor_projects.service_layer import investment_rules
from corridor_projects.service_layer.views import AlgorithmView

from .bodies import AlgorithmBody
from .deps import AlgorithmCode, Now, Sessions

router = APIRouter(prefix="/investment-rules", tags=["investment rules"])


@router.get("", summary="The current version of every algorithm")
async def list_algorithms(principal: CurrentPrincipal, sessions: Sessions) -> list[AlgorithmView]:
    async with sessions() as session:
        return await investment_rules.list_algorithms(session=session)


@router.get("/{code}", summary="The current version of one algorithm")
async def get_algorithm(code: AlgorithmCode, principal: CurrentPrincipal, sessions: Sessions) -> AlgorithmView:
    async with sessions() as session:
        return await investment_rules.get_algorithm(session=session, code=code)


@router.get("/{code}/versions/{version}", summary="One version of an algorithm, e.g. the one a roadmap uses")
async def get_algorithm_version(code: AlgorithmCode, version: Annotated[int, Path(ge=1)], principal: CurrentPrincipal,
                                sessions: Sessions) -> AlgorithmView:
    async with sessions() as session:
        return await investment_rules.get_algorithm(session=session, code=code, version=version)


@router.put("/{code}", summary="Create an algorithm or save a new version of it (agency staff)")
async def save_algorithm(code: AlgorithmCode, body: AlgorithmBody, principal: CurrentPrincipal, sessions: Sessions,
                         moment: Now) -> AlgorithmView:
    algorithm = Algorithm(code=code, **body.model_dump(exclude={"base_version"}))
    async with sessions.begin() as session:
        return await investment_rules.save_algorithm(session=session, principal=principal, algorithm=algorithm,
                                                     base_version=body.base_version, now=moment.now)
