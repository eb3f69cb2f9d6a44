"""Request lifecycle events: an investor's request from submission to closing.

Why: sla runs a clock from these facts alone (start on routing, pause on clarification, resume,
stop on answer or withdrawal, keep accumulated time across a redirect), projects links requests to
roadmap tasks, and notifications tells each party its turn has come. Every event therefore names the
request and its project, and the events that move work between parties name the organisations.
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar
from uuid import UUID

from pydantic import AwareDatetime, Field

from corridor_contracts.base import DomainEvent
from corridor_contracts.topics import REQUESTS_REQUEST
from corridor_contracts.vocabulary import (
    ActorId, DocumentLink, OrganizationId, OrganizationKind, ProjectId, RequestId, RequestTypeCode,
)


class _RequestEvent(DomainEvent, abstract=True):
    topic: ClassVar[str] = REQUESTS_REQUEST
    key_field: ClassVar[str] = "request_id"

    request_id: RequestId
    project_id: ProjectId


class RequestSubmitted(_RequestEvent):
    """The investor filed a request; `registered_at` is the moment deadlines count from."""

    investor_organization_id: OrganizationId
    request_type_code: RequestTypeCode
    subject: str = Field(min_length=1, max_length=500, description="Short subject shown in inboxes.")
    registered_at: AwareDatetime = Field(description="Registration time; counting starts the next working day.")
    documents: list[DocumentLink] = Field(description="Documents attached by the investor.")
    actor_id: ActorId
    roadmap_task_id: UUID | None = Field(
        default=None, description="The project's roadmap task this request serves, if filed for one.")
    sla_policy_code: str | None = Field(
        default=None, max_length=64,
        description="SLA policy the request type names (e.g. supplier-7wd); the SLA service maps it to a target.")


class RequestRouted(_RequestEvent):
    """Routing chose the organisation that must answer, and says which rule chose it and why."""

    investor_organization_id: OrganizationId
    request_type_code: RequestTypeCode
    subject: str = Field(min_length=1, max_length=500, description="Short subject shown in inboxes.")
    recipient_organization_id: OrganizationId
    recipient_kind: OrganizationKind = Field(description="Kind of the recipient; suppliers answer over Kafka.")
    rule_id: str | None = Field(description="The routing rule that matched; null for the fallback or a manual choice.")
    explanation: str = Field(min_length=1, description="Why this recipient, in words a manager can check.")
    sla_policy_code: str | None = Field(
        default=None, max_length=64,
        description="SLA policy the request type names (e.g. supplier-7wd); the SLA service maps it to a target.")


class RequestAccepted(_RequestEvent):
    """The recipient took the request into work."""

    recipient_organization_id: OrganizationId
    actor_id: ActorId


class ClarificationRequested(_RequestEvent):
    """The recipient asked the investor for more; the SLA clock pauses until it is provided."""

    recipient_organization_id: OrganizationId
    question: str = Field(min_length=1, description="What the recipient needs from the investor.")
    actor_id: ActorId


class ClarificationProvided(_RequestEvent):
    """The investor answered the question; the SLA clock resumes."""

    recipient_organization_id: OrganizationId
    text: str = Field(description="The investor's answer.")
    documents: list[DocumentLink] = Field(description="Documents added with the answer.")
    actor_id: ActorId


class RequestRedirected(_RequestEvent):
    """The request moved to another organisation; its clock keeps the time already spent."""

    from_organization_id: OrganizationId
    to_organization_id: OrganizationId
    to_organization_kind: OrganizationKind = Field(description="Kind of the new recipient.")
    reason: str = Field(min_length=1, description="Why it belongs elsewhere.")
    actor_id: ActorId


class RequestAnswered(_RequestEvent):
    """The recipient answered; the SLA clock stops and the investor can read the answer."""

    recipient_organization_id: OrganizationId
    text: str = Field(min_length=1, description="The answer.")
    documents: list[DocumentLink] = Field(description="Documents issued with the answer.")
    actor_id: ActorId


class RequestWithdrawn(_RequestEvent):
    """The investor withdrew the request before it was answered; the SLA clock stops without a verdict."""

    reason: str | None = Field(description="Why, if the investor said.")
    actor_id: ActorId


class RequestOutcome(StrEnum):
    ANSWERED = "answered"
    WITHDRAWN = "withdrawn"
    PROJECT_CLOSED = "project_closed"  # the project was completed or rejected with the request open


class RequestClosed(_RequestEvent):
    """Nothing more will happen to the request; the outcome says how it ended."""

    outcome: RequestOutcome
    actor_id: ActorId
