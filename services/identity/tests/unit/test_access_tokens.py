"""Access tokens carry who, which organisation and which roles; the chassis verifies them from the JWKS.

Verification is the chassis' KeyRing and Principal, the very code every other service runs, so these
specifications also prove that identity and the chassis agree on the claims.
"""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from corridor_chassis.auth import AUDIENCE, ISSUER, KeyRing, Principal
from corridor_chassis.errors import Unauthorized
from corridor_identity.domain.roles import Role
from corridor_identity.domain.signing_keys import rotate_keys, start_key_set
from corridor_identity.domain.tokens import AccessClaims, claims_for_user, issue_access_token

ORG = str(uuid.uuid4())
CLAIMS = AccessClaims(subject=str(uuid.uuid4()), organization_id=ORG, organization_kind="municipality",
                      roles=frozenset({"official"}))


@pytest.fixture
def clock():
    return datetime.now(UTC)


@pytest.fixture
def keys(clock):
    return start_key_set(now=clock)


def issue(keys, clock, claims=CLAIMS, **overrides):
    return issue_access_token(keys, claims, issuer=ISSUER, audience=AUDIENCE, now=clock, **overrides)


def keyring_of(jwks) -> KeyRing:
    keyring = KeyRing()
    keyring.update(jwks)
    return keyring


def verify(token, jwks, **overrides) -> dict:
    return keyring_of(jwks).verify(token, **overrides)


def test_a_token_gives_another_service_the_principal_who_which_organisation_and_which_roles(keys, clock):
    principal = Principal.from_claims(verify(issue(keys, clock).token, keys.jwks()))
    assert (str(principal.subject), str(principal.organization_id)) == (CLAIMS.subject, ORG)
    assert principal.organization_kind == "municipality"
    assert principal.roles == {"official"} and not principal.is_service_account


def test_a_token_lives_ten_minutes_and_is_typed_as_an_access_token(keys, clock):
    issued = issue(keys, clock)
    header = jwt.get_unverified_header(issued.token)
    assert header == {"alg": "ES256", "kid": keys.active.kid, "typ": "at+jwt"}
    payload = jwt.decode(issued.token, options={"verify_signature": False})
    assert payload["exp"] - payload["iat"] == 600
    assert set(payload) == {"iss", "sub", "aud", "iat", "exp", "jti", "typ", "org", "org_kind", "roles"}
    assert payload["typ"] == "user" and payload["jti"] == issued.token_id


def test_each_token_has_its_own_id(keys, clock):
    assert issue(keys, clock).token_id != issue(keys, clock).token_id


def test_a_user_s_claims_come_from_their_membership(agency, member):
    head = member(agency, Role.MANAGER, Role.AGENCY_HEAD)
    claims = claims_for_user(head)
    assert claims == AccessClaims(subject=str(head.id), organization_id=str(agency.id),
                                  organization_kind="agency", roles=frozenset({"manager", "agency_head"}))


def test_an_expired_token_is_rejected(keys, clock):
    issued = issue(keys, clock - timedelta(minutes=11))
    with pytest.raises(Unauthorized) as refused:
        verify(issued.token, keys.jwks())
    assert refused.value.slug == "token-expired"


@pytest.mark.parametrize("overrides", [{"issuer": "https://evil.example"}, {"audience": "another-system"}])
def test_a_token_for_another_issuer_or_audience_is_rejected(keys, clock, overrides):
    with pytest.raises(Unauthorized):
        verify(issue(keys, clock).token, keys.jwks(), **overrides)


def test_a_token_signed_by_a_key_not_in_the_jwks_is_rejected(keys, clock):
    other = start_key_set(now=clock)
    with pytest.raises(Unauthorized, match="unknown key"):
        verify(issue(other, clock).token, keys.jwks())


def test_tokens_signed_before_a_rotation_still_verify_after_it(keys, clock):
    before = issue(keys, clock)
    rotated = rotate_keys(keys, now=clock, keep_retired_for=timedelta(minutes=11))
    after = issue(rotated, clock)
    assert verify(before.token, rotated.jwks())["jti"] == before.token_id
    assert verify(after.token, keys.jwks())["jti"] == after.token_id  # a JWKS cached before rotation


def tamper(token: str, **changes) -> str:
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    encoded = base64.urlsafe_b64encode(json.dumps(claims | changes).encode()).rstrip(b"=").decode()
    return ".".join((header, encoded, signature))


def test_a_token_whose_claims_were_altered_is_rejected(keys, clock):
    forged = tamper(issue(keys, clock).token, roles=["administrator"])
    with pytest.raises(Unauthorized, match="not valid"):
        verify(forged, keys.jwks())


def test_an_unsigned_or_symmetrically_signed_token_is_rejected(keys, clock):
    payload = {"iss": ISSUER, "aud": AUDIENCE, "sub": str(uuid.uuid4()), "iat": clock,
               "exp": clock + timedelta(minutes=5), "jti": "j", "org": ORG, "org_kind": "agency",
               "roles": ["administrator"]}
    kid = keys.active.kid
    unsigned = jwt.encode(payload, None, algorithm="none", headers={"kid": kid})
    hmac_signed = jwt.encode(payload, "a shared secret that is long enough", algorithm="HS256",
                             headers={"kid": kid})
    for token in (unsigned, hmac_signed):
        with pytest.raises(Unauthorized):
            verify(token, keys.jwks())


@pytest.mark.parametrize("garbage", ["", "not-a-jwt", "a.b.c"])
def test_garbage_is_rejected(keys, garbage):
    with pytest.raises(Unauthorized):
        verify(garbage, keys.jwks())
