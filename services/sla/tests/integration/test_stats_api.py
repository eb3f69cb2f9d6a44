"""Compliance statistics and gauges, and who may read which clocks.

Registered in March 2025 at Friday 14, 19:30 (due Friday 21): organisation A answered one on Monday
noon (0.5 working days), one late on Tuesday 25 at 10:00 (6 working days and 10 hours), and leaves a
third open past its deadline; organisation B answered one at the end of Tuesday 18 (2 working days)
and saw one withdrawn; B's last request was registered in April and is still running.
"""

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from prometheus_client.parser import text_string_to_metric_families

MSK = ZoneInfo("Europe/Moscow")
A, B = uuid.uuid4(), uuid.uuid4()
LATE = 6 + 10 / 24


def msk(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=MSK)


@pytest.fixture
async def history(sla):
    stories = {name: sla.story(recipient=org) for name, org in
               [("a1", A), ("a2", A), ("a3", A), ("b1", B), ("b2", B), ("b3", B)]}
    for name, story in stories.items():
        registered = msk(4, 2, 10) if name == "b3" else msk(3, 14, 19, 30)
        await sla.publish(story.submitted(registered), story.routed(registered))
    await sla.publish(stories["a1"].answered(msk(3, 17, 12)), stories["a2"].answered(msk(3, 25, 10)),
                      stories["b1"].answered(msk(3, 19)), stories["b2"].withdrawn(msk(3, 18)))
    await sla.at(msk(4, 3))
    return stories


async def stats(sla, query: str = "", *roles: str, **token) -> dict:
    response = await sla.client.get(f"/stats{query}", headers=sla.token(*(roles or ["operator"]), **token))
    assert response.status_code == 200, response.text
    return response.json()["overall"] | {"groups": response.json()["groups"],
                                        "period": [response.json()["registered_from"], response.json()["registered_to"]]}


async def test_compliance_by_period_organisation_and_request_type(sla, history):
    march = await stats(sla, "?period=2025-03")
    assert {k: march[k] for k in ("total", "answered", "answered_on_time", "open", "breached")} == {
        "total": 5, "answered": 3, "answered_on_time": 2, "open": 1, "breached": 2}
    assert march["on_time_share"] == pytest.approx(2 / 3)
    assert march["median_response_working_days"] == pytest.approx(2.0)
    assert march["p90_response_working_days"] == pytest.approx(2.0 + 0.8 * (LATE - 2.0))
    assert march["period"] == ["2025-03-01", "2025-03-31"]

    of_a = await stats(sla, f"?period=2025-03&organization={A}&request_type=consultation")
    assert (of_a["total"], of_a["on_time_share"], of_a["open"], of_a["breached"]) == (3, 0.5, 1, 2)
    april = await stats(sla, "?from=2025-04-01&to=2025-04-30")
    assert (april["total"], april["open"], april["on_time_share"]) == (1, 1, None)
    grouped = await stats(sla, "?group_by=organization")
    assert {org: group["total"] for org, group in grouped["groups"].items()} == {str(A): 3, str(B): 3}
    assert list((await stats(sla, "?group_by=month"))["groups"]) == ["2025-03", "2025-04"]
    assert (await stats(sla, "?request_type=gpzu"))["total"] == 0


async def test_an_official_sees_their_own_organisation_and_an_investor_no_statistics(sla, history):
    own = await stats(sla, "", "official", organization=A, kind="supplier")
    assert own["total"] == 3
    for query, token, status, slug in [
        (f"?organization={B}", {"organization": A, "kind": "supplier"}, 403, "forbidden"),
        ("", {"organization": uuid.uuid4(), "kind": "investor", "roles": ["investor"]}, 403, "forbidden"),
        ("?period=2025-13", {}, 422, "invalid-period"),
        ("?period=1999", {}, 422, "invalid-period"),
        ("?period=25", {}, 422, "validation-error"),
        ("?period=2025-03&from=2025-03-01", {}, 422, "invalid-period"),
        ("?group_by=colour", {}, 422, "validation-error"),
    ]:
        roles = token.pop("roles", ["official"] if token else ["operator"])
        response = await sla.client.get(f"/stats{query}", headers=sla.token(*roles, **token))
        assert (response.status_code, response.json()["type"]) == (
            status, f"urn:green-corridor:problem:{slug}"), query


async def test_gauges_for_the_dashboard(sla, history):
    await sla.clocks.refresh_metrics()
    text = (await sla.client.get("/metrics")).text
    samples = {(s.name, s.labels.get("organization"), s.labels.get("quantile")): s.value
               for family in text_string_to_metric_families(text) if family.name.startswith("gc_sla_")
               for s in family.samples if s.labels.get("organization") in (str(A), str(B))}
    assert samples == {
        ("gc_sla_on_time_ratio", str(A), None): 0.5, ("gc_sla_on_time_ratio", str(B), None): 1.0,
        ("gc_sla_answered_requests", str(A), None): 2, ("gc_sla_answered_requests", str(B), None): 1,
        ("gc_sla_open_clocks", str(A), None): 1, ("gc_sla_open_clocks", str(B), None): 1,
        ("gc_sla_breached_clocks", str(A), None): 2, ("gc_sla_breached_clocks", str(B), None): 0,
        ("gc_sla_response_working_days", str(A), "0.5"): pytest.approx((0.5 + LATE) / 2),
        ("gc_sla_response_working_days", str(A), "0.9"): pytest.approx(0.5 + 0.9 * (LATE - 0.5)),
        ("gc_sla_response_working_days", str(B), "0.5"): 2.0,
        ("gc_sla_response_working_days", str(B), "0.9"): 2.0,
    }


async def test_who_reads_which_clocks(sla, history):
    a1 = history["a1"]

    async def status(path: str, *roles: str, **token) -> int:
        return (await sla.client.get(path, headers=sla.token(*roles, **token))).status_code

    assert await status(f"/clocks/{a1.request_id}", "official", organization=A, kind="supplier") == 200
    assert await status(f"/clocks/{a1.request_id}", "official", organization=B, kind="supplier") == 403
    assert await status(f"/clocks/{a1.request_id}", "investor", organization=a1.investor, kind="investor") == 200
    assert await status(f"/clocks/{a1.request_id}", "investor", organization=uuid.uuid4(), kind="investor") == 403
    assert await status(f"/clocks/{a1.request_id}", "manager") == 200
    assert await status(f"/clocks/{uuid.uuid4()}", "operator") == 404
    assert await status("/clocks/not-a-uuid", "operator") == 422

    official = sla.token("official", organization=A, kind="supplier")
    listed = (await sla.client.get("/clocks", headers=official)).json()
    assert {c["request_id"] for c in listed} == {str(history[n].request_id) for n in ("a1", "a2", "a3")}
    assert (await sla.client.get(f"/clocks?organization={B}", headers=official)).status_code == 403
    breached = (await sla.client.get("/clocks?status=breached", headers=sla.token("operator"))).json()
    assert {c["request_id"] for c in breached} == {str(history[n].request_id) for n in ("a2", "a3")}
    mine = (await sla.client.get("/clocks", headers=sla.token("investor", organization=a1.investor,
                                                               kind="investor"))).json()
    assert [c["request_id"] for c in mine] == [str(a1.request_id)]
    assert (await sla.client.get("/clocks?limit=0", headers=sla.token("operator"))).status_code == 422
