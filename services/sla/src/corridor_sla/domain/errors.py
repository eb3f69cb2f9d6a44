"""Domain errors, each with a stable slug the API maps to an RFC 9457 problem `type`.

Why: operators edit calendars and policies through the API, so a rejected value must come back as
a problem they can act on; the HTTP status is the API layer's choice, not the domain's.
"""

from __future__ import annotations


class SlaError(ValueError):
    """A rule of the sla domain was not met. `detail` is safe to show to the client."""

    slug = "sla-error"
    title = "SLA rule violated"

    def __init__(self, detail: str | None = None) -> None:
        self.detail = detail or self.title
        super().__init__(self.detail)


class InvalidCalendarOverride(SlaError):
    slug, title = "invalid-calendar-override", "The calendar override is not valid"


class InvalidPolicy(SlaError):
    slug, title = "invalid-sla-policy", "The SLA policy is not valid"


class InvalidClockHistory(SlaError):
    slug, title = "invalid-clock-history", "The clock's events do not form a valid history"


class NaiveDateTime(SlaError):
    slug, title = "naive-datetime", "A moment in time must carry its time zone"
