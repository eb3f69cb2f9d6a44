"""Compliance statistics: how well organisations keep their terms.

Why from records: the service keeps one small ClockRecord per clock (refreshed as clocks change),
so the dashboard's numbers are a pure function of those rows and are tested here, not in SQL.

Definitions: a request counts in the month it was registered, so a record never moves between
periods. "On time" is the share of answered requests answered before their deadline (withdrawn
ones are left out). Response time is consumed working time at the answer — pauses with the investor
excluded — in working days; p90 interpolates between ranks (statistics' "inclusive" method, as
numpy's default percentile). "Breached" counts open clocks past their deadline and late answers.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from .clock import ClockState, ClockStatus
from .events import Outcome


@dataclass(frozen=True)
class ClockRecord:
    organisation_id: str
    request_type: str
    registered_on: date
    status: ClockStatus
    is_open: bool
    answered: bool
    response_working_days: float | None  # answered clocks only

    @classmethod
    def of(cls, state: ClockState, *, organisation_id: str, request_type: str) -> ClockRecord:
        answered = state.outcome == Outcome.ANSWERED
        return cls(organisation_id, request_type, state.registered_at.date(), state.status, state.is_open,
                   answered, state.consumed_working_days if answered else None)


@dataclass(frozen=True)
class ComplianceStats:
    total: int
    answered: int
    answered_on_time: int
    on_time_share: float | None
    median_response_working_days: float | None
    p90_response_working_days: float | None
    open: int
    breached: int


def compliance(records: Iterable[ClockRecord]) -> ComplianceStats:
    records = list(records)
    answered = [r for r in records if r.answered]
    on_time = sum(r.status == ClockStatus.MET for r in answered)
    times = sorted(r.response_working_days for r in answered)
    return ComplianceStats(
        total=len(records), answered=len(answered), answered_on_time=on_time,
        on_time_share=on_time / len(answered) if answered else None,
        median_response_working_days=statistics.median(times) if times else None,
        p90_response_working_days=_p90(times),
        open=sum(r.is_open for r in records),
        breached=sum(r.status == ClockStatus.BREACHED for r in records))


def compliance_by(records: Iterable[ClockRecord],
                  key: Callable[[ClockRecord], str]) -> dict[str, ComplianceStats]:
    """Statistics per group, e.g. compliance_by(records, by_organisation), in key order."""
    groups: dict[str, list[ClockRecord]] = defaultdict(list)
    for record in records:
        groups[key(record)].append(record)
    return {group: compliance(members) for group, members in sorted(groups.items())}


def by_organisation(record: ClockRecord) -> str:
    return record.organisation_id


def by_request_type(record: ClockRecord) -> str:
    return record.request_type


def by_month(record: ClockRecord) -> str:
    return f"{record.registered_on:%Y-%m}"


def _p90(times: list[float]) -> float | None:
    if len(times) < 2:
        return times[0] if times else None
    return statistics.quantiles(times, n=10, method="inclusive")[-1]
