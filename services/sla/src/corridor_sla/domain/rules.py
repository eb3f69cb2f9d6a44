"""The rules in force: one calendar and a policy per request type.

Why one value: a clock is only meaningful against a calendar and a policy, and recomputation
compares two such sets of rules; bundling them keeps "which policy applies" in one place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .calendar import ProductionCalendar
from .clock import SlaClock
from .events import ClockEvent
from .policy import SlaPolicy


@dataclass(frozen=True)
class SlaRules:
    calendar: ProductionCalendar
    default_policy: SlaPolicy
    policies: Mapping[str, SlaPolicy] = field(default_factory=dict)  # by request type code

    def policy_for(self, request_type: str) -> SlaPolicy:
        return self.policies.get(request_type, self.default_policy)

    def clock(self, request_type: str, events: Sequence[ClockEvent]) -> SlaClock:
        """Replay a clock: how the service recovers every open clock after a restart."""
        return SlaClock(events, self.policy_for(request_type), self.calendar)
