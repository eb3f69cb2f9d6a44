"""The documented receiver check (docs/webhooks.md): signature, timestamp window, replay memory."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from corridor_notifications.domain.signatures import ReplayGuard, WebhookRejected, signed_headers, verify_webhook

SECRET = "whsec_test-secret"
NOW = 1_773_650_000
BODY = '{"id":"n-1","type":"request-answered","data":{"text":"Ответ"}}'.encode()


def headers(body: bytes = BODY, *, webhook_id: str = "n-1", timestamp: int = NOW, secret: str = SECRET) -> dict:
    return signed_headers(secret, webhook_id=webhook_id, timestamp=timestamp, body=body)


def rejection(**kwargs) -> str:
    defaults = {"secret": SECRET, "headers": headers(), "body": BODY, "now": NOW, "guard": ReplayGuard()}
    with pytest.raises(WebhookRejected) as caught:
        verify_webhook(**(defaults | kwargs))
    return caught.value.reason


def test_the_signature_is_hex_hmac_sha256_over_id_timestamp_and_body() -> None:
    expected = hmac.new(SECRET.encode(), b"n-1.%d." % NOW + BODY, hashlib.sha256).hexdigest()
    assert headers() == {"Webhook-Id": "n-1", "Webhook-Timestamp": str(NOW), "Webhook-Signature": f"v1={expected}"}


def test_a_genuine_delivery_verifies_and_its_id_is_returned() -> None:
    assert verify_webhook(SECRET, headers(), BODY, now=NOW + 10, guard=ReplayGuard()) == "n-1"


def test_header_names_are_case_insensitive_as_in_http() -> None:
    lowered = {name.lower(): value for name, value in headers().items()}
    assert verify_webhook(SECRET, lowered, BODY, now=NOW, guard=ReplayGuard()) == "n-1"


def test_a_tampered_body_a_wrong_secret_or_a_changed_id_fail_the_signature() -> None:
    assert rejection(body=BODY.replace("Ответ".encode(), "Отказ".encode())) == "bad-signature"
    assert rejection(secret="whsec_other") == "bad-signature"
    assert rejection(headers=headers() | {"Webhook-Id": "n-2"}) == "bad-signature"
    assert rejection(headers=headers() | {"Webhook-Timestamp": str(NOW + 1)}) == "bad-signature"


def test_a_timestamp_outside_five_minutes_is_refused_even_when_signed() -> None:
    assert rejection(now=NOW + 301) == "stale-timestamp"
    assert rejection(now=NOW - 301) == "stale-timestamp"
    assert verify_webhook(SECRET, headers(), BODY, now=NOW + 300, guard=ReplayGuard()) == "n-1"


def test_a_replayed_id_is_refused_inside_the_window() -> None:
    guard = ReplayGuard()
    verify_webhook(SECRET, headers(), BODY, now=NOW, guard=guard)
    assert rejection(guard=guard, now=NOW + 5) == "replayed"


def test_a_forgotten_id_lets_the_senders_retry_through_after_processing_failed() -> None:
    guard = ReplayGuard()
    verify_webhook(SECRET, headers(), BODY, now=NOW, guard=guard)
    guard.forget("n-1")
    retry = headers(timestamp=NOW + 60)
    assert verify_webhook(SECRET, retry, BODY, now=NOW + 60, guard=guard) == "n-1"


def test_the_replay_memory_only_keeps_ids_the_timestamp_check_does_not_already_refuse() -> None:
    guard = ReplayGuard()
    verify_webhook(SECRET, headers(webhook_id="old"), BODY, now=NOW, guard=guard)
    verify_webhook(SECRET, headers(webhook_id="new", timestamp=NOW + 700), BODY, now=NOW + 700, guard=guard)
    assert set(guard.seen) == {"new"}


def test_missing_headers_are_refused_and_one_of_several_offered_signatures_may_match() -> None:
    assert rejection(headers={"Webhook-Id": "n-1"}) == "missing-headers"
    assert rejection(headers=headers() | {"Webhook-Timestamp": "soon"}) == "missing-headers"
    rotated = headers() | {"Webhook-Signature": f"v1=deadbeef {headers()['Webhook-Signature']}"}
    assert verify_webhook(SECRET, rotated, BODY, now=NOW, guard=ReplayGuard()) == "n-1"
