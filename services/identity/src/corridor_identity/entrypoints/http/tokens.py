"""HTTP: the OAuth 2.0 token endpoint, logout, the public JWKS and key rotation.

/token speaks RFC 6749: form-encoded (or JSON) requests with `grant_type` password, refresh_token or
client_credentials (client credentials in the body or as HTTP Basic, §2.3.1); answers carry
access_token, token_type, expires_in and, for people, refresh_token, with Cache-Control: no-store.
Its errors are problem+json documents that also carry RFC 6749's `error` code.
"""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Any, Literal
from urllib.parse import unquote

from fastapi import APIRouter, Request, Response, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError

from corridor_chassis.auth import CurrentPrincipal
from corridor_chassis.errors import Problem
from corridor_identity.domain.roles import Permission
from corridor_identity.entrypoints.http.deps import ClientIp, CurrentAuthority, Now, Session, permit
from corridor_identity.entrypoints.http.representations import Closed
from corridor_identity.service_layer import grants, signing_keys

router = APIRouter(tags=["tokens"])

Text = Annotated[str, StringConstraints(strict=True, min_length=1, max_length=1024)]
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


class InvalidTokenRequest(Problem):
    slug, status, title = "invalid-request", 400, "The token request is malformed"


class UnsupportedGrantType(Problem):
    slug, status, title = "unsupported-grant-type", 400, "The grant type is not supported"


class _Grant(BaseModel):
    model_config = ConfigDict(extra="ignore")  # RFC 6749 clients may send scope and other parameters


class PasswordGrant(_Grant):
    grant_type: Literal["password"]
    username: Annotated[str, StringConstraints(strict=True, min_length=1, max_length=320)]
    password: Text


class RefreshTokenGrant(_Grant):
    grant_type: Literal["refresh_token"]
    refresh_token: Text


class ClientCredentialsGrant(_Grant):
    grant_type: Literal["client_credentials"]
    client_id: Annotated[str, StringConstraints(strict=True, min_length=1, max_length=64)]
    client_secret: Text


TokenRequest = TypeAdapter(Annotated[PasswordGrant | RefreshTokenGrant | ClientCredentialsGrant,
                                     Field(discriminator="grant_type")])


class TokenOut(BaseModel):
    access_token: str
    token_type: Literal["Bearer"] = "Bearer"
    expires_in: int
    refresh_token: str | None = None


class LogoutIn(Closed):
    refresh_token: Text


class RotationIn(Closed):
    compromised: bool = Field(default=False, description="Withdraw the active key at once instead of retiring it.")


class KeysOut(BaseModel):
    active_key_id: str
    published_key_ids: list[str]


_TOKEN_REQUEST_DOC: dict[str, Any] = {"requestBody": {"required": True, "content": {
    media: {"schema": {"oneOf": [model.model_json_schema() for model in
                                 (PasswordGrant, RefreshTokenGrant, ClientCredentialsGrant)]}}
    for media in ("application/x-www-form-urlencoded", "application/json")}}}


@router.post("/token", summary="Sign in, refresh, or authenticate a supplier system (OAuth 2.0)",
             response_model=TokenOut, openapi_extra=_TOKEN_REQUEST_DOC)
async def token(request: Request, session: Session, now: Now, authority: CurrentAuthority,
                client_ip: ClientIp) -> JSONResponse:
    grant = _parse(await _parameters(request))
    if isinstance(grant, PasswordGrant):
        issued = await grants.password_grant(session, email=grant.username, password=grant.password,
                                             client_ip=client_ip, authority=authority, now=now)
    elif isinstance(grant, RefreshTokenGrant):
        issued = await grants.refresh_grant(session, refresh_token=grant.refresh_token, client_ip=client_ip,
                                            authority=authority, now=now)
    else:
        issued = await grants.client_credentials_grant(session, client_id=grant.client_id,
                                                       client_secret=grant.client_secret, client_ip=client_ip,
                                                       authority=authority, now=now)
    body = TokenOut(access_token=issued.access.token, refresh_token=issued.refresh_token,
                    expires_in=int(authority.tokens.access_ttl.total_seconds()))
    return JSONResponse(body.model_dump(exclude_none=True), headers=NO_STORE)


async def _parameters(request: Request) -> dict[str, Any]:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type == "application/x-www-form-urlencoded":
        parameters: dict[str, Any] = dict((await request.form()).items())
    elif media_type == "application/json":
        try:
            parameters = await request.json()
        except ValueError:
            raise InvalidTokenRequest("the body is not JSON", error="invalid_request") from None
        if not isinstance(parameters, dict):
            raise InvalidTokenRequest("the body must be a JSON object", error="invalid_request")
    else:
        raise InvalidTokenRequest("send application/x-www-form-urlencoded (or JSON)", error="invalid_request")
    return parameters | _basic_credentials(request)


def _basic_credentials(request: Request) -> dict[str, str]:
    scheme, _, encoded = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return {}
    try:
        client_id, _, client_secret = base64.b64decode(encoded, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        raise InvalidTokenRequest("the Basic credentials are not base64", error="invalid_request") from None
    # RFC 6749 §2.3.1: both parts are form-urlencoded before they are joined.
    return {"client_id": unquote(client_id), "client_secret": unquote(client_secret)}


def _parse(parameters: dict[str, Any]) -> PasswordGrant | RefreshTokenGrant | ClientCredentialsGrant:
    if "grant_type" not in parameters:
        raise InvalidTokenRequest("grant_type is missing", error="invalid_request")
    if parameters["grant_type"] not in ("password", "refresh_token", "client_credentials"):
        raise UnsupportedGrantType("grant_type must be password, refresh_token or client_credentials",
                                   error="unsupported_grant_type")
    try:
        return TokenRequest.validate_python(parameters)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in exc.errors())
        raise InvalidTokenRequest(problems, error="invalid_request") from None


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT, summary="End the session of a refresh token")
async def logout(body: LogoutIn, principal: CurrentPrincipal, session: Session, now: Now) -> Response:
    await grants.end_session(session, user_id=principal.subject, refresh_token=body.refresh_token, now=now)
    return Response(status_code=status.HTTP_204_NO_CONTENT, headers=NO_STORE)


@router.get("/.well-known/jwks.json", summary="The public keys that verify access tokens (JWKS)")
async def jwks(session: Session, authority: CurrentAuthority) -> JSONResponse:
    keys = await signing_keys.published_keys(session, authority=authority)
    return JSONResponse(keys.jwks(), headers={"Cache-Control": "public, max-age=60"})


@router.post("/keys/rotate", summary="Rotate the signing keys (administrator)")
async def rotate_keys(principal: CurrentPrincipal, session: Session, now: Now, authority: CurrentAuthority,
                      body: RotationIn | None = None) -> KeysOut:
    permit(principal, Permission.ROTATE_SIGNING_KEYS)
    keys = await signing_keys.rotate_signing_keys(session, actor_id=principal.subject,
                                                   compromised=bool(body and body.compromised),
                                                   authority=authority, now=now)
    return KeysOut(active_key_id=keys.active.kid, published_key_ids=[key.kid for key in keys.published()])
