"""What happens to a request, as far as its SLA clock is concerned.

Why separate: the service layer translates request lifecycle events (RequestRouted,
ClarificationRequested, ClarificationProvided, RequestRedirected, RequestAnswered, RequestWithdrawn)
into these, stores them, and replays them into an SlaClock; they are the clock's only state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from .policy import RedirectRule


class Outcome(StrEnum):
    ANSWERED = "answered"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class Started:
    at: datetime  # the request's registration


@dataclass(frozen=True)
class Paused:
    at: datetime  # a clarification went to the investor


@dataclass(frozen=True)
class Resumed:
    at: datetime


@dataclass(frozen=True)
class Redirected:
    at: datetime
    rule: RedirectRule | None = None  # stamped when it happened; None means the current policy's


@dataclass(frozen=True)
class Stopped:
    at: datetime
    outcome: Outcome = Outcome.ANSWERED


ClockEvent = Started | Paused | Resumed | Redirected | Stopped
