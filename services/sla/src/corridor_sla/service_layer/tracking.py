"""From request lifecycle events to clock history: the only way a clock learns what happened.

Why here: this is the translation from the requests service's published facts to the sla domain's
clock events, the place that records which named policy the request type names (`sla_policy_code`),
and the place that stamps the redirect rule in force, so that a later policy change never rewrites
the time a redirected request has already used.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from corridor_contracts.envelope import Envelope
from corridor_contracts.events.requests import (
    ClarificationProvided, ClarificationRequested, RequestAnswered, RequestClosed, RequestOutcome, RequestRedirected,
    RequestRouted, RequestSubmitted, RequestWithdrawn,
)
from corridor_sla.domain.errors import InvalidClockHistory
from corridor_sla.domain.events import ClockEvent, Outcome, Paused, Redirected, Resumed, Started, Stopped
from corridor_sla.domain.rules import SlaRules
from corridor_sla.domain.tracking import TrackedClock

log = logging.getLogger(__name__)

TRACKED_EVENTS = (RequestSubmitted, RequestRouted, ClarificationRequested, ClarificationProvided, RequestRedirected,
                  RequestAnswered, RequestWithdrawn, RequestClosed)


def track(tracked: TrackedClock | None, envelope: Envelope, rules: SlaRules) -> TrackedClock:
    """The record with `envelope` applied; unchanged (but for the event id) when it cannot apply."""
    event = envelope.data
    if tracked is None:
        tracked = TrackedClock(request_id=str(event.request_id), project_id=str(event.project_id))
    if tracked.has_applied(envelope.id):
        return tracked
    match event:
        case RequestSubmitted():
            return tracked.applying(envelope.id, registered_at=event.registered_at,
                                    request_type=event.request_type_code,
                                    policy_code=event.sla_policy_code or tracked.policy_code,
                                    investor_organization_id=str(event.investor_organization_id))
        case RequestRouted() if not tracked.started:
            return tracked.applying(
                envelope.id, events=(Started(tracked.registered_at or event.occurred_at),),
                routed_at=event.occurred_at, request_type=event.request_type_code,
                policy_code=event.sla_policy_code or tracked.policy_code,
                investor_organization_id=str(event.investor_organization_id),
                recipient_organization_id=str(event.recipient_organization_id))
        case RequestRedirected():
            rule = tracked.policy(rules).redirect_rule
            return _append(tracked, envelope, Redirected(event.occurred_at, rule), rules,
                           recipient_organization_id=str(event.to_organization_id))
    clock_event = _clock_event(event)
    if clock_event is None:
        log.info("%s of request %s changes no clock", type(event).__name__, tracked.request_id)
        return tracked.applying(envelope.id)
    return _append(tracked, envelope, clock_event, rules)


def _clock_event(event: object) -> ClockEvent | None:
    match event:
        case ClarificationRequested():
            return Paused(event.occurred_at)
        case ClarificationProvided():
            return Resumed(event.occurred_at)
        case RequestAnswered():
            return Stopped(event.occurred_at, Outcome.ANSWERED)
        case RequestWithdrawn():
            return Stopped(event.occurred_at, Outcome.WITHDRAWN)
        case RequestClosed() if event.outcome is RequestOutcome.PROJECT_CLOSED:
            return Stopped(event.occurred_at, Outcome.WITHDRAWN)  # closed with the project: no verdict
    return None  # a second routing, or a closing that follows the answer or withdrawal


def _append(tracked: TrackedClock, envelope: Envelope, event: ClockEvent, rules: SlaRules,
            **changes: object) -> TrackedClock:
    if not tracked.started:
        log.warning("ignoring %s for request %s: it was never routed", type(event).__name__, tracked.request_id)
        return tracked.applying(envelope.id)
    candidate = replace(tracked, events=(*tracked.events, event))
    try:
        candidate.clock(rules)
    except InvalidClockHistory as exc:
        log.warning("ignoring %s for request %s: %s", type(event).__name__, tracked.request_id, exc.detail)
        return tracked.applying(envelope.id)
    return candidate.applying(envelope.id, **changes)
