"""SLA events: the working-day clock of each request and its verdicts.

Why: projects marks roadmap tasks at risk and notifications warns the recipient and the manager,
without either knowing the production calendar. So each event carries the due date already computed
and the working time accumulated, in the region's calendar.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, ClassVar

from pydantic import Field

from corridor_contracts.base import DomainEvent
from corridor_contracts.topics import SLA_CLOCK
from corridor_contracts.vocabulary import OrganizationId, ProjectId, RequestId, RequestTypeCode, Role

DueOn = Annotated[date, Field(description="Last working day to answer on time (calendar date, region's time zone).")]
ElapsedMinutes = Annotated[int, Field(ge=0, description="Working time the clock has counted so far, in minutes.")]


class _ClockEvent(DomainEvent, abstract=True):
    topic: ClassVar[str] = SLA_CLOCK
    key_field: ClassVar[str] = "request_id"

    request_id: RequestId
    project_id: ProjectId
    recipient_organization_id: OrganizationId = Field(description="The organisation the clock runs against.")


class SlaClockStarted(_ClockEvent):
    """A routed request got its target under the matching SLA policy."""

    request_type_code: RequestTypeCode
    policy_code: str = Field(min_length=1, description="The SLA policy that set the target.")
    target_working_days: int = Field(ge=1, description="Working days allowed, e.g. 7.")
    starts_on: date = Field(description="First counted day: the working day after registration.")
    due_on: DueOn


class PauseReason(StrEnum):
    AWAITING_INVESTOR = "awaiting_investor"


class SlaClockPaused(_ClockEvent):
    """The clock stopped counting while the ball is in the investor's court."""

    reason: PauseReason
    elapsed_working_minutes: ElapsedMinutes


class SlaClockResumed(_ClockEvent):
    """The clock counts again; the due date moved out by the paused working time."""

    due_on: DueOn
    elapsed_working_minutes: ElapsedMinutes


class SlaWarning(_ClockEvent):
    """A set share of the target is used up and no answer yet: time to act before the breach."""

    percent_elapsed: int = Field(ge=0, le=100, description="Threshold crossed, in percent of the target, e.g. 75.")
    due_on: DueOn
    remaining_working_minutes: int = Field(ge=0, description="Working time left before the breach.")


class SlaBreached(_ClockEvent):
    """The due date passed without an answer; the clock keeps counting for the statistics."""

    due_on: DueOn
    elapsed_working_minutes: ElapsedMinutes


class SlaMet(_ClockEvent):
    """The request was answered on time."""

    due_on: DueOn
    elapsed_working_minutes: ElapsedMinutes


class SlaEscalated(_ClockEvent):
    """The breach was taken one level up: the recipient's head, then the agency."""

    level: int = Field(ge=1, description="1 for the first escalation, +1 for each further one.")
    escalated_to_organization_id: OrganizationId
    escalated_to_role: Role = Field(description="Who in that organisation must now act.")
    due_on: DueOn
