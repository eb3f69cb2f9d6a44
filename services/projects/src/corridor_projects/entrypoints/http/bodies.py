"""Request bodies of the write endpoints (the passport body is the domain's Passport model)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from corridor_projects.domain.investment_rules import AlgorithmContent, Code

Comment = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AcceptBody(_Body):
    manager_user_id: UUID = Field(description="An active user with the manager role, who will curate the project.")
    comment: Comment | None = None


class RejectBody(_Body):
    reason: Comment = Field(description="Why the agency declines; the investor reads it.")


class ReturnBody(_Body):
    remarks: Comment = Field(description="What to revise before resubmitting; the investor reads it.")


class CompleteBody(_Body):
    comment: Comment | None = None


class RoadmapItemBody(_Body):
    algorithm_code: Code
    algorithm_version: int | None = Field(default=None, ge=1, description="Default: the version the roadmap "
                                          "already uses, else the current one.")
    after: Code | None = Field(default=None, description="Start when this earlier algorithm of the roadmap ends; "
                               "default: on the roadmap's start date.")


class RoadmapBody(_Body):
    starts_on: date = Field(ge=date(2000, 1, 1), le=date(2100, 12, 31), description="Day the roadmap counts from.")
    items: list[RoadmapItemBody] = Field(min_length=1, max_length=30)


class TaskChangeBody(_Body):
    status: Literal["planned", "in_progress", "blocked", "done"]
    comment: Comment | None = Field(default=None, description="Required when the task is blocked: by what.")

    @model_validator(mode="after")
    def _blocked_says_why(self) -> TaskChangeBody:
        if self.status == "blocked" and not self.comment:
            raise ValueError("a blocked task needs a comment saying what blocks it")
        return self


class AlgorithmBody(AlgorithmContent):
    base_version: int = Field(ge=0, description="The version you edited (0 to create a new algorithm); "
                              "a newer version saved meanwhile makes this a 409.")
