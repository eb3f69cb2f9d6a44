"""The region's investment rules (СИП): standard algorithms, each a list of steps with normative terms.

Why data and not code: the rules are a published regional document that changes by order of the
region, so they ship as a versioned file (investment_rules/*.yaml) and agency staff edit them through
the API. Every edit is a new version of the algorithm; a roadmap keeps the version it was built from.
"""

from __future__ import annotations

from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from corridor_contracts.vocabulary import OrganizationKind

from .calendar import TermUnit

Code = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{1,63}$")]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Document = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Step(_Rule):
    code: Code = Field(description="Stable within the algorithm; a roadmap task keeps its identity by it.")
    title: Title
    term: int = Field(ge=0, le=730, description="Target term of the step.")
    term_unit: TermUnit
    responsible_kind: OrganizationKind = Field(description="Kind of body that performs the step.")
    responsible_body: Title | None = Field(default=None, description="e.g. Комитет государственного строительного надзора.")
    request_type_code: Code | None = Field(default=None, description="Request the investor files for the step, if any.")
    documents_in: list[Document] = Field(default_factory=list, max_length=50)
    documents_out: list[Document] = Field(default_factory=list, max_length=50)
    legal_basis: Title | None = None


class AlgorithmContent(_Rule):
    """An algorithm without its code: what an edit through the API sends (the code is in the URL)."""

    title: Title
    description: Annotated[str, StringConstraints(max_length=5000)] | None = None
    steps: list[Step] = Field(min_length=1, max_length=60)

    @model_validator(mode="after")
    def _step_codes_are_unique(self) -> AlgorithmContent:
        codes = [step.code for step in self.steps]
        if duplicates := sorted({code for code in codes if codes.count(code) > 1}):
            raise ValueError(f"step codes must be unique within an algorithm: {', '.join(duplicates)}")
        return self


class Algorithm(AlgorithmContent):
    code: Code


class Catalogue(_Rule):
    """One shipped file: the region's algorithms as of `version` (raised whenever the file changes)."""

    catalogue: Code
    version: int = Field(ge=1)
    region: Title
    algorithms: list[Algorithm] = Field(min_length=1)

    @model_validator(mode="after")
    def _algorithm_codes_are_unique(self) -> Catalogue:
        codes = [algorithm.code for algorithm in self.algorithms]
        if len(codes) != len(set(codes)):
            raise ValueError("algorithm codes must be unique within a catalogue")
        return self


def parse_catalogue(text: str) -> Catalogue:
    return Catalogue.model_validate(yaml.safe_load(text))
