"""Escalation: the responsible organisation's head at breach, the project's manager a working day
later, the agency head a working day after that — counted on the clock, so pauses and weekends wait.

The clock: registered Friday 14 March 2025 in the evening, 5 working days, breached Saturday 22 March
00:00 (the end of Friday 21); Monday 24 and Tuesday 25 are the next working days.
"""

import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from corridor_contracts.vocabulary import Role
from corridor_sla.domain.calendar import ProductionCalendar
from corridor_sla.domain.clock import SlaClock
from corridor_sla.domain.escalation import (DEFAULT_ESCALATION_CHAIN, EscalationRole, EscalationStep,
                                            next_escalation, next_escalation_at)
from corridor_sla.domain.events import Paused, Started, Stopped
from corridor_sla.domain.policy import SlaPolicy
from corridor_sla.service_layer.clocks import EscalationTargets

MSK = ZoneInfo("Europe/Moscow")
TICK = timedelta(microseconds=1)


def msk(month: int, day: int, hour: int = 0) -> datetime:
    return datetime(2025, month, day, hour, tzinfo=MSK)


def clock(*later_events) -> SlaClock:
    return SlaClock([Started(msk(3, 14, 19)), *later_events], SlaPolicy("standard"), ProductionCalendar())


def level(step: EscalationStep | None) -> int | None:
    return None if step is None else step.level


def test_the_chain_goes_from_the_organisation_to_the_manager_to_the_agency_head():
    assert [step.role for step in DEFAULT_ESCALATION_CHAIN] == [
        EscalationRole.RESPONSIBLE_ORGANISATION_HEAD, EscalationRole.PROJECT_MANAGER, EscalationRole.AGENCY_HEAD]


def test_the_first_level_is_due_exactly_at_breach():
    assert next_escalation(clock(), msk(3, 22) - TICK, set()) is None
    assert level(next_escalation(clock(), msk(3, 22), set())) == 1


def test_later_levels_wait_whole_working_days_skipping_the_weekend():
    running = clock()
    assert level(next_escalation(running, msk(3, 25) - TICK, {1})) is None
    assert level(next_escalation(running, msk(3, 25), {1})) == 2
    assert level(next_escalation(running, msk(3, 26) - TICK, {1, 2})) is None
    assert level(next_escalation(running, msk(3, 26), {1, 2})) == 3
    assert next_escalation(running, msk(4, 30), {1, 2, 3}) is None


def test_levels_missed_while_the_service_was_down_come_lowest_first():
    assert level(next_escalation(clock(), msk(4, 30), set())) == 1
    assert level(next_escalation(clock(), msk(4, 30), {1})) == 2


def test_a_pause_with_the_investor_holds_escalation():
    paused = clock(Paused(msk(3, 24, 10)))
    assert level(next_escalation(paused, msk(3, 24, 11), set())) == 1
    assert next_escalation(paused, msk(4, 30), {1}) is None
    assert next_escalation_at(paused, {1}) is None


def test_an_answered_request_is_not_escalated():
    assert next_escalation(clock(Stopped(msk(3, 24, 10))), msk(4, 30), set()) is None


def test_the_timer_knows_when_the_next_level_falls_due():
    assert next_escalation_at(clock(), set()) == msk(3, 22)
    assert next_escalation_at(clock(), {1}) == msk(3, 25)
    assert next_escalation_at(clock(), {1, 2, 3}) is None


def test_the_chain_is_data():
    slow = (EscalationStep(1, EscalationRole.PROJECT_MANAGER, 2),)
    assert next_escalation(clock(), msk(3, 26) - TICK, set(), slow) is None
    assert next_escalation(clock(), msk(3, 26), set(), slow) == slow[0]


def test_each_level_addresses_its_organisation_and_role():
    agency, body = uuid.uuid4(), uuid.uuid4()
    targets = EscalationTargets(agency)
    assert targets.target(EscalationRole.RESPONSIBLE_ORGANISATION_HEAD, body) == (body, Role.ORGANIZATION_HEAD)
    assert targets.target(EscalationRole.PROJECT_MANAGER, body) == (agency, Role.MANAGER)
    assert targets.target(EscalationRole.AGENCY_HEAD, body) == (agency, Role.AGENCY_HEAD)
