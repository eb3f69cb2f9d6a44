"""Opaque secrets (refresh tokens, invitation links, client secrets) and how they are stored.

Why: the store must never hold a secret that works if the store leaks. These secrets carry 256
random bits, so a plain SHA-256 is enough to make the stored form useless and still lets the service
find a row by the hash of what the client presents; a slow password hash would add nothing here.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

SECRET_BYTES = 32


def new_opaque_token() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


def hash_opaque_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def opaque_token_matches(raw: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_opaque_token(raw), stored_hash)
