"""Operators change the calendar and policies; open clocks are recomputed and the answer says which.

Two clocks registered Friday 14 March 2025, 19:30: a consultation (default 5 working days, due Friday
21) and a ГПЗУ (7 working days, due Tuesday 25); a third was answered on Monday and keeps its verdict.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

MSK = ZoneInfo("Europe/Moscow")
PROBLEM = "urn:green-corridor:problem:"


def msk(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=MSK)


@pytest.fixture
async def clocks(sla):
    assert (await sla.client.put("/policies/gpzu", headers=sla.token("agency_head"),
                                 json={"target_working_days": 7})).status_code == 200
    await sla.clocks.worker.load_rules()
    stories = {"consultation": sla.story(), "gpzu": sla.story(request_type="gpzu"), "answered": sla.story()}
    for story in stories.values():
        await sla.publish(story.submitted(msk(3, 14, 19, 30)), story.routed(msk(3, 14, 19, 31)))
    await sla.publish(stories["answered"].answered(msk(3, 17, 12)))
    sla.clock.set(msk(3, 18, 9))
    return stories


async def test_a_regional_holiday_moves_open_deadlines_and_the_worker_follows(sla, clocks):
    operator = sla.token("operator")
    response = await sla.client.put("/calendar/overrides", headers=operator, json={"overrides": [
        {"day": "2025-03-19", "kind": "holiday", "note": "regional day of mourning"}]})
    assert response.status_code == 200, response.json()
    moved = {c["request_id"]: (c["old_due_on"], c["new_due_on"]) for c in response.json()["recomputed"]}
    assert moved == {str(clocks["consultation"].request_id): ("2025-03-21", "2025-03-24"),
                     str(clocks["gpzu"].request_id): ("2025-03-25", "2025-03-26")}
    consultation = clocks["consultation"]
    view = (await sla.client.get(f"/clocks/{consultation.request_id}", headers=operator)).json()
    assert (view["due_on"], view["consumed_working_minutes"]) == ("2025-03-24", 1440 + 9 * 60)

    assert await sla.at(msk(3, 19, 12)) == 2, "new rules: every open clock is evaluated again"
    assert await sla.kinds(consultation) == ["SlaClockStarted"], "the holiday holds the half-time warning back"
    await sla.at(msk(3, 20, 12))
    assert (await sla.kinds(consultation))[-1] == "SlaWarning"

    removed = await sla.client.delete("/calendar/overrides/2025-03-19", headers=operator)
    assert {c["new_due_on"] for c in removed.json()["recomputed"]} == {"2025-03-21", "2025-03-25"}
    listed = await sla.client.get("/clocks?status=running", headers=operator)
    assert {c["request_id"] for c in listed.json()} == {str(consultation.request_id), str(clocks["gpzu"].request_id)}


async def test_a_longer_target_keeps_the_time_already_used(sla, clocks):
    operator = sla.token("operator")
    before = (await sla.client.get(f"/clocks/{clocks['consultation'].request_id}", headers=operator)).json()
    response = await sla.client.put("/policies/consultation", headers=operator,
                                    json={"target_working_days": 7, "warn_at_percent": [75]})
    assert response.status_code == 200, response.json()
    assert response.json()["policy"] == {
        "request_type": "consultation", "code": "consultation", "is_default": False, "target_working_days": 7,
        "warn_at_percent": [75], "warn_on_last_day": True, "redirect_rule": "continue"}
    assert [(c["old_due_on"], c["new_due_on"]) for c in response.json()["recomputed"]] == [
        ("2025-03-21", "2025-03-25")]
    after = (await sla.client.get(f"/clocks/{clocks['consultation'].request_id}", headers=operator)).json()
    assert after["consumed_working_minutes"] == before["consumed_working_minutes"]
    assert (after["target_working_days"], after["due_on"]) == (7, "2025-03-25")
    answered = (await sla.client.get(f"/clocks/{clocks['answered'].request_id}", headers=operator)).json()
    assert (answered["status"], answered["due_on"]) == ("met", "2025-03-21"), "a closed clock keeps its verdict"
    policy = (await sla.client.get("/policies/consultation", headers=sla.token("official", kind="supplier"))).json()
    assert policy["target_working_days"] == 7


def problem(response, status: int, slug: str) -> None:
    assert (response.status_code, response.headers["content-type"]) == (status, "application/problem+json"), \
        response.text
    assert response.json()["type"] == PROBLEM + slug


BAD_OVERRIDES = [
    ({}, "validation-error"),
    ({"overrides": []}, "validation-error"),
    ({"overrides": [{"kind": "holiday"}]}, "validation-error"),
    ({"overrides": [{"day": "yesterday", "kind": "holiday"}]}, "validation-error"),
    ({"overrides": [{"day": "2025-09-10", "kind": "vacation"}]}, "validation-error"),
    ({"overrides": [{"day": "2025-09-10", "kind": "working_day", "hours": "eight"}]}, "validation-error"),
    ({"overrides": [{"day": "2025-09-10", "kind": "shortened_day", "hours": 25}]}, "validation-error"),
    ({"overrides": [{"day": "1999-12-31", "kind": "holiday"}]}, "validation-error"),
    ({"overrides": [{"day": "2025-09-10", "kind": "holiday", "note": "x" * 501}]}, "validation-error"),
    ({"overrides": [{"day": "2025-09-10", "kind": "holiday", "colour": "red"}]}, "validation-error"),
    ({"overrides": [{"day": "2025-09-09", "kind": "working_day"},
                    {"day": "2025-09-10", "kind": "holiday", "hours": 8}]}, "invalid-calendar-override"),
]


async def test_bad_overrides_are_refused_and_nothing_is_written(sla):
    for body, slug in BAD_OVERRIDES:  # one service for all cases: starting one per case is slow
        problem(await sla.client.put("/calendar/overrides", headers=sla.token("operator"), json=body), 422, slug)
    assert (await sla.client.get("/calendar/overrides", headers=sla.token("operator"))).json() == []


async def test_only_the_agency_s_calendar_keepers_change_the_calendar(sla):
    body = {"overrides": [{"day": "2025-09-10", "kind": "holiday"}]}
    problem(await sla.client.put("/calendar/overrides", json=body), 401, "unauthorized")
    problem(await sla.client.put("/calendar/overrides", headers=sla.token("manager"), json=body), 403, "forbidden")
    problem(await sla.client.put("/calendar/overrides", headers=sla.token("operator", kind="regional_body"),
                                 json=body), 403, "forbidden")
    problem(await sla.client.delete("/calendar/overrides/2025-09-10", headers=sla.token("agency_head")),
            403, "forbidden")
    problem(await sla.client.delete("/calendar/overrides/2025-09-10", headers=sla.token("operator")),
            404, "not-found")
    problem(await sla.client.delete("/calendar/overrides/someday", headers=sla.token("operator")),
            422, "validation-error")
    assert (await sla.client.get("/calendar/overrides", headers=sla.token("operator"))).json() == []
    written = await sla.client.put("/calendar/overrides", headers=sla.token("administrator"), json={"overrides": [
        {"day": "2025-09-10", "kind": "holiday"}, {"day": "2025-09-10", "kind": "day_off", "note": "later wins"}]})
    assert written.status_code == 200
    assert (await sla.client.get("/calendar/overrides?year=2025", headers=sla.token("official", kind="supplier"))
            ).json() == [{"day": "2025-09-10", "kind": "day_off", "hours": None, "note": "later wins"}]


BAD_POLICIES = [
    ("/policies/gpzu", {}, 422, "validation-error"),
    ("/policies/gpzu", {"target_working_days": "five"}, 422, "validation-error"),
    ("/policies/gpzu", {"target_working_days": 0}, 422, "validation-error"),
    ("/policies/gpzu", {"target_working_days": 31}, 422, "validation-error"),
    ("/policies/gpzu", {"target_working_days": 5, "warn_at_percent": [100]}, 422, "validation-error"),
    ("/policies/gpzu", {"target_working_days": 5, "warn_on_last_day": "yes"}, 422, "validation-error"),
    ("/policies/gpzu", {"target_working_days": 5, "redirect_rule": "teleport"}, 422, "validation-error"),
    ("/policies/gpzu", {"target_working_days": 5, "owner": "me"}, 422, "validation-error"),
    ("/policies/bad%20type!", {"target_working_days": 5}, 422, "validation-error"),
]


async def test_bad_policies_are_refused_and_nothing_is_written(sla):
    for path, body, status, slug in BAD_POLICIES:
        problem(await sla.client.put(path, headers=sla.token("operator"), json=body), status, slug)
    assert (await sla.client.get("/policies/gpzu", headers=sla.token("operator"))).json()["is_default"] is True


async def test_only_agency_staff_who_keep_policies_set_them(sla):
    body = {"target_working_days": 3}
    problem(await sla.client.put("/policies/gpzu", json=body), 401, "unauthorized")
    problem(await sla.client.put("/policies/gpzu", headers=sla.token("manager"), json=body), 403, "forbidden")
    problem(await sla.client.put("/policies/gpzu", headers=sla.token("agency_head", kind="municipality"),
                                 json=body), 403, "forbidden")
    default = (await sla.client.get("/policies/gpzu", headers=sla.token("operator"))).json()
    assert (default["is_default"], default["code"], default["target_working_days"]) == (True, "default", 5)
    assert (await sla.client.put("/policies/gpzu", headers=sla.token("agency_head"), json=body)).status_code == 200


async def test_working_day_arithmetic_and_summaries(sla):
    reader = sla.token("investor", kind="investor")

    async def get(path: str):
        response = await sla.client.get(path, headers=reader)
        assert response.status_code == 200, response.text
        return response.json()

    assert (await get("/calendar/working-days/add?from=2025-12-30&days=1"))["result"] == "2026-01-12"
    assert (await get("/calendar/working-days/add?from=2025-10-31&days=2"))["result"] == "2025-11-05"
    assert (await get("/calendar/working-days/add?from=2026-01-12&days=-1"))["result"] == "2025-12-30"
    counted = await get("/calendar/working-days/count?from=2025-03-14&to=2025-03-21")
    assert counted == {"from": "2025-03-14", "to": "2025-03-21", "working_days": 5}
    year = await get("/calendar/2025")
    assert (year["summary"]["working_days"], year["summary"]["working_hours"], year["time_zone"]) == (
        247, 1972, "Europe/Moscow")
    assert year["summary"]["shortened_days"] == ["2025-03-07", "2025-04-30", "2025-06-11", "2025-11-01"]
    assert [m["working_days"] for m in year["months"]][:3] == [17, 20, 21]
    november = await get("/calendar/2025/11")
    assert (november["summary"]["working_days"], november["summary"]["working_hours"]) == (19, 151)
    first = november["days"][0]
    assert first == {"day": "2025-11-01", "working": True, "shortened": True, "hours": 7, "override": None}

    await sla.client.put("/calendar/overrides", headers=sla.token("operator"), json={"overrides": [
        {"day": "2030-01-12", "kind": "working_day", "note": "decree"}]})
    assert (await get("/calendar/working-days/add?from=2030-01-11&days=1"))["result"] == "2030-01-12"
    january = await get("/calendar/2030/1")
    assert january["days"][11]["override"] == {"day": "2030-01-12", "kind": "working_day", "hours": None,
                                               "note": "decree"}

    for path, slug in [("/calendar/1999", "validation-error"), ("/calendar/2025/13", "validation-error"),
                       ("/calendar/working-days/add?from=2025-02-30&days=1", "validation-error"),
                       ("/calendar/working-days/add?from=2025-03-01&days=99999", "validation-error"),
                       ("/calendar/working-days/add?days=1", "validation-error"),
                       ("/calendar/working-days/count?from=2000-01-01&to=2100-01-01", "span-too-long")]:
        problem(await sla.client.get(path, headers=reader), 422, slug)
    problem(await sla.client.get("/calendar/2025"), 401, "unauthorized")
