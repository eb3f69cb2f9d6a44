"""Access tokens carry who, which organisation and which roles; any service verifies them from the JWKS."""

from __future__ import annotations

import ast
import base64
import inspect
import json
import uuid
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from corridor_identity.domain import verification
from corridor_identity.domain.roles import Role
from corridor_identity.domain.signing_keys import rotate_keys, start_key_set
from corridor_identity.domain.tokens import AccessClaims, claims_for_user, issue_access_token
from corridor_identity.domain.verification import AccessTokenRejected, UnknownSigningKey, verify_access_token

ISSUER, AUDIENCE = "https://id.green-corridor.example", "green-corridor"
CLAIMS = AccessClaims(subject="user-1", organization_id="org-1", organization_kind="omsu",
                      roles=frozenset({"official"}))


@pytest.fixture
def clock():
    return datetime.now(UTC)


@pytest.fixture
def keys(clock):
    return start_key_set(now=clock)


def issue(keys, clock, claims=CLAIMS, **overrides):
    return issue_access_token(keys, claims, issuer=ISSUER, audience=AUDIENCE, now=clock, **overrides)


def verify(token, jwks, **overrides):
    return verify_access_token(token, jwks, **({"issuer": ISSUER, "audience": AUDIENCE} | overrides))


def test_a_token_says_who_which_organisation_and_which_roles(keys, clock):
    issued = issue(keys, clock)
    verified = verify(issued.token, keys.jwks())
    assert (verified.subject, verified.organization_id, verified.organization_kind) == ("user-1", "org-1", "omsu")
    assert verified.roles == {"official"}
    assert verified.token_id == issued.token_id
    assert verified.expires_at == issued.expires_at


def test_a_token_lives_ten_minutes_and_is_typed_as_an_access_token(keys, clock):
    issued = issue(keys, clock)
    header = jwt.get_unverified_header(issued.token)
    assert header == {"alg": "ES256", "kid": keys.active.kid, "typ": "at+jwt"}
    payload = jwt.decode(issued.token, options={"verify_signature": False})
    assert payload["exp"] - payload["iat"] == 600
    assert set(payload) == {"iss", "sub", "aud", "iat", "exp", "jti", "org", "org_kind", "roles"}


def test_each_token_has_its_own_id(keys, clock):
    assert issue(keys, clock).token_id != issue(keys, clock).token_id


def test_a_user_s_claims_come_from_their_membership(agency, member):
    head = member(agency, Role.AGENCY_MANAGER, Role.AGENCY_HEAD)
    claims = claims_for_user(head)
    assert claims == AccessClaims(subject=str(head.id), organization_id=str(agency.id),
                                  organization_kind="agency", roles=frozenset({"agency_manager", "agency_head"}))


def test_an_expired_token_is_rejected(keys, clock):
    issued = issue(keys, clock - timedelta(minutes=11))
    with pytest.raises(AccessTokenRejected, match="Expired"):
        verify(issued.token, keys.jwks())


@pytest.mark.parametrize("overrides", [{"issuer": "https://evil.example"}, {"audience": "another-system"}])
def test_a_token_for_another_issuer_or_audience_is_rejected(keys, clock, overrides):
    with pytest.raises(AccessTokenRejected):
        verify(issue(keys, clock).token, keys.jwks(), **overrides)


def test_a_token_signed_by_a_key_not_in_the_jwks_asks_for_a_refetch(keys, clock):
    other = start_key_set(now=clock)
    with pytest.raises(UnknownSigningKey):
        verify(issue(other, clock).token, keys.jwks())


def test_tokens_signed_before_a_rotation_still_verify_after_it(keys, clock):
    before = issue(keys, clock)
    rotated = rotate_keys(keys, now=clock, keep_retired_for=timedelta(minutes=11))
    after = issue(rotated, clock)
    assert verify(before.token, rotated.jwks()).token_id == before.token_id
    assert verify(after.token, keys.jwks()).token_id == after.token_id  # a JWKS cached before rotation


def tamper(token: str, **changes) -> str:
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    encoded = base64.urlsafe_b64encode(json.dumps(claims | changes).encode()).rstrip(b"=").decode()
    return ".".join((header, encoded, signature))


def test_a_token_whose_claims_were_altered_is_rejected(keys, clock):
    forged = tamper(issue(keys, clock).token, roles=["administrator"])
    with pytest.raises(AccessTokenRejected, match="Signature"):
        verify(forged, keys.jwks())


def test_an_unsigned_or_symmetrically_signed_token_is_rejected(keys, clock):
    payload = {"iss": ISSUER, "aud": AUDIENCE, "sub": "x", "iat": clock, "exp": clock + timedelta(minutes=5),
               "jti": "j", "org": "o", "org_kind": "agency", "roles": ["administrator"]}
    kid = keys.active.kid
    unsigned = jwt.encode(payload, None, algorithm="none", headers={"kid": kid, "typ": "at+jwt"})
    hmac_signed = jwt.encode(payload, "a shared secret that is long enough", algorithm="HS256",
                             headers={"kid": kid, "typ": "at+jwt"})
    for token in (unsigned, hmac_signed):
        with pytest.raises(AccessTokenRejected, match="algorithm"):
            verify(token, keys.jwks())


def test_another_kind_of_jwt_is_not_accepted_as_an_access_token(keys, clock):
    id_token = jwt.encode({"sub": "x"}, keys.active.private_key, algorithm="ES256",
                          headers={"kid": keys.active.kid, "typ": "JWT"})
    with pytest.raises(AccessTokenRejected, match="not an access token"):
        verify(id_token, keys.jwks())


def test_a_token_without_organisation_or_roles_is_rejected(keys, clock):
    payload = {"iss": ISSUER, "aud": AUDIENCE, "sub": "x", "iat": clock, "exp": clock + timedelta(minutes=5),
               "jti": str(uuid.uuid4()), "org": "o", "org_kind": "agency", "roles": "administrator"}
    token = jwt.encode(payload, keys.active.private_key, algorithm="ES256",
                       headers={"kid": keys.active.kid, "typ": "at+jwt"})
    with pytest.raises(AccessTokenRejected, match="roles"):
        verify(token, keys.jwks())


@pytest.mark.parametrize("garbage", ["", "not-a-jwt", "a.b.c"])
def test_garbage_is_rejected(keys, garbage):
    with pytest.raises(AccessTokenRejected):
        verify(garbage, keys.jwks())


def test_verification_stands_alone_from_the_identity_package():
    tree = ast.parse(inspect.getsource(verification))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert all(name.split(".")[0] in {"__future__", "collections", "dataclasses", "datetime", "typing", "jwt"}
               for name in imported), imported
