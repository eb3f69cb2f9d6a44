"""Handlers for the events this service keeps projections from (registered in bootstrap.py).

identity.organization.v1 → organisations (a supplier's request topic is created when it appears);
projects.project.v1 → accepted projects, their end (open requests close), roadmap tasks;
sla.clock.v1 → the SLA service's due dates replace the indicative ones in inboxes.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.ext.asyncio import AsyncSession

from corridor_chassis.messaging.consumer import Handler
from corridor_contracts.base import Event
from corridor_contracts.envelope import Envelope
from corridor_contracts.events.identity import OrganizationRegistered
from corridor_contracts.events.projects import (
    ProjectAccepted, ProjectCompleted, ProjectRejected, ProjectReturned, RoadmapPublished,
)
from corridor_contracts.events.sla import SlaClockResumed, SlaClockStarted
from corridor_contracts.vocabulary import OrganizationKind
from corridor_requests.adapters.supplier_topics import SupplierTopics
from corridor_requests.service_layer.deployment import Deployment
from corridor_requests.service_layer.projections import (
    record_due_date, record_organization, record_project_accepted, record_project_status, record_roadmap,
)

# How a project's end affects this service: its status here, and whether open requests close.
PROJECT_ENDINGS = {ProjectRejected: ("rejected", True), ProjectCompleted: ("completed", True),
                   ProjectReturned: ("returned", False)}


def projection_handlers(*, deployment: Deployment, supplier_topics: SupplierTopics) -> Mapping[type[Event], Handler]:
    async def on_organization(session: AsyncSession, envelope: Envelope) -> None:
        event: OrganizationRegistered = envelope.data
        await record_organization(session=session, event=event)
        if event.kind is OrganizationKind.SUPPLIER and event.short_code:
            await supplier_topics.ensure([event.short_code])  # idempotent, so a redelivery is harmless

    async def on_accepted(session: AsyncSession, envelope: Envelope) -> None:
        await record_project_accepted(session=session, event=envelope.data)

    async def on_ending(session: AsyncSession, envelope: Envelope) -> None:
        status, close_requests = PROJECT_ENDINGS[type(envelope.data)]
        await record_project_status(session=session, deployment=deployment, project_id=envelope.data.project_id,
                                    status=status, at=envelope.data.occurred_at, close_requests=close_requests)

    async def on_roadmap(session: AsyncSession, envelope: Envelope) -> None:
        await record_roadmap(session=session, event=envelope.data)

    return {OrganizationRegistered: on_organization, ProjectAccepted: on_accepted, RoadmapPublished: on_roadmap,
            **{event_class: on_ending for event_class in PROJECT_ENDINGS}}


def deadline_handlers() -> Mapping[type[Event], Handler]:
    async def on_deadline(session: AsyncSession, envelope: Envelope) -> None:
        await record_due_date(session=session, request_id=envelope.data.request_id, due_on=envelope.data.due_on)

    return {SlaClockStarted: on_deadline, SlaClockResumed: on_deadline}
