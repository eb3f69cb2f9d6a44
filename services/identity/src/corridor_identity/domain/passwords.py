"""Password hashing (argon2id) and the password policy.

Why: a stolen user table must not yield passwords, and a login must not reveal whether an e-mail is
registered. `verify_dummy` spends the same work as a real check, so the service calls it for an
unknown e-mail (or a user without a password yet) and the answer takes as long as for a known one.
The policy follows NIST SP 800-63B: length and a deny list, no composition rules.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher, Type, profiles
from argon2.exceptions import VerificationError

from .errors import WeakPassword


class PasswordHashing:
    """argon2id with RFC 9106's low-memory profile unless a (test) hasher is given."""

    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self._hasher = hasher or PasswordHasher.from_parameters(profiles.RFC_9106_LOW_MEMORY)
        if self._hasher.type is not Type.ID:
            raise ValueError("passwords are hashed with argon2id only")
        self._dummy_hash = self._hasher.hash(secrets.token_urlsafe(16))

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, stored_hash: str, password: str) -> bool:
        # A malformed stored hash (InvalidHashError) is a data fault, not a wrong password: let it raise.
        try:
            return self._hasher.verify(stored_hash, password)
        except VerificationError:
            return False

    def needs_rehash(self, stored_hash: str) -> bool:
        """True when the hash was made with other parameters; rehash after a successful login."""
        return self._hasher.check_needs_rehash(stored_hash)

    def verify_dummy(self, password: str) -> None:
        self.verify(self._dummy_hash, password)


# Lower-case; the most frequent long passwords in public leak lists, Latin and Cyrillic keyboards.
COMMON_PASSWORDS = frozenset({
    "1234567890", "0123456789", "12345678910", "123456789a", "1q2w3e4r5t", "1qaz2wsx3edc",
    "qwertyuiop", "qwerty1234", "qwerty12345", "password12", "password123", "password1234",
    "iloveyou12", "zaq12wsxcv", "asdfghjkl1", "qazwsxedcr", "йцукенгшщз", "йцукен1234",
    "пароль1234", "пароль12345", "1111111111", "0987654321", "abcdef1234", "administrator",
})


@dataclass(frozen=True)
class PasswordPolicy:
    min_length: int = 10
    # Long enough for any passphrase, short enough that nobody posts megabytes to the hasher.
    max_length: int = 128
    min_distinct_characters: int = 4

    def check(self, password: str, *, email: str | None = None) -> None:
        """Raise WeakPassword listing every reason the password is refused."""
        reasons: list[str] = []
        lowered = password.casefold()
        if len(password) < self.min_length:
            reasons.append("too-short")
        if len(password) > self.max_length:
            reasons.append("too-long")
        if len(set(lowered)) < self.min_distinct_characters:
            reasons.append("too-repetitive")
        if lowered in COMMON_PASSWORDS:
            reasons.append("too-common")
        if email and _resembles_email(lowered, email.casefold()):
            reasons.append("contains-email")
        if reasons:
            raise WeakPassword(tuple(reasons))


def _resembles_email(password: str, email: str) -> bool:
    local_part = email.split("@", 1)[0]
    # Very short local parts ("a@…") would refuse too many good passwords.
    return password == email or (len(local_part) >= 4 and local_part in password)
