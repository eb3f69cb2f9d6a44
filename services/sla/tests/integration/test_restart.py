"""Restart: every open clock comes back from the changelog, with its deadline and what was announced."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

MSK = ZoneInfo("Europe/Moscow")


def msk(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=MSK)


async def test_a_restarted_service_recovers_every_clock_and_carries_on(start_sla, clock):
    async with start_sla() as sla:
        running, paused, answered = sla.story(), sla.story(), sla.story()
        for story in (running, paused, answered):
            await sla.publish(story.submitted(msk(3, 14, 19, 30)), story.routed(msk(3, 14, 19, 31)))
        await sla.publish(paused.paused(msk(3, 18, 12)), answered.answered(msk(3, 18, 13)))
        await sla.at(msk(3, 19, 12))
        before = {t.request_id: t for t in sla.clocks.stream.tracked()}
        published = await sla.published()
    assert len(before) == 3

    async with start_sla() as sla:  # the same store, data directory and changelog topic
        recovered = {t.request_id: t for t in sla.clocks.stream.tracked()}
        assert recovered == before
        assert await sla.published() == published, "recovery announces nothing again"

        await sla.at(msk(3, 22))
        assert (await sla.kinds(running))[-2:] == ["SlaBreached", "SlaEscalated"]
        assert "SlaBreached" not in await sla.kinds(paused) + await sla.kinds(answered)

        await sla.publish(paused.resumed(msk(3, 24, 12)))  # applied to the recovered history
        resumed = (await sla.published(paused))[-1].data
        assert (type(resumed).__name__, resumed.due_on) == ("SlaClockResumed", date(2025, 3, 27))
        operator = sla.token("operator")
        statuses = {s.request_id: (await sla.client.get(f"/clocks/{s.request_id}", headers=operator)).json()["status"]
                    for s in (running, paused, answered)}
        assert statuses == {running.request_id: "breached", paused.request_id: "running",
                            answered.request_id: "met"}
