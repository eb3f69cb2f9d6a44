"""Project events: from the investor's passport through the agency's decision to the roadmap.

Why: requests may only be filed for accepted projects and needs the project's municipality for
routing; notifications tell the investor and the manager what changed. So acceptance carries the
project summary and the manager, and the roadmap events carry each task's responsible body and due date.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import ClassVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from corridor_contracts.base import DomainEvent
from corridor_contracts.topics import PROJECTS_PROJECT
from corridor_contracts.vocabulary import (
    ActorId, OrganizationKind, ProjectId, ProjectSummary, RequestId, RequestTypeCode, UserId,
)


class _ProjectEvent(DomainEvent, abstract=True):
    topic: ClassVar[str] = PROJECTS_PROJECT
    key_field: ClassVar[str] = "project_id"

    project_id: ProjectId


class PassportSubmitted(_ProjectEvent):
    """The investor submitted (or, after a return, resubmitted) the project passport for review."""

    passport_version: int = Field(ge=1, description="1 for the first submission, +1 for each resubmission.")
    project: ProjectSummary
    total_investment_rub: int = Field(ge=0, description="Total planned investment, in roubles.")
    jobs_created: int = Field(ge=0, description="Jobs the project creates.")
    actor_id: ActorId


class ProjectAccepted(_ProjectEvent):
    """The agency took the project under support and assigned a manager; requests may now be filed."""

    project: ProjectSummary
    manager_user_id: UserId
    actor_id: ActorId


class ProjectRejected(_ProjectEvent):
    """The agency declined to support the project; this is final."""

    investor_organization_id: UUID = Field(description="The investor, to be notified.")
    reason: str = Field(min_length=1, description="Why, as told to the investor.")
    actor_id: ActorId


class ProjectReturned(_ProjectEvent):
    """The agency returned the passport for revision; the investor may resubmit."""

    investor_organization_id: UUID = Field(description="The investor, to be notified.")
    remarks: str = Field(min_length=1, description="What to revise, as told to the investor.")
    actor_id: ActorId


class RoadmapTaskStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"
    BLOCKED = "blocked"  # the step waits on something outside it (added within v1: consumers deploy first)


class RoadmapTask(BaseModel):
    """One step of the roadmap, usually a step of an investment-rules (СИП) algorithm."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    task_id: UUID = Field(description="The task, stable across roadmap versions.")
    title: str = Field(min_length=1, max_length=500, description="What is to be done.")
    algorithm_code: str | None = Field(description="The СИП algorithm the task comes from, e.g. construction-permit.")
    responsible_kind: OrganizationKind = Field(description="Kind of body responsible for the step.")
    request_type_code: RequestTypeCode | None = Field(description="Request type the investor files for it, if any.")
    due_on: date = Field(description="Planned completion date (calendar date in the region's time zone).")
    status: RoadmapTaskStatus


class RoadmapPublished(_ProjectEvent):
    """The manager published a version of the roadmap; it replaces the previous version as a whole."""

    roadmap_version: int = Field(ge=1, description="Increases with every publication.")
    manager_user_id: UserId
    tasks: list[RoadmapTask] = Field(description="Every task of this version, in roadmap order.")
    actor_id: ActorId


class RoadmapTaskChanged(_ProjectEvent):
    """One task changed status, due date, linked request or risk, between roadmap publications."""

    task_id: UUID = Field(description="The task that changed.")
    status: RoadmapTaskStatus
    previous_status: RoadmapTaskStatus
    due_on: date = Field(description="Planned completion date after the change.")
    request_id: RequestId | None = Field(description="The request filed for this task, if any.")
    at_risk: bool = Field(description="True while an SLA warning or breach on the linked request stands.")
    actor_id: ActorId


class ProjectCompleted(_ProjectEvent):
    """Support of the project ended: the roadmap is done (or closed by the manager)."""

    investor_organization_id: UUID = Field(description="The investor, to be notified.")
    actor_id: ActorId
