"""Compliance statistics: share answered on time, response times in working days, open and breached."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from corridor_sla.domain.calendar import ProductionCalendar
from corridor_sla.domain.clock import ClockStatus, SlaClock
from corridor_sla.domain.events import Paused, Resumed, Started, Stopped
from corridor_sla.domain.policy import SlaPolicy
from corridor_sla.domain.stats import (ClockRecord, by_month, by_organisation, by_request_type, compliance,
                                       compliance_by)

MARCH, APRIL = date(2025, 3, 3), date(2025, 4, 7)


def answered(org: str, days: float, status: ClockStatus = ClockStatus.MET, on: date = MARCH,
             kind: str = "consultation") -> ClockRecord:
    return ClockRecord(org, kind, on, status, is_open=False, answered=True, response_working_days=days)


def still_open(org: str, status: ClockStatus, on: date = MARCH) -> ClockRecord:
    return ClockRecord(org, "consultation", on, status, is_open=True, answered=False, response_working_days=None)


RECORDS = [
    answered("grid", 2.0), answered("grid", 3.0), answered("grid", 6.5, ClockStatus.BREACHED, on=APRIL),
    still_open("grid", ClockStatus.BREACHED), still_open("grid", ClockStatus.RUNNING, on=APRIL),
    ClockRecord("grid", "consultation", MARCH, ClockStatus.STOPPED, False, False, None),  # withdrawn
    answered("water", 1.0, kind="gpzu"),
]


def test_overall_compliance():
    stats = compliance(RECORDS)
    assert (stats.total, stats.answered, stats.answered_on_time) == (7, 4, 3)
    assert stats.on_time_share == 0.75
    assert stats.median_response_working_days == 2.5
    # p90 of 1, 2, 3, 6.5 interpolated between ranks: 3 + 0.7 × 3.5.
    assert stats.p90_response_working_days == pytest.approx(5.45)
    assert (stats.open, stats.breached) == (2, 2)


def test_grouped_by_organisation_request_type_and_month_of_registration():
    by_org = compliance_by(RECORDS, by_organisation)
    assert list(by_org) == ["grid", "water"]
    assert (by_org["grid"].on_time_share, by_org["water"].on_time_share) == (2 / 3, 1.0)
    assert compliance_by(RECORDS, by_request_type)["gpzu"].answered == 1
    months = compliance_by(RECORDS, by_month)
    assert (months["2025-03"].total, months["2025-04"].total) == (5, 2)
    assert months["2025-04"].breached == 1


def test_no_answers_means_no_share_and_one_answer_is_its_own_percentile():
    assert compliance([still_open("grid", ClockStatus.RUNNING)]).on_time_share is None
    assert compliance([]).median_response_working_days is None
    assert compliance([answered("grid", 4.0)]).p90_response_working_days == 4.0


def test_a_record_is_taken_from_a_clock_excluding_time_with_the_investor():
    # Monday 1 + Tuesday to noon 0.5 + (paused a day) + Wednesday from noon 0.5 + Thursday to 18:00 0.75.
    moscow = ZoneInfo("Europe/Moscow")
    events = [Started(datetime(2025, 3, 14, 19, tzinfo=moscow)), Paused(datetime(2025, 3, 18, 12, tzinfo=moscow)),
              Resumed(datetime(2025, 3, 19, 12, tzinfo=moscow)), Stopped(datetime(2025, 3, 20, 18, tzinfo=moscow))]
    state = SlaClock(events, SlaPolicy("standard"), ProductionCalendar()).state(datetime(2025, 4, 1, tzinfo=moscow))
    record = ClockRecord.of(state, organisation_id="grid", request_type="consultation")
    assert record == ClockRecord("grid", "consultation", date(2025, 3, 14), ClockStatus.MET, False, True, 2.75)
