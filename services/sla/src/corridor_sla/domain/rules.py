"""The rules in force: one calendar and the policies a clock may run under.

Why one value: a clock is only meaningful against a calendar and a policy, and recomputation
compares two such sets of rules; bundling them keeps "which policy applies" in one place.

Which policy: the agency's policy for the request type itself (an override, set per type through
the API) wins; otherwise the named policy the request's type names in the requests catalogue
(`sla_policy_code` on the request events, e.g. supplier-7wd); otherwise the default. A code the
service does not know falls through to the default rather than stopping the clock.
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
    policies: Mapping[str, SlaPolicy] = field(default_factory=dict)  # overrides, by request type code
    named_policies: Mapping[str, SlaPolicy] = field(default_factory=dict)  # by policy code

    def policy_for(self, request_type: str, policy_code: str | None = None) -> SlaPolicy:
        if (override := self.policies.get(request_type)) is not None:
            return override
        if policy_code is not None and (named := self.named_policies.get(policy_code)) is not None:
            return named
        return self.default_policy

    def clock(self, request_type: str, events: Sequence[ClockEvent], policy_code: str | None = None) -> SlaClock:
        """Replay a clock: how the service recovers every open clock after a restart."""
        return SlaClock(events, self.policy_for(request_type, policy_code), self.calendar)
