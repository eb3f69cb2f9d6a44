"""Who must hear of each event: the audiences of a notification, before they are resolved to people.

Why symbolic: an event names organisations, a project or a request, not people, and the people
behind them come from this service's projections of identity, projects and requests, which may lag
behind (each topic arrives on its own). So an event is first turned into a plan of audiences; the
service layer resolves each audience against the projections, and an audience it cannot resolve
yet waits on the keys (`org:…`, `project:…`, …) whose arrival may complete it.

Escalation: SlaEscalated names the organisation and role of each level, so the chain stays the sla
service's data. Level 1 names the responsible organisation's head (`organization_head`): its heads
hear of it, or, while the organisation has no active head on record, its officials, so a body whose
head is not registered still hears of its own breach. The manager level reaches the project's own
manager; the agency head level reaches the agency heads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from corridor_contracts.base import Event
from corridor_contracts.events.projects import (
    ProjectAccepted, ProjectCompleted, ProjectRejected, ProjectReturned, RoadmapPublished,
)
from corridor_contracts.events.requests import (
    ClarificationProvided, ClarificationRequested, RequestAnswered, RequestRedirected, RequestRouted, RequestWithdrawn,
)
from corridor_contracts.events.sla import SlaBreached, SlaEscalated, SlaWarning
from corridor_contracts.vocabulary import Role

from .kinds import NotificationKind


@dataclass(frozen=True)
class Investors:
    """The investor company's people; the company is named by the event, else by the request or project."""

    project_id: UUID
    request_id: UUID | None = None
    organization_id: UUID | None = None


@dataclass(frozen=True)
class Members:
    """The people of one organisation who hold a role (a body's officials, the agency's heads)."""

    organization_id: UUID
    role: Role = Role.OFFICIAL


@dataclass(frozen=True)
class Heads:
    """An organisation's heads; its officials while it has no active head on record."""

    organization_id: UUID


@dataclass(frozen=True)
class RecipientOfficials:
    """The officials of the organisation a request is currently with, when the event does not name it."""

    request_id: UUID


@dataclass(frozen=True)
class ProjectManager:
    project_id: UUID


Audience = Investors | Members | Heads | RecipientOfficials | ProjectManager


@dataclass(frozen=True)
class NotificationPlan:
    kind: NotificationKind
    audiences: tuple[Audience, ...]
    project_id: UUID
    request_id: UUID | None
    facts: dict[str, Any]  # the event's data as JSON, for templates and webhook bodies


def plan_for(event: Event) -> NotificationPlan | None:
    """The notification an event calls for, or None when nobody needs to hear of it."""
    rule = _RULES.get(type(event))
    if rule is None:
        return None
    kind, audiences = rule(event)
    return NotificationPlan(kind=kind, audiences=tuple(audiences), project_id=event.project_id,
                            request_id=getattr(event, "request_id", None), facts=event.model_dump(mode="json"))


def _escalated(event: SlaEscalated) -> list[Audience]:
    if event.escalated_to_role is Role.MANAGER:
        return [ProjectManager(event.project_id)]
    if event.escalated_to_role is Role.ORGANIZATION_HEAD:
        return [Heads(event.escalated_to_organization_id)]
    return [Members(event.escalated_to_organization_id, event.escalated_to_role)]


_K = NotificationKind
_RULES: dict[type[Event], Callable[[Any], tuple[NotificationKind, list[Audience]]]] = {
    ProjectAccepted: lambda e: (_K.PROJECT_ACCEPTED, [
        Investors(e.project_id, organization_id=e.project.investor_organization_id), ProjectManager(e.project_id)]),
    ProjectRejected: lambda e: (_K.PROJECT_REJECTED, [
        Investors(e.project_id, organization_id=e.investor_organization_id)]),
    ProjectReturned: lambda e: (_K.PROJECT_RETURNED, [
        Investors(e.project_id, organization_id=e.investor_organization_id)]),
    ProjectCompleted: lambda e: (_K.PROJECT_COMPLETED, [
        Investors(e.project_id, organization_id=e.investor_organization_id)]),
    RoadmapPublished: lambda e: (_K.ROADMAP_PUBLISHED, [Investors(e.project_id)]),
    RequestRouted: lambda e: (_K.REQUEST_ROUTED, [Members(e.recipient_organization_id)]),
    RequestRedirected: lambda e: (_K.REQUEST_REDIRECTED, [
        Members(e.to_organization_id), Investors(e.project_id, e.request_id)]),
    ClarificationRequested: lambda e: (_K.CLARIFICATION_REQUESTED, [Investors(e.project_id, e.request_id)]),
    ClarificationProvided: lambda e: (_K.CLARIFICATION_PROVIDED, [Members(e.recipient_organization_id)]),
    RequestAnswered: lambda e: (_K.REQUEST_ANSWERED, [Investors(e.project_id, e.request_id)]),
    RequestWithdrawn: lambda e: (_K.REQUEST_WITHDRAWN, [RecipientOfficials(e.request_id)]),
    SlaWarning: lambda e: (_K.SLA_WARNING, [Members(e.recipient_organization_id)]),
    SlaBreached: lambda e: (_K.SLA_BREACHED, [Members(e.recipient_organization_id), ProjectManager(e.project_id)]),
    SlaEscalated: lambda e: (_K.SLA_ESCALATED, _escalated(e)),
}

NOTIFYING_EVENTS: tuple[type[Event], ...] = tuple(_RULES)


def org_key(organization_id: object) -> str:
    return f"org:{organization_id}"


def project_key(project_id: object) -> str:
    return f"project:{project_id}"


def request_key(request_id: object) -> str:
    return f"request:{request_id}"


def user_key(user_id: object) -> str:
    return f"user:{user_id}"
