"""Compliance gauges for the operators' dashboard, served by the chassis at /metrics.

Why gauges refreshed from the store rather than counters bumped by the worker: every replica then
exports the same numbers (dashboards take `max by`), a restart loses nothing, and the numbers are
the ones GET /stats answers. Series are per organisation (id) and request type; a series without
answered requests has no on-time ratio or quantiles rather than a made-up zero.
"""

from __future__ import annotations

from collections.abc import Mapping

from prometheus_client import Gauge

from corridor_sla.domain.stats import ComplianceStats

_LABELS = ["organization", "request_type"]
ON_TIME = Gauge("gc_sla_on_time_ratio", "Share of answered requests answered by their deadline", _LABELS)
ANSWERED = Gauge("gc_sla_answered_requests", "Answered requests (closed clocks in the window)", _LABELS)
OPEN = Gauge("gc_sla_open_clocks", "Clocks still running or paused", _LABELS)
BREACHED = Gauge("gc_sla_breached_clocks", "Open clocks past their deadline, and late answers", _LABELS)
RESPONSE = Gauge("gc_sla_response_working_days", "Response time of answered requests in working days",
                 [*_LABELS, "quantile"])
_GAUGES = (ON_TIME, ANSWERED, OPEN, BREACHED, RESPONSE)


def publish_compliance(stats: Mapping[tuple[str, str], ComplianceStats]) -> None:
    """Replace every series at once (no await inside, so a scrape never sees half of them)."""
    for gauge in _GAUGES:
        gauge.clear()
    for (organization, request_type), numbers in stats.items():
        labels = {"organization": organization, "request_type": request_type}
        ANSWERED.labels(**labels).set(numbers.answered)
        OPEN.labels(**labels).set(numbers.open)
        BREACHED.labels(**labels).set(numbers.breached)
        if numbers.on_time_share is not None:
            ON_TIME.labels(**labels).set(numbers.on_time_share)
        for quantile, value in (("0.5", numbers.median_response_working_days),
                                ("0.9", numbers.p90_response_working_days)):
            if value is not None:
                RESPONSE.labels(**labels, quantile=quantile).set(value)
