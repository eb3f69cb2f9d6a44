"""Repeated failures lock the account, and many failures from one address throttle the address."""

from __future__ import annotations

import pytest

from .conftest import PASSWORD, assert_problem

pytestmark = pytest.mark.kafka

EMAIL = "director@molprom.example"


async def sign_in(client, username: str, password: str):
    return await client.post("/token", data={"grant_type": "password", "username": username, "password": password})


async def test_five_failures_lock_the_account_for_a_while_even_against_the_right_password(identity) -> None:
    await identity.investor(EMAIL)
    for _ in range(5):
        assert_problem(await sign_in(identity.client, EMAIL, "неверный пароль"), 400, "invalid-credentials")
    locked = await sign_in(identity.client, EMAIL, PASSWORD)
    assert_problem(locked, 429, "account-locked")
    assert locked.headers["retry-after"] == "900"
    [lockout] = await identity.audit("locked_out")
    assert lockout.email == EMAIL

    identity.clock.advance(minutes=10)
    assert int((await sign_in(identity.client, EMAIL, PASSWORD)).headers["retry-after"]) == 300
    identity.clock.advance(minutes=5, seconds=1)
    for _ in range(5):  # guessing on after the lock: the next lock is twice as long
        await sign_in(identity.client, EMAIL, "неверный пароль")
    assert (await sign_in(identity.client, EMAIL, PASSWORD)).headers["retry-after"] == "1800"
    identity.clock.advance(minutes=30, seconds=1)
    assert (await sign_in(identity.client, EMAIL, PASSWORD)).status_code == 200


async def test_an_unknown_address_locks_exactly_like_a_known_one(identity) -> None:
    await identity.investor(EMAIL)
    answers = {}
    for username in (EMAIL, "nobody@molprom.example"):
        for _ in range(5):
            await sign_in(identity.client, username, "неверный пароль")
        response = await sign_in(identity.client, username, PASSWORD)
        answers[username] = (response.status_code, response.json()["type"], response.headers["retry-after"])
    assert len(set(answers.values())) == 1


async def test_many_failures_from_one_address_throttle_it_and_not_others(identity) -> None:
    await identity.investor(EMAIL)
    async with identity.client_from("203.0.113.7") as guesser, identity.client_from("198.51.100.1") as office:
        for attempt in range(30):  # six accounts, five guesses each: no account lock hides the address'
            await sign_in(guesser, f"person{attempt % 6}@molprom.example", "неверный пароль")
        throttled = await sign_in(guesser, EMAIL, PASSWORD)
        assert_problem(throttled, 429, "login-throttled")
        assert int(throttled.headers["retry-after"]) == 900
        assert (await sign_in(office, EMAIL, PASSWORD)).status_code == 200
    assert {row.client_ip for row in await identity.audit("locked_out")} >= {"203.0.113.7"}
