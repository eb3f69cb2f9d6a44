"""Domain errors, each with a stable slug the API maps to an RFC 9457 problem `type`.

Why: the slug is part of the public contract (clients branch on it), so it lives with the rule that
raises it; the HTTP status is the API layer's choice, not the domain's.
"""

from __future__ import annotations

from datetime import timedelta


class IdentityError(Exception):
    """A rule of the identity domain was not met. `detail` is safe to show to the client."""

    slug = "identity-error"
    title = "Identity rule violated"

    def __init__(self, detail: str | None = None) -> None:
        self.detail = detail or self.title
        super().__init__(self.detail)


class InvalidInn(IdentityError):
    slug, title = "invalid-inn", "The INN is not valid"


class InvalidOgrn(IdentityError):
    slug, title = "invalid-ogrn", "The OGRN is not valid"


class InvalidKpp(IdentityError):
    slug, title = "invalid-kpp", "The KPP is not valid"


class InvalidShortCode(IdentityError):
    slug, title = "invalid-short-code", "The short code is not valid"


class UnknownMunicipality(IdentityError):
    slug, title = "unknown-municipality", "No such municipality in the region"


class InvalidOrganization(IdentityError):
    slug, title = "invalid-organization", "The organisation's details do not fit its kind"


class InvalidEmail(IdentityError):
    slug, title = "invalid-email", "The e-mail address is not valid"


class InvalidUser(IdentityError):
    slug, title = "invalid-user", "The user's details are not valid"


class RoleNotAllowed(IdentityError):
    slug, title = "role-not-allowed", "The role does not fit the organisation"


class RoleWithoutCompanion(RoleNotAllowed):
    """A role that only adds to another (an organisation's head is also its official) was given alone."""

    slug, title = "role-without-companion", "The role is held only together with another"


class NotPermitted(IdentityError):
    slug, title = "not-permitted", "Not allowed for your roles"


class AlreadyDeactivated(IdentityError):
    """The account was deactivated before; it cannot be changed or deactivated again."""

    slug, title = "already-deactivated", "The account is deactivated"


class WeakPassword(IdentityError):
    slug, title = "weak-password", "The password does not meet the policy"

    def __init__(self, reasons: tuple[str, ...]) -> None:
        self.reasons = reasons
        super().__init__("The password is rejected: " + ", ".join(reasons))


class InvalidCredentials(IdentityError):
    """The one answer for unknown e-mail, wrong password or deactivated account alike."""

    slug, title = "invalid-credentials", "The e-mail or password is wrong"


class LoginThrottled(IdentityError):
    """Too many failures; `retry_after` says when to try again (the API sends Retry-After)."""

    slug, title = "login-throttled", "Too many failed attempts"

    def __init__(self, retry_after: timedelta, detail: str | None = None) -> None:
        self.retry_after = retry_after
        super().__init__(detail or f"Try again in {max(1, int(retry_after.total_seconds()))} seconds")


class AccountLocked(LoginThrottled):
    slug, title = "account-locked", "The account is temporarily locked"


class InvalidRefreshToken(IdentityError):
    slug, title = "invalid-refresh-token", "The refresh token is unknown, expired or revoked"


class RefreshTokenReused(IdentityError):
    slug, title = "refresh-token-reused", "The refresh token was already used; the session is revoked"


class InvalidInvitation(IdentityError):
    slug, title = "invalid-invitation", "The invitation is unknown, expired or already used"


class InvalidClient(IdentityError):
    slug, title = "invalid-client", "The client credentials are wrong"
