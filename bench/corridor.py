"""The suite part of the benchmark: a sustained load of filings, and how long each fact takes to show.

Concurrent investor clients file heat-connection requests back to back for a fixed time. Every
submission is timed from just before its POST; the topic watch (same process, same kind of consumer as
the Kafka ceiling) notes when each consequence first appears: the SupplierRequestDispatched on the heat
supplier's topic, the SlaClockStarted on sla.clock.v1, and the NotificationDelivered of the e-mail
telling the supplier's official that the request was routed to them (SMTP accepted it).
Supplier systems are not running: the measured path ends at the supplier's topic.
"""

from __future__ import annotations

import asyncio
import time

from bench.load import SUPPLIER, Client, Filed, file_heat_request
from bench.measure import percentiles
from bench.observe import TopicWatch
from corridor_contracts import (
    NotificationDelivered, RequestRouted, SlaClockStarted, SupplierRequestDispatched, supplier_topic,
)
from demo.client import Corridor

STAGES = ("supplier_topic", "sla_clock_started", "notification_email")


async def drive(corridor: Corridor, clients: list[Client], *, seconds: float) -> tuple[list[Filed], float]:
    """Each client files requests one after another until `seconds` have passed; returns them and the time."""
    filed: list[Filed] = []
    began = time.monotonic()
    stop_at = began + seconds

    async def investor(client: Client) -> None:
        number = 0
        while time.monotonic() < stop_at:
            number += 1
            filed.append(await file_heat_request(corridor, client, f"Нагрузка {client.email} №{number}"))

    await asyncio.gather(*(investor(client) for client in clients))
    return filed, time.monotonic() - began


def arrivals(watch: TopicWatch, request_ids: list[str]) -> dict[str, dict[str, float]]:
    """When each consequence of each request first arrived (time.monotonic()); absent if it has not."""
    mailed: dict[str, float] = {}  # RequestRouted event id → first e-mail delivery it caused
    for arrival in watch.all(NotificationDelivered):
        if arrival.data.channel.value == "email":
            cause = arrival.data.cause_event_id
            mailed[cause] = min(mailed.get(cause, arrival.first_seen), arrival.first_seen)
    found: dict[str, dict[str, float]] = {}
    for request_id in request_ids:
        seen = found[request_id] = {}
        if dispatched := [a for a in watch.events(request_id, SupplierRequestDispatched)
                          if a.topic == supplier_topic(SUPPLIER)]:
            seen["supplier_topic"] = dispatched[0].first_seen
        if started := watch.events(request_id, SlaClockStarted):
            seen["sla_clock_started"] = started[0].first_seen
        if (routed := watch.events(request_id, RequestRouted)) and routed[0].envelope.id in mailed:
            seen["notification_email"] = mailed[routed[0].envelope.id]
    return found


async def measure_suite(corridor: Corridor, clients: list[Client], watch: TopicWatch, *, seconds: float,
                        settle_seconds: float = 180) -> dict:
    filed, elapsed = await drive(corridor, clients, seconds=seconds)
    ids = [f.request_id for f in filed]
    settled = await watch.until(lambda: all(len(seen) == len(STAGES) for seen in arrivals(watch, ids).values()),
                                timeout=settle_seconds)
    found = arrivals(watch, ids)
    latency = {"accepted": [f.accepted - f.started for f in filed]}
    for stage in STAGES:
        latency[stage] = [found[f.request_id][stage] - f.started for f in filed if stage in found[f.request_id]]
    return {"clients": len(clients), "seconds": elapsed, "accepted": len(filed), "per_second": len(filed) / elapsed,
            "settled": settled, "missing": {stage: len(filed) - len(latency[stage]) for stage in STAGES},
            "latency_s": {key: percentiles(samples) for key, samples in latency.items()}}
