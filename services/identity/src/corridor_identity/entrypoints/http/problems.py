"""Domain errors as RFC 9457 problems: the status each deserves, Retry-After, OAuth 2.0 error codes.

Why here: the domain names its errors and slugs (domain/errors.py) but not their HTTP status, which
is this API's choice. The token endpoint's errors also carry RFC 6749's `error` member, so standard
OAuth 2.0 clients understand them.
"""

from __future__ import annotations

import math

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from corridor_chassis.errors import problem_response
from corridor_identity.domain import errors

STATUS: dict[type[errors.IdentityError], int] = {
    errors.NotPermitted: 403,
    errors.AlreadyDeactivated: 409,
    # RFC 6749 §5.2: a bad grant is 400 invalid_grant; a client that fails to authenticate, 401.
    errors.InvalidCredentials: 400,
    errors.InvalidRefreshToken: 400,
    errors.RefreshTokenReused: 400,
    errors.InvalidClient: 401,
    errors.InvalidInvitation: 400,
    # Locked and throttled alike: an account lock is keyed by the address as typed, so a 429 tells
    # nothing about whether the account exists, and clients already back off on 429.
    errors.LoginThrottled: 429,
}
OAUTH_ERRORS: dict[type[errors.IdentityError], str] = {
    errors.InvalidCredentials: "invalid_grant",
    errors.InvalidRefreshToken: "invalid_grant",
    errors.RefreshTokenReused: "invalid_grant",
    errors.InvalidClient: "invalid_client",
}
# Everything else the domain refuses is input that breaks a rule: 422.
INVALID_INPUT = 422


def install_identity_problems(app: FastAPI) -> None:
    @app.exception_handler(errors.IdentityError)
    async def _identity_error(request: Request, exc: errors.IdentityError) -> JSONResponse:
        cls = next((c for c in type(exc).__mro__ if c in STATUS), None)
        status = STATUS[cls] if cls else INVALID_INPUT
        headers: dict[str, str] = {}
        extensions: dict[str, object] = {}
        if isinstance(exc, errors.LoginThrottled):
            headers["Retry-After"] = str(max(1, math.ceil(exc.retry_after.total_seconds())))
        if isinstance(exc, errors.InvalidClient):
            headers["WWW-Authenticate"] = 'Basic realm="green-corridor"'
        if isinstance(exc, errors.WeakPassword):
            extensions["reasons"] = list(exc.reasons)
        if error := OAUTH_ERRORS.get(type(exc)):
            extensions["error"] = error
            headers["Cache-Control"] = "no-store"
        return problem_response(status, exc.slug, exc.title, exc.detail, request.url.path, headers or None,
                                **extensions)
