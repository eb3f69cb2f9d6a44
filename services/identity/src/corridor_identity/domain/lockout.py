"""Login throttling: lock a key after repeated failures within a sliding window, longer each time.

Why: online guessing must become slow without locking people out for long. Two keys are tracked:
the account, keyed by the normalised e-mail as typed (so an unknown e-mail locks exactly like a
known one and the answer reveals nothing), and the client IP, with a higher threshold because many
officials share one office address. The state is a plain value the service stores between logins.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from .errors import AccountLocked, LoginThrottled


@dataclass(frozen=True)
class ThrottlePolicy:
    max_failures: int
    window: timedelta
    lock_for: timedelta
    max_lock: timedelta
    # After this long without a lock, earlier lockouts no longer lengthen the next one.
    forget_after: timedelta = timedelta(hours=24)


ACCOUNT_POLICY = ThrottlePolicy(max_failures=5, window=timedelta(minutes=15), lock_for=timedelta(minutes=15),
                                max_lock=timedelta(hours=24))
CLIENT_IP_POLICY = ThrottlePolicy(max_failures=30, window=timedelta(minutes=15),
                                  lock_for=timedelta(minutes=15), max_lock=timedelta(hours=6))


@dataclass(frozen=True)
class FailureRecord:
    """Recent failures of one key: an account (e-mail) or a client IP."""

    failures: tuple[datetime, ...] = ()
    locked_until: datetime | None = None
    lockouts: int = 0

    def retry_after(self, now: datetime) -> timedelta | None:
        if self.locked_until is not None and now < self.locked_until:
            return self.locked_until - now
        return None


@dataclass(frozen=True)
class FailureRecorded:
    record: FailureRecord
    locked_out: bool


def record_failure(record: FailureRecord, policy: ThrottlePolicy, *, now: datetime) -> FailureRecorded:
    """Count a failed login; the `max_failures`-th within `window` starts a lock."""
    if record.retry_after(now):
        return FailureRecorded(record, locked_out=False)
    lockouts = record.lockouts
    if record.locked_until is not None and now - record.locked_until > policy.forget_after:
        lockouts = 0
    failures = tuple(t for t in record.failures if now - t < policy.window) + (now,)
    if len(failures) < policy.max_failures:
        return FailureRecorded(replace(record, failures=failures, lockouts=lockouts), locked_out=False)
    lock = min(policy.lock_for * 2**lockouts, policy.max_lock)
    return FailureRecorded(FailureRecord(failures=(), locked_until=now + lock, lockouts=lockouts + 1),
                           locked_out=True)


def record_success() -> FailureRecord:
    """Forget an account's failures after a correct password.

    Never call it for a client IP: one valid account must not reset an address's count of guesses
    against other accounts.
    """
    return FailureRecord()


def ensure_login_allowed(*, account: FailureRecord, client: FailureRecord, now: datetime) -> None:
    """Raise before the password is even checked, so a locked key costs no hashing."""
    if wait := account.retry_after(now):
        raise AccountLocked(wait)
    if wait := client.retry_after(now):
        raise LoginThrottled(wait)
