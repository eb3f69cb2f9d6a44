"""Event handlers of the projects service: read the event, call one projection use case.

Registered in bootstrap.py: identity's organisation and user topics feed the directory; requests and
SLA clocks move the roadmap tasks the requests serve and let recipients' officials see the project.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from corridor_contracts.envelope import Envelope
from corridor_contracts.events.identity import (
    OrganizationRegistered, UserDeactivated, UserRegistered, UserRolesChanged,
)
from corridor_contracts.events.requests import (
    RequestAnswered, RequestClosed, RequestOutcome, RequestRedirected, RequestRouted, RequestSubmitted,
    RequestWithdrawn,
)
from corridor_contracts.events.sla import SlaBreached, SlaWarning
from corridor_projects.domain.roadmap import RequestProgress
from corridor_projects.service_layer import projections


async def on_organization_registered(session: AsyncSession, envelope: Envelope) -> None:
    event: OrganizationRegistered = envelope.data
    await projections.organization_registered(
        session=session, organization_id=event.organization_id, kind=event.kind, short_name=event.short_name,
        full_name=event.full_name, inn=event.inn, municipality_code=event.municipality_code)


async def on_user_registered(session: AsyncSession, envelope: Envelope) -> None:
    event: UserRegistered = envelope.data
    await projections.user_registered(session=session, user_id=event.user_id, organization_id=event.organization_id,
                                      full_name=event.full_name, email=event.email, roles=event.roles)


async def on_user_roles_changed(session: AsyncSession, envelope: Envelope) -> None:
    event: UserRolesChanged = envelope.data
    await projections.user_roles_changed(session=session, user_id=event.user_id,
                                         organization_id=event.organization_id, roles=event.roles)


async def on_user_deactivated(session: AsyncSession, envelope: Envelope) -> None:
    event: UserDeactivated = envelope.data
    await projections.user_deactivated(session=session, user_id=event.user_id, organization_id=event.organization_id)


async def on_request_routed(session: AsyncSession, envelope: Envelope) -> None:
    event: RequestRouted = envelope.data
    await projections.request_routed(session=session, project_id=event.project_id,
                                     recipient_organization_id=event.recipient_organization_id)


async def on_request_redirected(session: AsyncSession, envelope: Envelope) -> None:
    event: RequestRedirected = envelope.data
    await projections.request_routed(session=session, project_id=event.project_id,
                                     recipient_organization_id=event.to_organization_id)


async def on_request_submitted(session: AsyncSession, envelope: Envelope) -> None:
    event: RequestSubmitted = envelope.data
    await projections.request_submitted(session=session, request_id=event.request_id, project_id=event.project_id,
                                        task_id=event.roadmap_task_id, at=event.occurred_at, actor_id=event.actor_id)


async def on_request_answered(session: AsyncSession, envelope: Envelope) -> None:
    event: RequestAnswered = envelope.data
    await projections.request_finished(session=session, request_id=event.request_id,
                                       progress=RequestProgress.ANSWERED, at=event.occurred_at,
                                       actor_id=event.actor_id)


async def on_request_withdrawn(session: AsyncSession, envelope: Envelope) -> None:
    event: RequestWithdrawn = envelope.data
    await projections.request_finished(session=session, request_id=event.request_id,
                                       progress=RequestProgress.WITHDRAWN, at=event.occurred_at,
                                       actor_id=event.actor_id)


_CLOSED_AS = {RequestOutcome.ANSWERED: RequestProgress.ANSWERED, RequestOutcome.WITHDRAWN: RequestProgress.WITHDRAWN}


async def on_request_closed(session: AsyncSession, envelope: Envelope) -> None:
    """A closing usually repeats what the answer or withdrawal already did; it matters if that was missed."""
    event: RequestClosed = envelope.data
    if progress := _CLOSED_AS.get(event.outcome):
        await projections.request_finished(session=session, request_id=event.request_id, progress=progress,
                                           at=event.occurred_at, actor_id=event.actor_id)


async def on_sla_risk(session: AsyncSession, envelope: Envelope) -> None:
    event: SlaWarning | SlaBreached = envelope.data
    await projections.request_at_risk(session=session, request_id=event.request_id, project_id=event.project_id,
                                      at=event.occurred_at)


DIRECTORY_HANDLERS = {
    OrganizationRegistered: on_organization_registered,
    UserRegistered: on_user_registered,
    UserRolesChanged: on_user_roles_changed,
    UserDeactivated: on_user_deactivated,
}

REQUEST_PROGRESS_HANDLERS = {
    RequestSubmitted: on_request_submitted,
    RequestRouted: on_request_routed,
    RequestRedirected: on_request_redirected,
    RequestAnswered: on_request_answered,
    RequestWithdrawn: on_request_withdrawn,
    RequestClosed: on_request_closed,
    SlaWarning: on_sla_risk,
    SlaBreached: on_sla_risk,
}
