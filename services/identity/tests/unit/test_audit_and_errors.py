"""Security events are recorded without secrets; every domain error has a stable slug."""

from __future__ import annotations

import pytest

from corridor_identity.domain import errors
from corridor_identity.domain.audit import AuditEvent, AuditEventKind


def test_the_issue_s_security_events_can_be_recorded():
    assert {
        "login_succeeded", "login_failed", "locked_out", "token_refreshed", "refresh_reuse_detected", "logout",
        "user_deactivated", "key_rotated", "invitation_sent", "invitation_accepted",
    } <= {kind.value for kind in AuditEventKind}


def test_a_failed_login_records_the_address_typed_and_where_from(now):
    event = AuditEvent(AuditEventKind.LOGIN_FAILED, now, email="nobody@example.ru", client_ip="203.0.113.7")
    assert (event.actor, event.email, event.client_ip) == (None, "nobody@example.ru", "203.0.113.7")
    assert not event.is_alert


def test_token_reuse_and_lockouts_are_alerts(now):
    assert AuditEvent(AuditEventKind.REFRESH_REUSE_DETECTED, now, subject="user-1").is_alert
    assert AuditEvent(AuditEventKind.LOCKED_OUT, now, email="x@example.ru").is_alert


@pytest.mark.parametrize("key", ["password", "new_password", "client_secret", "refresh_token", "token",
                                 "password_hash", "Access_Token"])
def test_an_event_refuses_details_that_look_like_secrets(now, key):
    with pytest.raises(ValueError, match="secrets"):
        AuditEvent(AuditEventKind.LOGOUT, now, details={key: "…"})


def test_an_event_keeps_harmless_details(now):
    event = AuditEvent(AuditEventKind.KEY_ROTATED, now, details={"kid": "abc", "token_id": "j-1"})
    assert event.details == {"kid": "abc", "token_id": "j-1"}


def all_errors(base=errors.IdentityError):
    for cls in base.__subclasses__():
        yield cls
        yield from all_errors(cls)


def test_error_slugs_are_the_published_problem_types():
    assert sorted(cls.slug for cls in all_errors()) == sorted([
        "invalid-inn", "invalid-ogrn", "invalid-kpp", "invalid-short-code", "unknown-municipality",
        "invalid-organization", "invalid-email", "invalid-user", "role-not-allowed",
        "role-without-companion", "not-permitted",
        "weak-password", "invalid-credentials", "login-throttled", "account-locked", "invalid-refresh-token",
        "refresh-token-reused", "invalid-invitation", "invalid-client", "already-deactivated",
    ])


def test_an_error_without_detail_explains_itself_with_its_title():
    assert errors.InvalidCredentials().detail == "The e-mail or password is wrong"
    assert errors.InvalidInn("INN must have 10 digits").detail == "INN must have 10 digits"
