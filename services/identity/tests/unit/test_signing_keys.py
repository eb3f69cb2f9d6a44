"""Signing keys rotate without downtime and only their public halves are published."""

from __future__ import annotations

from datetime import timedelta

import pytest

from corridor_identity.domain.signing_keys import (generate_signing_key, load_signing_key, prune_retired,
                                                   rotate_keys, start_key_set)

TOKEN_LIFETIME = timedelta(minutes=10, seconds=30)


def kids(keys):
    return [jwk["kid"] for jwk in keys.jwks()["keys"]]


def test_the_jwks_carries_public_es256_keys_only(now):
    jwks = start_key_set(now=now).jwks()
    assert len(jwks["keys"]) == 2
    for jwk in jwks["keys"]:
        assert (jwk["kty"], jwk["crv"], jwk["alg"], jwk["use"]) == ("EC", "P-256", "ES256", "sig")
        assert set(jwk) == {"kty", "crv", "x", "y", "kid", "alg", "use"}  # notably no private "d"


def test_a_key_id_is_the_rfc_7638_thumbprint_of_the_public_key(now):
    import base64
    import hashlib
    import json

    key = generate_signing_key(now=now)
    jwk = key.public_jwk()
    members = json.dumps({"crv": jwk["crv"], "kty": jwk["kty"], "x": jwk["x"], "y": jwk["y"]},
                         separators=(",", ":"))
    expected = base64.urlsafe_b64encode(hashlib.sha256(members.encode()).digest()).rstrip(b"=").decode()
    assert key.kid == expected
    assert generate_signing_key(now=now).kid != key.kid


def test_the_next_key_is_published_before_it_signs(now):
    keys = start_key_set(now=now)
    rotated = rotate_keys(keys, now=now + timedelta(days=30), keep_retired_for=TOKEN_LIFETIME)
    assert rotated.active.kid == keys.upcoming.kid
    assert keys.upcoming.kid in kids(keys)  # verifiers that cached the JWKS before rotation know it
    assert rotated.upcoming.kid not in kids(keys)


def test_a_retired_key_stays_published_until_its_tokens_have_expired(now):
    keys = start_key_set(now=now)
    rotated_at = now + timedelta(days=30)
    rotated = rotate_keys(keys, now=rotated_at, keep_retired_for=TOKEN_LIFETIME)
    assert [key.kid for key in rotated.retired] == [keys.active.kid]
    assert rotated.retired[0].retired_at == rotated_at
    assert keys.active.kid in kids(prune_retired(rotated, now=rotated_at + timedelta(minutes=10),
                                                 keep_retired_for=TOKEN_LIFETIME))
    assert keys.active.kid not in kids(prune_retired(rotated, now=rotated_at + TOKEN_LIFETIME,
                                                     keep_retired_for=TOKEN_LIFETIME))


def test_rotating_again_drops_keys_retired_long_ago(now):
    keys = start_key_set(now=now)
    first = rotate_keys(keys, now=now + timedelta(days=30), keep_retired_for=TOKEN_LIFETIME)
    second = rotate_keys(first, now=now + timedelta(days=60), keep_retired_for=TOKEN_LIFETIME)
    assert [key.kid for key in second.retired] == [first.active.kid]
    assert len(second.jwks()["keys"]) == 3


def test_a_compromised_key_is_withdrawn_at_once(now):
    keys = start_key_set(now=now)
    rotated = rotate_keys(keys, now=now, keep_retired_for=TOKEN_LIFETIME, compromised=True)
    assert keys.active.kid not in kids(rotated)


def test_a_key_survives_its_encrypted_store_form(now):
    key = generate_signing_key(now=now)
    pem = key.private_pem(b"key-encryption-secret")
    assert b"ENCRYPTED" in pem
    loaded = load_signing_key(pem, b"key-encryption-secret", created_at=now)
    assert loaded.kid == key.kid and loaded.public_jwk() == key.public_jwk()
    with pytest.raises(ValueError):
        load_signing_key(pem, b"another secret", created_at=now)
