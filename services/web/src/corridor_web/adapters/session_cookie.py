"""The session cookie: the session encrypted and authenticated with Fernet (AES-CBC + HMAC-SHA256).

Why a cookie and not a table: the web app then has no store to run, replicate or migrate, and any
replica serves any request. The tokens inside never reach page scripts (HttpOnly) and cannot be read
or altered by the browser (encrypted and signed). A cookie that fails to decrypt, or is older than
the configured age, is treated as no session at all.
"""

from __future__ import annotations

import base64
import hashlib
import json

from cryptography.fernet import Fernet, InvalidToken

from corridor_web.domain.session import Session

COOKIE_NAME = "gc_session"
MAX_COOKIE_BYTES = 4000  # browsers keep at most ~4 KiB per cookie


class SessionCookie:
    def __init__(self, secret: str, *, max_age_seconds: int) -> None:
        key = base64.urlsafe_b64encode(hashlib.sha256(f"gc-web-session:{secret}".encode()).digest())
        self._fernet = Fernet(key)
        self.max_age_seconds = max_age_seconds

    def encode(self, session: Session) -> str:
        payload = json.dumps(session.as_dict(), separators=(",", ":"), ensure_ascii=False).encode()
        value = self._fernet.encrypt(payload).decode()
        if len(value) > MAX_COOKIE_BYTES:
            # Flash messages are the only part that can grow; drop them rather than lose the session.
            session.flashes = []
            value = self._fernet.encrypt(json.dumps(session.as_dict()).encode()).decode()
        return value

    def decode(self, value: str | None) -> Session | None:
        if not value:
            return None
        try:
            payload = self._fernet.decrypt(value.encode(), ttl=self.max_age_seconds)
            return Session.from_dict(json.loads(payload))
        except (InvalidToken, ValueError, KeyError, TypeError):
            return None
