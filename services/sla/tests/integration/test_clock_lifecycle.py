"""A request's clock from routing to verdict, on the real broker and store, under a controlled clock.

The running example: registered Friday 14 March 2025 at 19:30 (Moscow), 5 working days by the
default policy, counted from Monday 17; half the term is used at Wednesday 19 noon, 80 % at the
end of Thursday, the last working day (Friday 21) begins at 00:00, and the clock is breached at
Saturday 22 00:00. Escalation: level 1 at the breach, level 2 a working day later (Tuesday 25
00:00, the weekend does not count), level 3 another working day later (Wednesday 26 00:00).
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from corridor_contracts.events.sla import SlaBreached, SlaClockStarted, SlaEscalated, SlaWarning
from corridor_contracts.vocabulary import Role

MSK = ZoneInfo("Europe/Moscow")
TICK = timedelta(microseconds=1)


def msk(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=MSK)


async def test_warnings_breach_and_escalations_fire_exactly_when_crossed(sla):
    assert (await sla.client.get("/readyz")).json()["checks"]["task:stream"] is True
    story = sla.story()
    await sla.publish(story.submitted(msk(3, 14, 19, 30)), story.routed(msk(3, 14, 19, 31)))

    [started] = await sla.published(story)
    assert isinstance(started.data, SlaClockStarted)
    assert (started.data.starts_on, started.data.due_on, started.data.target_working_days) == (
        date(2025, 3, 17), date(2025, 3, 21), 5)
    assert started.data.recipient_organization_id == story.recipient

    assert await sla.at(msk(3, 19, 12) - TICK) == 0
    assert await sla.at(msk(3, 19, 12)) == 1
    *_, half = await sla.published(story)
    assert isinstance(half.data, SlaWarning)
    assert (half.data.percent_elapsed, half.data.occurred_at, half.data.remaining_working_minutes) == (
        50, msk(3, 19, 12), 2.5 * 24 * 60)

    await sla.at(msk(3, 21, 0))
    assert await sla.kinds(story) == ["SlaClockStarted", "SlaWarning", "SlaWarning", "SlaWarning"]
    warnings = [e.data for e in await sla.published(story) if isinstance(e.data, SlaWarning)]
    # 80 % is used up as Thursday ends, which is also when the last working day begins.
    assert [(w.percent_elapsed, w.occurred_at) for w in warnings] == [
        (50, msk(3, 19, 12)), (80, msk(3, 21)), (80, msk(3, 21))]

    await sla.at(msk(3, 22) - TICK)
    assert "SlaBreached" not in await sla.kinds(story)
    await sla.at(msk(3, 22))
    breached, first = [e.data for e in (await sla.published(story))[-2:]]
    assert isinstance(breached, SlaBreached) and breached.occurred_at == msk(3, 22)
    assert isinstance(first, SlaEscalated)
    assert (first.level, first.escalated_to_organization_id, first.escalated_to_role) == (
        1, story.recipient, Role.ORGANIZATION_HEAD)

    await sla.at(msk(3, 24, 23))
    assert (await sla.kinds(story)).count("SlaEscalated") == 1
    await sla.at(msk(3, 26, 9))  # the service was down over the 25th: both levels come, lowest first
    escalations = [e.data for e in await sla.published(story) if isinstance(e.data, SlaEscalated)]
    assert [(e.level, e.escalated_to_organization_id, e.escalated_to_role, e.occurred_at) for e in escalations] == [
        (1, story.recipient, Role.ORGANIZATION_HEAD, msk(3, 22)),
        (2, sla.agency, Role.MANAGER, msk(3, 25)),
        (3, sla.agency, Role.AGENCY_HEAD, msk(3, 26))]
    assert await sla.at(msk(4, 30)) == 0

    clock = (await sla.client.get(f"/clocks/{story.request_id}", headers=sla.token("operator"))).json()
    assert (clock["status"], clock["due_on"], clock["announced"][:2]) == ("breached", "2025-03-21",
                                                                           ["breached:0", "escalated:0:1"])


async def test_a_clarification_pauses_the_clock_and_moves_the_due_date_by_the_paused_working_time(sla):
    story = sla.story()
    await sla.publish(story.submitted(msk(3, 14, 19, 30)), story.routed(msk(3, 14, 19, 31)),
                      story.paused(msk(3, 18, 12)))
    assert await sla.at(msk(3, 28)) == 0, "a paused clock neither warns nor breaches"
    await sla.publish(story.resumed(msk(3, 20, 12)))  # two working days later
    paused, resumed = [e.data for e in (await sla.published(story))[1:]]
    assert (paused.elapsed_working_minutes, resumed.elapsed_working_minutes) == (1.5 * 1440, 1.5 * 1440)
    assert resumed.due_on == date(2025, 3, 25)

    await sla.publish(story.answered(msk(3, 25, 17)))
    assert await sla.kinds(story) == ["SlaClockStarted", "SlaClockPaused", "SlaClockResumed", "SlaMet"]
    met = (await sla.published(story))[-1].data
    assert (met.due_on, met.elapsed_working_minutes) == (date(2025, 3, 25), 5 * 1440 - 7 * 60)
    clock = (await sla.client.get(f"/clocks/{story.request_id}", headers=sla.token("operator"))).json()
    assert (clock["status"], clock["outcome"], clock["due_on"]) == ("met", "answered", "2025-03-25")
    assert [event["kind"] for event in clock["history"]] == ["started", "paused", "resumed", "stopped"]


async def test_a_redirect_keeps_the_time_used_unless_the_policy_restarts_the_term(sla):
    operator = sla.token("operator")
    response = await sla.client.put("/policies/gpzu", headers=operator,
                                    json={"target_working_days": 5, "redirect_rule": "restart"})
    assert response.status_code == 200, response.json()
    await sla.clocks.worker.load_rules()
    keeps, restarts = sla.story(), sla.story(request_type="gpzu")
    municipality = sla.story().recipient
    for story in (keeps, restarts):
        await sla.publish(story.submitted(msk(3, 14, 19, 30)), story.routed(msk(3, 14, 19, 31)))
    await sla.at(msk(3, 19, 12))
    for story in (keeps, restarts):
        await sla.publish(story.redirected(msk(3, 19, 15), to=municipality))

    restarted_at_redirect = [e.data for e in await sla.published(keeps)][-1]
    assert isinstance(restarted_at_redirect, SlaClockStarted)
    assert restarted_at_redirect.recipient_organization_id == municipality
    assert (restarted_at_redirect.starts_on, restarted_at_redirect.due_on) == (date(2025, 3, 17), date(2025, 3, 21))
    new_term = [e.data for e in await sla.published(restarts)][-1]
    assert (new_term.starts_on, new_term.due_on) == (date(2025, 3, 20), date(2025, 3, 26))

    await sla.at(msk(3, 24, 12))  # the restarted clock warns again in its new cycle
    assert [e.data.percent_elapsed for e in await sla.published(restarts) if isinstance(e.data, SlaWarning)] == [
        50, 50]
    # The policy in force at the redirect was stamped on it: setting it back to continue changes nothing.
    await sla.client.put("/policies/gpzu", headers=operator, json={"target_working_days": 5})
    clock = (await sla.client.get(f"/clocks/{restarts.request_id}", headers=operator)).json()
    assert (clock["cycle"], clock["due_on"], clock["history"][-1]) == (
        1, "2025-03-26", {"kind": "redirected", "at": msk(3, 19, 15).isoformat(), "rule": "restart"})


async def test_a_withdrawn_request_stops_its_clock_without_a_verdict(sla):
    story = sla.story()
    await sla.publish(story.submitted(msk(3, 14, 19, 30)), story.routed(msk(3, 14, 19, 31)),
                      story.withdrawn(msk(3, 18, 10)))
    assert await sla.at(msk(4, 30)) == 0
    assert await sla.kinds(story) == ["SlaClockStarted"]
    clock = (await sla.client.get(f"/clocks/{story.request_id}", headers=sla.token("operator"))).json()
    assert (clock["status"], clock["outcome"]) == ("stopped", "withdrawn")


async def test_a_backlog_is_judged_by_when_things_happened_not_when_the_worker_reads_them(sla):
    # The worker was down from before the routing until April; the answer came on time on the 21st.
    sla.clock.set(msk(4, 10))
    story = sla.story()
    await sla.publish(story.submitted(msk(3, 14, 19, 30)), story.routed(msk(3, 14, 19, 31)),
                      story.answered(msk(3, 21, 18)))
    await sla.at(msk(4, 10))
    assert await sla.kinds(story) == ["SlaClockStarted", "SlaMet"], "no stale warnings for an answered request"
    late = sla.story()
    await sla.publish(late.submitted(msk(3, 14, 19, 30)), late.routed(msk(3, 14, 19, 31)),
                      late.answered(msk(3, 24, 9)))
    assert (await sla.kinds(late))[-1] == "SlaBreached", "answered late: breached, never met, nobody chased"
    assert "SlaEscalated" not in await sla.kinds(late)


async def test_events_before_routing_or_after_the_verdict_change_nothing(sla):
    story = sla.story()
    await sla.publish(story.submitted(msk(3, 14, 19, 30)), story.paused(msk(3, 14, 20)))
    assert await sla.published(story) == []
    assert (await sla.client.get(f"/clocks/{story.request_id}", headers=sla.token("operator"))).status_code == 404
    await sla.publish(story.routed(msk(3, 14, 19, 31)), story.answered(msk(3, 17, 10)),
                      story.resumed(msk(3, 17, 11)), story.answered(msk(3, 17, 12)))
    assert await sla.kinds(story) == ["SlaClockStarted", "SlaMet"]
