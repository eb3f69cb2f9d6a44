"""The request's lifecycle: which step may follow which, as one table.

Why: HTTP (officials and investors in their cabinets) and Kafka (supplier systems) drive the same
requests, so the legal moves live in one place and both paths ask it. A move the table does not
allow is an IllegalTransition (409), never a silent no-op.

    submitted → routed → accepted ⇄ clarification_requested
                  ↑ redirect/reroute ↓
                accepted → answered → closed
    withdrawn: by the investor from any state before the answer.
"""

from __future__ import annotations

from enum import StrEnum

from .errors import IllegalTransition


class RequestStatus(StrEnum):
    SUBMITTED = "submitted"
    ROUTED = "routed"
    ACCEPTED = "accepted"
    CLARIFICATION_REQUESTED = "clarification_requested"
    ANSWERED = "answered"
    WITHDRAWN = "withdrawn"
    CLOSED = "closed"


class Step(StrEnum):
    """Everything that can happen to a request; each is recorded with who and when."""

    SUBMIT = "submit"
    ROUTE = "route"
    ACCEPT = "accept"
    REQUEST_CLARIFICATION = "request_clarification"
    PROVIDE_CLARIFICATION = "provide_clarification"
    REDIRECT = "redirect"  # the recipient says it belongs elsewhere
    REROUTE = "reroute"  # the project's manager moves it
    ANSWER = "answer"
    WITHDRAW = "withdraw"
    CLOSE = "close"  # the investor (or manager) takes note of the answer
    CLOSE_WITH_PROJECT = "close_with_project"  # the project's support ended with the request open


_S = RequestStatus
OPEN = frozenset({_S.ROUTED, _S.ACCEPTED, _S.CLARIFICATION_REQUESTED})
TERMINAL = frozenset({_S.WITHDRAWN, _S.CLOSED})

TRANSITIONS: dict[Step, tuple[frozenset[RequestStatus], RequestStatus]] = {
    Step.SUBMIT: (frozenset(), _S.SUBMITTED),
    Step.ROUTE: (frozenset({_S.SUBMITTED}), _S.ROUTED),
    Step.ACCEPT: (frozenset({_S.ROUTED}), _S.ACCEPTED),
    Step.REQUEST_CLARIFICATION: (frozenset({_S.ACCEPTED}), _S.CLARIFICATION_REQUESTED),
    Step.PROVIDE_CLARIFICATION: (frozenset({_S.CLARIFICATION_REQUESTED}), _S.ACCEPTED),
    # Not while a question is with the investor: the new recipient would inherit a question it never asked.
    Step.REDIRECT: (frozenset({_S.ROUTED, _S.ACCEPTED}), _S.ROUTED),
    Step.REROUTE: (frozenset({_S.ROUTED, _S.ACCEPTED}), _S.ROUTED),
    Step.ANSWER: (frozenset({_S.ACCEPTED}), _S.ANSWERED),
    Step.WITHDRAW: (frozenset({_S.SUBMITTED, *OPEN}), _S.WITHDRAWN),
    Step.CLOSE: (frozenset({_S.ANSWERED}), _S.CLOSED),
    Step.CLOSE_WITH_PROJECT: (frozenset({_S.SUBMITTED, *OPEN, _S.ANSWERED}), _S.CLOSED),
}


def next_status(current: RequestStatus | None, step: Step) -> RequestStatus:
    """The status after `step`, or IllegalTransition if `step` may not follow `current`."""
    allowed, target = TRANSITIONS[step]
    if current is None and step is Step.SUBMIT:
        return target
    if current not in allowed:
        expected = ", ".join(sorted(allowed)) or "nothing"
        raise IllegalTransition(f"cannot {step.value.replace('_', ' ')} a request that is {current}; "
                                f"it must be {expected}", current_status=str(current), step=step.value)
    return target
