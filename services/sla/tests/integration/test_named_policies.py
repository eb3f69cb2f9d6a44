"""Clocks run under the policy their request type names (supplier-7wd, ...), which operators may change.

The requests catalogue names a policy per request type and its events carry it as sla_policy_code.
Registered Friday 14 March 2025 at 19:30, counting from Monday 17: 3 working days end Wednesday 19,
4 end Thursday 20, 5 Friday 21, 7 Tuesday 25, 10 Friday 28.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError

from corridor_contracts.events.sla import SlaClockStarted
from corridor_sla import bootstrap

MSK = ZoneInfo("Europe/Moscow")
PROBLEM = "urn:green-corridor:problem:"
SHIPPED = {"agency-3wd": 3, "municipality-5wd": 5, "regional-5wd": 5, "supplier-7wd": 7, "federal-7wd": 7}


def msk(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=MSK)


async def started(sla, story) -> SlaClockStarted:
    await sla.publish(story.submitted(msk(3, 14, 19, 30)), story.routed(msk(3, 14, 19, 31)))
    [announced] = [e.data for e in await sla.published(story) if isinstance(e.data, SlaClockStarted)]
    return announced


def problem(response, status: int, slug: str) -> None:
    assert (response.status_code, response.headers["content-type"]) == (status, "application/problem+json"), \
        response.text
    assert response.json()["type"] == PROBLEM + slug


async def test_a_clock_runs_under_the_named_policy_unless_its_request_type_has_its_own(sla):
    reader = sla.token("official", kind="supplier")
    listed = (await sla.client.get("/named-policies", headers=reader)).json()
    assert {p["code"]: p["target_working_days"] for p in listed} == SHIPPED
    assert (await sla.client.get("/named-policies/supplier-7wd", headers=reader)).json() == {
        "code": "supplier-7wd", "target_working_days": 7, "warn_at_percent": [50, 80], "warn_on_last_day": True,
        "redirect_rule": "continue"}

    supplier = await started(sla, sla.story(request_type="gas-connection", policy_code="supplier-7wd"))
    assert (supplier.policy_code, supplier.target_working_days, supplier.due_on) == (
        "supplier-7wd", 7, date(2025, 3, 25))
    agency = await started(sla, sla.story(request_type="general-question", policy_code="agency-3wd"))
    assert (agency.policy_code, agency.target_working_days, agency.due_on) == ("agency-3wd", 3, date(2025, 3, 19))
    unknown = await started(sla, sla.story(request_type="new-type", policy_code="nobody-knows-9wd"))
    assert (unknown.policy_code, unknown.target_working_days) == ("default", 5)

    override = await sla.client.put("/policies/grid-connection", headers=sla.token("operator"),
                                    json={"target_working_days": 4})
    assert override.status_code == 200, override.json()
    await sla.clocks.worker.load_rules()
    grid_story = sla.story(request_type="grid-connection", policy_code="supplier-7wd")
    grid = await started(sla, grid_story)
    assert (grid.policy_code, grid.target_working_days, grid.due_on) == ("grid-connection", 4, date(2025, 3, 20))
    view = (await sla.client.get(f"/clocks/{grid_story.request_id}", headers=sla.token("operator"))).json()
    assert (view["policy_code"], view["target_working_days"], view["due_on"]) == ("grid-connection", 4, "2025-03-20")


async def test_changing_a_named_policy_recomputes_the_open_clocks_under_it(sla):
    supplier = sla.story(request_type="gas-connection", policy_code="supplier-7wd")
    answered = sla.story(request_type="water-connection", policy_code="supplier-7wd")
    overridden = sla.story(request_type="grid-connection", policy_code="supplier-7wd")
    municipal = sla.story(request_type="gpzu", policy_code="municipality-5wd")
    assert (await sla.client.put("/policies/grid-connection", headers=sla.token("operator"),
                                 json={"target_working_days": 7})).status_code == 200
    await sla.clocks.worker.load_rules()
    for story in (supplier, answered, overridden, municipal):
        await started(sla, story)
    await sla.publish(answered.answered(msk(3, 18, 12)))
    sla.clock.set(msk(3, 18, 13))

    response = await sla.client.put("/named-policies/supplier-7wd", headers=sla.token("agency_head"),
                                    json={"target_working_days": 10, "warn_at_percent": [50]})
    assert response.status_code == 200, response.json()
    assert response.json()["policy"] == {"code": "supplier-7wd", "target_working_days": 10, "warn_at_percent": [50],
                                         "warn_on_last_day": True, "redirect_rule": "continue"}
    assert [(c["request_id"], c["old_due_on"], c["new_due_on"]) for c in response.json()["recomputed"]] == [
        (str(supplier.request_id), "2025-03-25", "2025-03-28")]
    assert (await sla.client.get("/named-policies/supplier-7wd", headers=sla.token("operator"))).json()[
        "target_working_days"] == 10

    # Half of 7 working days would be used at noon on Thursday 20; half of 10 only as Friday 21 ends.
    await sla.at(msk(3, 20, 12))
    assert await sla.kinds(supplier) == ["SlaClockStarted"]
    assert (await sla.kinds(overridden))[-1] == "SlaWarning", "its request type's own policy still holds"
    view = (await sla.client.get(f"/clocks/{supplier.request_id}", headers=sla.token("operator"))).json()
    assert (view["target_working_days"], view["due_on"]) == (10, "2025-03-28")
    closed = (await sla.client.get(f"/clocks/{answered.request_id}", headers=sla.token("operator"))).json()
    assert (closed["status"], closed["due_on"]) == ("met", "2025-03-25"), "a closed clock keeps its verdict"


BAD_CHANGES = [
    ("/named-policies/nobody-knows-9wd", {"target_working_days": 5}, 404, "not-found"),
    ("/named-policies/supplier-7wd", {}, 422, "validation-error"),
    ("/named-policies/supplier-7wd", {"target_working_days": 0}, 422, "validation-error"),
    ("/named-policies/supplier-7wd", {"target_working_days": 31}, 422, "validation-error"),
    ("/named-policies/supplier-7wd", {"target_working_days": "seven"}, 422, "validation-error"),
    ("/named-policies/supplier-7wd", {"target_working_days": 7, "warn_at_percent": [0]}, 422, "validation-error"),
    ("/named-policies/supplier-7wd", {"target_working_days": 7, "redirect_rule": "teleport"}, 422,
     "validation-error"),
    ("/named-policies/supplier-7wd", {"target_working_days": 7, "scope": "all"}, 422, "validation-error"),
    ("/named-policies/bad%20code!", {"target_working_days": 7}, 422, "validation-error"),
    ("/named-policies/" + "x" * 65, {"target_working_days": 7}, 422, "validation-error"),
]


async def test_bad_changes_of_named_policies_are_refused_and_nothing_is_written(sla):
    for path, body, status, slug in BAD_CHANGES:  # one service for all cases: starting one per case is slow
        problem(await sla.client.put(path, headers=sla.token("operator"), json=body), status, slug)
    body = {"target_working_days": 3}
    problem(await sla.client.put("/named-policies/supplier-7wd", json=body), 401, "unauthorized")
    problem(await sla.client.put("/named-policies/supplier-7wd", headers=sla.token("manager"), json=body),
            403, "forbidden")
    problem(await sla.client.put("/named-policies/supplier-7wd", headers=sla.token("operator", kind="supplier"),
                                 json=body), 403, "forbidden")
    problem(await sla.client.get("/named-policies/nobody-knows-9wd", headers=sla.token("operator")), 404, "not-found")
    problem(await sla.client.get("/named-policies"), 401, "unauthorized")
    listed = (await sla.client.get("/named-policies", headers=sla.token("operator"))).json()
    assert {p["code"]: p["target_working_days"] for p in listed} == SHIPPED


async def test_a_restart_adds_no_shipped_policy_over_an_operator_s_change(start_sla):
    async with start_sla() as sla:
        assert (await sla.client.put("/named-policies/regional-5wd", headers=sla.token("administrator"),
                                     json={"target_working_days": 4})).status_code == 200
    async with start_sla() as sla:  # the same store: the seed only adds codes the store lacks
        listed = (await sla.client.get("/named-policies", headers=sla.token("operator"))).json()
        assert {p["code"]: p["target_working_days"] for p in listed} == SHIPPED | {"regional-5wd": 4}


async def test_a_replica_that_loses_the_race_to_add_the_shipped_policies_carries_on(settings, monkeypatch):
    async def another_replica_was_first(session, **_):
        raise IntegrityError("INSERT INTO named_sla_policies", {}, Exception("duplicate key"))

    monkeypatch.setattr(bootstrap, "seed_named_policies", another_replica_was_first)
    runtime, clocks = bootstrap.build_runtime(settings)
    try:
        await clocks.seed_named_policies()
    finally:
        await runtime.engine.dispose()
