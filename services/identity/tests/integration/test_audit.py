"""The audit trail records security events without secrets; operators and administrators read it."""

from __future__ import annotations

import pytest

from .conftest import PASSWORD, assert_problem, bearer

pytestmark = pytest.mark.kafka


async def test_operators_read_security_events_newest_first_with_filters(identity) -> None:
    admin = await identity.administrator()
    agency = (await identity.client.get("/me", headers=admin)).json()["organization_id"]
    operator = await identity.member(admin, agency, "operator@aerlo.example", "operator")
    for _ in range(5):
        await identity.client.post("/token", data={"grant_type": "password", "username": "victim@molprom.example",
                                                   "password": "угадаю пароль"})

    response = await identity.client.get("/audit", headers=operator)
    assert response.status_code == 200
    records = response.json()
    moments = [record["occurred_at"] for record in records]
    assert moments == sorted(moments, reverse=True)
    assert {"login_succeeded", "login_failed", "locked_out", "invitation_sent", "invitation_accepted",
            "user_registered", "keys_created"} <= {record["kind"] for record in records}
    assert all(PASSWORD not in str(record) and "угадаю" not in str(record) for record in records)

    [locked] = (await identity.client.get("/audit", params={"kind": "locked_out"}, headers=operator)).json()
    assert (locked["email"], locked["client_ip"], locked["alert"]) == ("victim@molprom.example", "127.0.0.1", True)
    operator_id = (await identity.client.get("/me", headers=operator)).json()["id"]
    mine = (await identity.client.get("/audit", params={"subject": operator_id, "kind": "login_succeeded"},
                                      headers=operator)).json()
    assert [record["actor"] for record in mine] == [operator_id]
    assert len((await identity.client.get("/audit", params={"limit": 3}, headers=admin)).json()) == 3
    identity.clock.advance(seconds=1)
    later = identity.clock().isoformat()
    assert (await identity.client.get("/audit", params={"since": later}, headers=admin)).json() == []
    assert (await identity.client.get("/audit", params={"until": later}, headers=admin)).json() != []


async def test_the_audit_trail_is_not_for_everyone_and_bad_filters_are_422(identity) -> None:
    await identity.administrator()
    investor = bearer((await identity.investor())["access_token"])
    assert_problem(await identity.client.get("/audit", headers=investor), 403, "not-permitted")
    assert_problem(await identity.client.get("/audit"), 401, "unauthorized")
    admin = bearer((await identity.login("admin@aerlo.example"))["access_token"])
    for query in ({"kind": "coffee_break"}, {"limit": 0}, {"limit": 1001}, {"since": "yesterday"},
                  {"since": "2025-03-14T10:30:00"}):  # a moment without its time zone is ambiguous
        assert_problem(await identity.client.get("/audit", params=query, headers=admin), 422, "validation-error")
