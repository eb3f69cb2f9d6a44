"""How a TrackedClock is written down: plain JSON, the same in the faust table and in the read model.

Why JSON and not pickle: the changelog topic outlives the code that wrote it, so a record must be
readable by the next release (unknown keys are ignored, missing ones take their defaults).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from corridor_sla.domain.clock import ClockState, ClockStatus
from corridor_sla.domain.events import ClockEvent, Outcome, Paused, Redirected, Resumed, Started, Stopped
from corridor_sla.domain.policy import RedirectRule
from corridor_sla.domain.tracking import TrackedClock

_EVENT_KINDS: dict[str, type] = {"started": Started, "paused": Paused, "resumed": Resumed,
                                 "redirected": Redirected, "stopped": Stopped}
_KIND_OF = {cls: kind for kind, cls in _EVENT_KINDS.items()}


def event_to_json(event: ClockEvent) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": _KIND_OF[type(event)], "at": event.at.isoformat()}
    if isinstance(event, Redirected) and event.rule is not None:
        data["rule"] = event.rule.value
    if isinstance(event, Stopped):
        data["outcome"] = event.outcome.value
    return data


def event_from_json(data: dict[str, Any]) -> ClockEvent:
    at = datetime.fromisoformat(data["at"])
    match data["kind"]:
        case "redirected":
            return Redirected(at, RedirectRule(data["rule"]) if data.get("rule") else None)
        case "stopped":
            return Stopped(at, Outcome(data.get("outcome", Outcome.ANSWERED)))
        case kind:
            return _EVENT_KINDS[kind](at)


def tracked_to_json(tracked: TrackedClock) -> dict[str, Any]:
    return {
        "request_id": tracked.request_id,
        "project_id": tracked.project_id,
        "request_type": tracked.request_type,
        "policy_code": tracked.policy_code,
        "investor_organization_id": tracked.investor_organization_id,
        "recipient_organization_id": tracked.recipient_organization_id,
        "registered_at": _iso(tracked.registered_at),
        "routed_at": _iso(tracked.routed_at),
        "events": [event_to_json(event) for event in tracked.events],
        "announced": sorted(tracked.announced),
        "applied_event_ids": list(tracked.applied_event_ids),
        "next_check_at": _iso(tracked.next_check_at),
        "verdict": None if tracked.verdict is None else state_to_json(tracked.verdict),
    }


def tracked_from_json(data: dict[str, Any]) -> TrackedClock:
    return TrackedClock(
        request_id=data["request_id"],
        project_id=data["project_id"],
        request_type=data.get("request_type"),
        policy_code=data.get("policy_code"),  # absent from records written before it was tracked
        investor_organization_id=data.get("investor_organization_id"),
        recipient_organization_id=data.get("recipient_organization_id"),
        registered_at=_moment(data.get("registered_at")),
        routed_at=_moment(data.get("routed_at")),
        events=tuple(event_from_json(event) for event in data.get("events", ())),
        announced=frozenset(data.get("announced", ())),
        applied_event_ids=tuple(data.get("applied_event_ids", ())),
        next_check_at=_moment(data.get("next_check_at")),
        verdict=state_from_json(data["verdict"]) if data.get("verdict") else None,
    )


def state_to_json(state: ClockState) -> dict[str, Any]:
    return {"status": state.status.value, "cycle": state.cycle, "registered_at": state.registered_at.isoformat(),
            "counting_starts_at": state.counting_starts_at.isoformat(), "deadline": state.deadline.isoformat(),
            "due_date": state.due_date.isoformat(), "consumed_seconds": state.consumed.total_seconds(),
            "remaining_seconds": state.remaining.total_seconds(), "breached_at": _iso(state.breached_at),
            "closed_at": _iso(state.closed_at), "outcome": None if state.outcome is None else state.outcome.value}


def state_from_json(data: dict[str, Any]) -> ClockState:
    return ClockState(
        status=ClockStatus(data["status"]), cycle=data["cycle"], registered_at=_moment(data["registered_at"]),
        counting_starts_at=_moment(data["counting_starts_at"]), deadline=_moment(data["deadline"]),
        due_date=date.fromisoformat(data["due_date"]), consumed=timedelta(seconds=data["consumed_seconds"]),
        remaining=timedelta(seconds=data["remaining_seconds"]), breached_at=_moment(data["breached_at"]),
        closed_at=_moment(data["closed_at"]), outcome=Outcome(data["outcome"]) if data["outcome"] else None)


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _moment(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)
