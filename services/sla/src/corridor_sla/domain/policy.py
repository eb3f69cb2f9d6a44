"""SLA policies: how long a request type may take, when to warn, what a redirect does to the clock.

Why data: the agency tunes targets (3–7 working days by the regional standard) per named policy —
the one a request type names in the requests catalogue, e.g. supplier-7wd — or per request type, and
a change applies to open clocks by recomputation, so a policy is a plain value the clock reads.

Redirect rules, when a request moves to another organisation:
- CONTINUE (the default): the clock keeps running with the time already used and the due date does
  not move. The term is the corridor's promise to the investor, and a misrouted request is the
  corridor's fault, not the investor's; restarting would let a chain of redirects stretch the
  investor's wait without limit (service-desk users ask for exactly this: keep accumulated time when
  a ticket moves to another team). The receiving organisation answers in the time left, and the
  escalation chain exists for when that is too short.
- RESTART: used time is dropped and a fresh full term counts from the working day after the redirect,
  as if the request were registered with the new organisation that day — for request types whose
  regulation gives the receiving body its own full term. It begins a new clock cycle: an earlier
  breach no longer stands, and warnings and escalations start over.
The rule in force when the redirect happened is stamped on the event (see clock.Redirected), so a
later policy change never rewrites accumulated time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from .errors import InvalidPolicy

MIN_TARGET_WORKING_DAYS, MAX_TARGET_WORKING_DAYS = 1, 30
DEFAULT_TARGET_WORKING_DAYS = 5


class RedirectRule(StrEnum):
    CONTINUE = "continue"
    RESTART = "restart"


@dataclass(frozen=True)
class SlaPolicy:
    """`warn_at`: fractions of the term after which a warning fires (0.5 = half the time used).

    `warn_on_last_day`: also warn when one working day remains — at 00:00 of the last working day
    unless a part-day pause shifted the deadline into the middle of a day.
    """

    code: str
    target_working_days: int = DEFAULT_TARGET_WORKING_DAYS
    warn_at: tuple[float, ...] = (0.5, 0.8)
    warn_on_last_day: bool = True
    redirect_rule: RedirectRule = RedirectRule.CONTINUE

    def __post_init__(self) -> None:
        if not self.code:
            raise InvalidPolicy("a policy needs a code")
        if not MIN_TARGET_WORKING_DAYS <= self.target_working_days <= MAX_TARGET_WORKING_DAYS:
            raise InvalidPolicy(f"the target must be {MIN_TARGET_WORKING_DAYS}–{MAX_TARGET_WORKING_DAYS} "
                                f"working days, not {self.target_working_days}")
        if any(not 0 < fraction < 1 for fraction in self.warn_at):
            raise InvalidPolicy("warnings fire strictly between the start and the deadline (0 < fraction < 1)")
        object.__setattr__(self, "warn_at", tuple(sorted(set(self.warn_at))))
        try:
            object.__setattr__(self, "redirect_rule", RedirectRule(self.redirect_rule))
        except ValueError:
            raise InvalidPolicy(f"unknown redirect rule {self.redirect_rule!r}") from None

    @property
    def target(self) -> timedelta:
        return timedelta(days=self.target_working_days)
