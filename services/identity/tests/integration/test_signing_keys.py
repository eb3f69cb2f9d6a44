"""Signing keys: created once, stored encrypted, published through the outbox, rotated without downtime."""

from __future__ import annotations

import asyncio

import jwt
import pytest
from aiokafka import AIOKafkaConsumer
from sqlalchemy import select

from corridor_contracts.envelope import from_kafka
from corridor_contracts.topics import IDENTITY_SIGNING_KEYS
from corridor_identity.adapters.tables import signing_keys
from corridor_identity.bootstrap import build_app

from .conftest import assert_problem, bearer

pytestmark = pytest.mark.kafka


def kid_of(token: str) -> str:
    return jwt.get_unverified_header(token)["kid"]


async def jwks_kids(identity) -> list[str]:
    return [key["kid"] for key in (await identity.client.get("/.well-known/jwks.json")).json()["keys"]]


async def test_the_first_start_creates_a_key_set_stored_encrypted_and_published(identity) -> None:
    response = await identity.client.get("/.well-known/jwks.json")
    assert response.headers["cache-control"] == "public, max-age=60"
    jwks = response.json()
    assert len(jwks["keys"]) == 2 and all("d" not in key for key in jwks["keys"])
    [published] = await identity.events("SigningKeysPublished")
    assert (published["issuer"], published["jwks"]) == (identity.settings.token_issuer, jwks)
    async with identity.sessions() as session:
        pems = (await session.execute(select(signing_keys.c.private_key_pem))).scalars().all()
    assert len(pems) == 2 and all(pem.startswith("-----BEGIN ENCRYPTED PRIVATE KEY-----") for pem in pems)

    replica = build_app(identity.settings, clock=identity.clock)  # a second replica on the same store
    async with replica.router.lifespan_context(replica):
        assert replica.state.keyring.key_ids == {key["kid"] for key in jwks["keys"]}
    assert len(await identity.events("SigningKeysPublished")) == 1


async def test_the_key_set_reaches_kafka_keyed_by_the_issuer(identity, kafka_bootstrap) -> None:
    consumer = AIOKafkaConsumer(IDENTITY_SIGNING_KEYS, bootstrap_servers=kafka_bootstrap, group_id=None,
                                auto_offset_reset="earliest")
    await consumer.start()
    try:
        async def ours():
            async for record in consumer:
                if record.key == identity.settings.token_issuer.encode():
                    return from_kafka(record.key, record.value, record.headers).data

        published = await asyncio.wait_for(ours(), timeout=30)
    finally:
        await consumer.stop()
    assert published.jwks == (await identity.client.get("/.well-known/jwks.json")).json()


async def test_a_rotation_keeps_old_tokens_valid_until_they_expire_then_drops_their_key(identity) -> None:
    admin = await identity.administrator()
    old_token = admin["Authorization"].removeprefix("Bearer ")
    active, upcoming = await jwks_kids(identity)
    assert kid_of(old_token) == active

    rotated = await identity.client.post("/keys/rotate", headers=admin)
    assert rotated.status_code == 200
    assert rotated.json()["active_key_id"] == upcoming  # published before it signed anything
    assert active in rotated.json()["published_key_ids"]
    assert (await identity.client.get("/me", headers=admin)).status_code == 200
    new_token = (await identity.login("admin@aerlo.example"))["access_token"]
    assert kid_of(new_token) == upcoming
    [_, published] = await identity.events("SigningKeysPublished")
    assert published["active_key_id"] == upcoming and active in [key["kid"] for key in published["jwks"]["keys"]]
    [audited] = await identity.audit("key_rotated")
    assert audited.details["retired_kid"] == active

    identity.clock.advance(minutes=11, seconds=1)  # every token the old key signed has expired by now
    await identity.client.post("/keys/rotate", headers=bearer(new_token))
    assert active not in await jwks_kids(identity)
    assert_problem(await identity.client.get("/me", headers=admin), 401, "invalid-token")
    assert (await identity.client.get("/me", headers=bearer(new_token))).status_code == 200
    async with identity.sessions() as session:
        assert active not in (await session.execute(select(signing_keys.c.kid))).scalars().all()


async def test_a_compromised_key_is_withdrawn_at_once(identity) -> None:
    admin = await identity.administrator()
    response = await identity.client.post("/keys/rotate", json={"compromised": True}, headers=admin)
    assert kid_of(admin["Authorization"].removeprefix("Bearer ")) not in response.json()["published_key_ids"]
    assert_problem(await identity.client.get("/me", headers=admin), 401, "invalid-token")


async def test_only_an_administrator_rotates_and_bad_requests_change_nothing(identity) -> None:
    admin = await identity.administrator()
    agency = (await identity.client.get("/me", headers=admin)).json()["organization_id"]
    operator = await identity.member(admin, agency, "operator@aerlo.example", "operator")
    before = await identity.stored()
    for headers, body, status, slug in [(operator, None, 403, "not-permitted"), ({}, None, 401, "unauthorized"),
                                        (admin, {"compromised": "perhaps"}, 422, "validation-error"),
                                        (admin, {"all": True}, 422, "validation-error")]:
        assert_problem(await identity.client.post("/keys/rotate", json=body, headers=headers), status, slug)
    assert await identity.stored() == before
