"""Audit records of security events: who, what, when, from where — and never a secret.

Why: locking out, token reuse and key rotation must be traceable after the fact. An event names
its kind from a fixed list, so reports can count them, and refuses details that look like secrets,
so an audit log can never leak a password or a token.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class AuditEventKind(StrEnum):
    LOGIN_SUCCEEDED = "login_succeeded"
    LOGIN_FAILED = "login_failed"
    LOCKED_OUT = "locked_out"
    TOKEN_REFRESHED = "token_refreshed"
    REFRESH_REUSE_DETECTED = "refresh_reuse_detected"
    LOGOUT = "logout"
    USER_REGISTERED = "user_registered"
    REGISTRATION_WITH_TAKEN_EMAIL = "registration_with_taken_email"
    ROLES_CHANGED = "roles_changed"
    USER_DEACTIVATED = "user_deactivated"
    ORGANIZATION_REGISTERED = "organization_registered"
    KEYS_CREATED = "keys_created"
    KEY_ROTATED = "key_rotated"
    INVITATION_SENT = "invitation_sent"
    INVITATION_ACCEPTED = "invitation_accepted"
    SERVICE_ACCOUNT_CREATED = "service_account_created"
    SERVICE_ACCOUNT_DEACTIVATED = "service_account_deactivated"
    CLIENT_AUTHENTICATED = "client_authenticated"
    CLIENT_AUTHENTICATION_FAILED = "client_authentication_failed"


# Events an operator should be alerted to, not merely able to find.
ALERTS = frozenset({AuditEventKind.LOCKED_OUT, AuditEventKind.REFRESH_REUSE_DETECTED})
# "token_id" names a token; "refresh_token" or "password_hash" would be one.
_SECRET_KEY = re.compile(r"password|secret|hash|(?:^|_)token$")


@dataclass(frozen=True)
class AuditEvent:
    kind: AuditEventKind
    occurred_at: datetime
    actor: str | None = None  # who acted: a user id or client id; None when not (yet) known
    subject: str | None = None  # whose account or which key the event concerns
    email: str | None = None  # as typed at login, so failures against unknown addresses are traceable
    client_ip: str | None = None
    details: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if suspicious := [key for key in self.details if _SECRET_KEY.search(key.lower())]:
            raise ValueError(f"audit details must not carry secrets: {', '.join(suspicious)}")

    @property
    def is_alert(self) -> bool:
        return self.kind in ALERTS
