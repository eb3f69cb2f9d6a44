"""Advancing a clock: announce what became true, and refresh the read model, in one transaction.

Why through the outbox: the read model row and the events that describe it commit together, so the
API never shows a breach nobody will hear of. Why deterministic event ids: the stream worker is
at-least-once, so after a crash it may evaluate the same clock again; the same announcement then gets
the same CloudEvents id, the outbox keeps it once, and consumers' inboxes drop any republication.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_chassis.messaging.outbox import enqueue
from corridor_chassis.messaging.tables import outbox
from corridor_contracts.base import DomainEvent
from corridor_contracts.envelope import Envelope
from corridor_contracts.events.sla import (
    PauseReason, SlaBreached, SlaClockPaused, SlaClockResumed, SlaClockStarted, SlaEscalated, SlaMet, SlaWarning,
)
from corridor_contracts.vocabulary import Role
from corridor_sla.adapters import repositories
from corridor_sla.domain.escalation import EscalationRole
from corridor_sla.domain.rules import SlaRules
from corridor_sla.domain.tracking import Announcement, Evaluation, Kind, TrackedClock, evaluate

SOURCE = "/green-corridor/sla"
EVENT_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:green-corridor:sla:clock-events")
_MINUTE = timedelta(minutes=1)


@dataclass(frozen=True)
class EscalationTargets:
    """Who each level of the chain addresses: the responsible body's head, then the agency's people.

    Level 1 names the recipient organisation with the role organization_head; notifications resolves
    it to that body's heads (its officials when it has none registered).
    """

    agency_organization_id: uuid.UUID

    def target(self, role: EscalationRole, recipient: uuid.UUID) -> tuple[uuid.UUID, Role]:
        match role:
            case EscalationRole.RESPONSIBLE_ORGANISATION_HEAD:
                return recipient, Role.ORGANIZATION_HEAD
            case EscalationRole.PROJECT_MANAGER:
                return self.agency_organization_id, Role.MANAGER
        return self.agency_organization_id, Role.AGENCY_HEAD


def event_id(request_id: str, announcement_key: str) -> str:
    """The CloudEvents id of an announcement: the same every time the same fact is announced."""
    return str(uuid.uuid5(EVENT_ID_NAMESPACE, f"{request_id}/{announcement_key}"))


async def advance_clock(session: AsyncSession, *, tracked: TrackedClock, rules: SlaRules, at: datetime,
                        targets: EscalationTargets, now: datetime) -> TrackedClock:
    """Announce everything true of the clock by `at`, refresh its read-model row; return the new record."""
    evaluation = evaluate(tracked, rules, at)
    if evaluation.state is None:
        return evaluation.tracked  # submitted but not routed: there is no clock yet
    envelopes = [Envelope(data=_event(evaluation, announcement, rules, targets), source=SOURCE,
                          id=event_id(tracked.request_id, announcement.key))
                 for announcement in evaluation.announcements]
    await _enqueue_once(session, envelopes)
    await repositories.save_clock(session, evaluation.tracked, evaluation.state, now=now)
    return evaluation.tracked


async def _enqueue_once(session: AsyncSession, envelopes: Sequence[Envelope]) -> None:
    if not envelopes:
        return
    known = set((await session.execute(
        select(outbox.c.event_id).where(outbox.c.event_id.in_([e.id for e in envelopes])))).scalars())
    for envelope in envelopes:
        if envelope.id not in known:
            await enqueue(session, envelope)


def _event(evaluation: Evaluation, announcement: Announcement, rules: SlaRules,
           targets: EscalationTargets) -> DomainEvent:
    tracked = evaluation.tracked
    recipient = uuid.UUID(tracked.recipient_organization_id)
    common = {"occurred_at": announcement.at, "request_id": uuid.UUID(tracked.request_id),
              "project_id": uuid.UUID(tracked.project_id), "recipient_organization_id": recipient}
    elapsed = announcement.consumed // _MINUTE
    match announcement.kind:
        case Kind.STARTED:
            policy = tracked.policy(rules)
            return SlaClockStarted(**common, request_type_code=tracked.request_type, policy_code=policy.code,
                                   target_working_days=policy.target_working_days,
                                   starts_on=announcement.starts_on, due_on=announcement.due_on)
        case Kind.PAUSED:
            return SlaClockPaused(**common, reason=PauseReason.AWAITING_INVESTOR, elapsed_working_minutes=elapsed)
        case Kind.RESUMED:
            return SlaClockResumed(**common, due_on=announcement.due_on, elapsed_working_minutes=elapsed)
        case Kind.WARNING:
            return SlaWarning(**common, percent_elapsed=announcement.percent_elapsed, due_on=announcement.due_on,
                              remaining_working_minutes=max(announcement.remaining, timedelta(0)) // _MINUTE)
        case Kind.BREACHED:
            return SlaBreached(**common, due_on=announcement.due_on, elapsed_working_minutes=elapsed)
        case Kind.MET:
            return SlaMet(**common, due_on=announcement.due_on, elapsed_working_minutes=elapsed)
    step = announcement.escalation
    organization, role = targets.target(step.role, recipient)
    return SlaEscalated(**common, level=step.level, escalated_to_organization_id=organization,
                        escalated_to_role=role, due_on=announcement.due_on)
