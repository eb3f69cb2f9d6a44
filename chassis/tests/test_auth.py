"""Services verify access tokens locally from keys that identity publishes on Kafka."""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timezone

import httpx
import pytest
from aiokafka import AIOKafkaProducer
from fastapi import Depends, FastAPI

from corridor_contracts import Envelope, SigningKeysPublished, to_kafka
from corridor_chassis.auth import ISSUER, SIGNING_KEYS_TOPIC, CurrentPrincipal, KeyRing, KeyRingFollower, require_roles
from corridor_chassis.errors import Unauthorized, install_problem_handlers
from corridor_chassis.testing import TokenMint


def app_with(keyring: KeyRing) -> FastAPI:
    app = FastAPI()
    app.state.keyring = keyring
    install_problem_handlers(app)

    @app.get("/me")
    async def me(principal: CurrentPrincipal) -> dict:
        return {"sub": str(principal.subject), "org": str(principal.organization_id), "roles": sorted(principal.roles)}

    @app.get("/agency-only", dependencies=[Depends(require_roles("agency_head"))])
    async def agency_only() -> dict:
        return {"ok": True}

    return app


@pytest.fixture
def mint() -> TokenMint:
    return TokenMint()


@pytest.fixture
def client(mint: TokenMint):
    keyring = KeyRing()
    mint.install(keyring)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app_with(keyring)), base_url="http://test")


async def test_a_valid_token_yields_the_principal_with_roles_and_organisation(client, mint) -> None:
    org = uuid.uuid4()
    token = mint.token(roles=["investor"], organization_id=org, organization_kind="investor")
    response = await client.get("/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.json()["org"] == str(org) and response.json()["roles"] == ["investor"]


@pytest.mark.parametrize("case", ["missing", "garbage", "expired", "unknown-key", "tampered"])
async def test_bad_tokens_get_a_401_problem(client, mint, case) -> None:
    token = {
        "missing": None,
        "garbage": "not-a-jwt",
        "expired": mint.token(roles=["investor"], ttl=-10),
        "unknown-key": TokenMint(kid="other").token(roles=["investor"]),
        "tampered": mint.token(roles=["investor"])[:-4] + "AAAA",
    }[case]
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await client.get("/me", headers=headers)
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"].startswith("urn:green-corridor:problem:")
    assert response.headers["www-authenticate"] == "Bearer"


async def test_a_missing_role_gets_403(client, mint) -> None:
    investor = mint.token(roles=["investor"])
    head = mint.token(roles=["agency_head"])
    assert (await client.get("/agency-only", headers={"Authorization": f"Bearer {investor}"})).status_code == 403
    assert (await client.get("/agency-only", headers={"Authorization": f"Bearer {head}"})).status_code == 200


@pytest.mark.kafka
async def test_keys_published_on_kafka_reach_the_keyring_and_rotate_without_downtime(kafka_bootstrap) -> None:
    old, new = TokenMint(kid="k-old"), TokenMint(kid="k-new")
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap)
    await producer.start()
    keyring = KeyRing()
    follower = asyncio.create_task(KeyRingFollower(keyring, {"bootstrap_servers": kafka_bootstrap}).run())
    try:
        await publish_keys(producer, old.jwks())
        await _until(lambda: "k-old" in keyring.key_ids)
        keyring.verify(old.token(roles=["investor"]))

        both = {"keys": old.jwks()["keys"] + new.jwks()["keys"]}
        await producer.send_and_wait(SIGNING_KEYS_TOPIC, b"not a cloudevent", key=ISSUER.encode())  # ignored
        await publish_keys(producer, both)
        await _until(lambda: keyring.key_ids >= {"k-old", "k-new"})
        keyring.verify(old.token(roles=["investor"]))  # tokens already issued keep working
        keyring.verify(new.token(roles=["investor"]))

        await publish_keys(producer, new.jwks())
        await _until(lambda: keyring.key_ids == {"k-new"})
        with pytest.raises(Unauthorized):
            keyring.verify(old.token(roles=["investor"]))
    finally:
        follower.cancel()
        await asyncio.gather(follower, return_exceptions=True)
        await producer.stop()


async def publish_keys(producer: AIOKafkaProducer, jwks: dict) -> None:
    event = SigningKeysPublished(occurred_at=datetime.now(timezone.utc), issuer=ISSUER, jwks=jwks,
                                 active_key_id=jwks["keys"][-1]["kid"])
    record = to_kafka(Envelope.wrap(event))
    await producer.send_and_wait(record.topic, record.value, key=record.key, headers=record.headers)


async def _until(condition, timeout: float = 20.0) -> None:
    for _ in range(int(timeout / 0.1)):
        if condition():
            return
        await asyncio.sleep(0.1)
    raise AssertionError("condition not reached")


def test_pinned_keys_survive_a_published_update() -> None:
    pinned, published = TokenMint(kid="pinned"), TokenMint(kid="published")
    keyring = KeyRing()
    pinned.install(keyring)
    keyring.update(published.jwks())
    keyring.verify(pinned.token(roles=["investor"]))
    keyring.verify(published.token(roles=["investor"]))
    assert keyring.key_ids == {"pinned", "published"}
