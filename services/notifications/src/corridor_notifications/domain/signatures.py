"""Webhook signatures: how we sign a delivery, and how a receiver verifies it (docs/webhooks.md).

Scheme (Standard-Webhooks-like): `Webhook-Signature: v1=<hex HMAC-SHA256(secret, "{id}.{timestamp}.{body}")>`
with `Webhook-Id` (the notification id, the same on every retry) and `Webhook-Timestamp` (Unix
seconds of this attempt). The timestamp bounds how long a captured request can be replayed; the id,
remembered for that long, stops a replay inside the window. `verify_webhook` is the receiver's
side, kept here so receivers (and our tests) run exactly the documented check.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass, field

TOLERANCE_SECONDS = 300
SCHEME = "v1"


class WebhookRejected(ValueError):
    """The request must not be processed; `reason` is one of the slugs below."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


def signature(secret: str, *, webhook_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    return f"{SCHEME}={hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()}"


def signed_headers(secret: str, *, webhook_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {"Webhook-Id": webhook_id, "Webhook-Timestamp": str(timestamp),
            "Webhook-Signature": signature(secret, webhook_id=webhook_id, timestamp=timestamp, body=body)}


@dataclass
class ReplayGuard:
    """The ids a receiver accepted in the last tolerance window (older ones fail the timestamp check)."""

    seen: dict[str, int] = field(default_factory=dict)  # id -> timestamp it was accepted with

    def check_and_remember(self, webhook_id: str, *, timestamp: int, now: int) -> None:
        self.seen = {i: t for i, t in self.seen.items() if now - t <= 2 * TOLERANCE_SECONDS}
        if webhook_id in self.seen:
            raise WebhookRejected("replayed", f"webhook id {webhook_id} was already accepted")
        self.seen[webhook_id] = timestamp

    def forget(self, webhook_id: str) -> None:
        """Processing failed after the check: let the sender's retry (same id) through."""
        self.seen.pop(webhook_id, None)


def verify_webhook(secret: str, headers: Mapping[str, str], body: bytes, *, now: int,
                   guard: ReplayGuard, tolerance: int = TOLERANCE_SECONDS) -> str:
    """Check a delivery as a receiver must; returns its id or raises WebhookRejected.

    Order matters: the signature first (so nobody can fill the replay memory with forged ids), then
    the timestamp, then the id.
    """
    lowered = {name.lower(): value for name, value in headers.items()}
    webhook_id = lowered.get("webhook-id", "")
    raw_timestamp = lowered.get("webhook-timestamp", "")
    offered = lowered.get("webhook-signature", "")
    if not webhook_id or not raw_timestamp.isdigit() or not offered:
        raise WebhookRejected("missing-headers", "Webhook-Id, Webhook-Timestamp and Webhook-Signature are required")
    timestamp = int(raw_timestamp)
    expected = signature(secret, webhook_id=webhook_id, timestamp=timestamp, body=body)
    # Several space-separated signatures may be offered (e.g. while a secret is rotated); one must match.
    if not any(hmac.compare_digest(expected, candidate) for candidate in offered.split()):
        raise WebhookRejected("bad-signature", "the signature does not match the body")
    if abs(now - timestamp) > tolerance:
        raise WebhookRejected("stale-timestamp", f"the timestamp is more than {tolerance} s away from now")
    guard.check_and_remember(webhook_id, timestamp=timestamp, now=now)
    return webhook_id
