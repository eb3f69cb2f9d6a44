"""The clock-offset hook lets an end-to-end test in other processes move the SLA service's time, and only there."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from corridor_sla.bootstrap import clock_for, system_now
from corridor_sla.settings import Settings


def test_without_an_offset_the_service_runs_on_the_system_clock() -> None:
    assert clock_for(Settings(environment="test")) is system_now


def test_an_offset_moves_the_services_clock_ahead_of_the_system_clock() -> None:
    now = clock_for(Settings(environment="test", sla_clock_offset_seconds=15 * 86400))
    before = datetime.now(timezone.utc)
    moved = now()
    assert moved.tzinfo is not None
    assert timedelta(days=15) <= moved - before < timedelta(days=15, seconds=5)


def test_production_refuses_the_offset() -> None:
    with pytest.raises(ValidationError, match="GC_SLA_CLOCK_OFFSET_SECONDS"):
        Settings(environment="production", sla_agency_organization_id="6f1c0e0a-54a5-4d4f-9a42-3b0e0c7f1a11",
                 sla_clock_offset_seconds=60)
