"""When to try a failed delivery again, and when to give up on it.

Why full jitter: after an outage many deliveries fail together; retrying each after a random delay
between zero and an exponentially growing ceiling spreads them out instead of hammering a recovering
SMTP server or webhook endpoint in waves (the "full jitter" of AWS's backoff study).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int
    base_seconds: float
    cap_seconds: float

    def ceiling(self, attempts: int) -> float:
        """The longest wait after the `attempts`-th failure: base, 2×base, 4×base, … up to the cap."""
        return min(self.cap_seconds, self.base_seconds * 2 ** (attempts - 1))

    def next_attempt_at(self, *, attempts: int, now: datetime, random: Callable[[], float]) -> datetime | None:
        """When to try again after `attempts` failed attempts; None means dead-letter it now."""
        if attempts >= self.max_attempts:
            return None
        return now + timedelta(seconds=random() * self.ceiling(attempts))
