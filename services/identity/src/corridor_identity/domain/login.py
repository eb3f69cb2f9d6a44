"""Password login: one answer for every failure, and the same work done whatever the failure is.

Why: a login form must not become an oracle for "is this e-mail registered?". Unknown e-mail, a
user with no password yet, a wrong password and a deactivated account all raise the same
InvalidCredentials after one argon2 verification each.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .errors import InvalidCredentials
from .passwords import PasswordHashing
from .users import User


@dataclass(frozen=True)
class LoginAccepted:
    user: User
    # True when the stored hash used outdated parameters and `user` carries a fresh one to save.
    rehashed: bool


def check_password_login(user: User | None, password: str, hashing: PasswordHashing) -> LoginAccepted:
    """`user` is whoever the normalised e-mail found, or None. Check the lockout first (lockout.py)."""
    if user is None or user.password_hash is None:
        hashing.verify_dummy(password)
        raise InvalidCredentials()
    if not hashing.verify(user.password_hash, password) or not user.active:
        raise InvalidCredentials()
    if hashing.needs_rehash(user.password_hash):
        return LoginAccepted(replace(user, password_hash=hashing.hash(password)), rehashed=True)
    return LoginAccepted(user, rehashed=False)
