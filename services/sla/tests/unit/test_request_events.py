"""How request lifecycle events become clock history (service_layer.tracking, no I/O)."""

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from corridor_contracts.envelope import Envelope
from corridor_contracts.events.requests import (
    ClarificationProvided, ClarificationRequested, RequestAnswered, RequestClosed, RequestOutcome, RequestRedirected,
    RequestRouted, RequestSubmitted,
)
from corridor_contracts.vocabulary import OrganizationKind
from corridor_sla.domain.calendar import ProductionCalendar
from corridor_sla.domain.events import Outcome, Paused, Redirected, Resumed, Started, Stopped
from corridor_sla.domain.policy import RedirectRule, SlaPolicy
from corridor_sla.domain.rules import SlaRules
from corridor_sla.service_layer.tracking import track

MSK = ZoneInfo("Europe/Moscow")
REQUEST, PROJECT, INVESTOR, POWER, TOWN = (uuid.uuid4() for _ in range(5))
IDS = {"request_id": REQUEST, "project_id": PROJECT}
RESTARTING = SlaRules(ProductionCalendar(), SlaPolicy("default"),
                      {"gpzu": SlaPolicy("gpzu", redirect_rule=RedirectRule.RESTART)})


def msk(day: int, hour: int = 0) -> datetime:
    return datetime(2025, 3, day, hour, tzinfo=MSK)


def wrap(event) -> Envelope:
    return Envelope.wrap(event)


def routed_history(request_type: str = "gpzu"):
    submitted = RequestSubmitted(**IDS, occurred_at=msk(14, 19), investor_organization_id=INVESTOR,
                                 request_type_code=request_type, subject="ГПЗУ", registered_at=msk(14, 19),
                                 documents=[], actor_id=None)
    routed = RequestRouted(**IDS, occurred_at=msk(15, 9), investor_organization_id=INVESTOR,
                           request_type_code=request_type, subject="ГПЗУ", recipient_organization_id=POWER,
                           recipient_kind=OrganizationKind.SUPPLIER, rule_id="r1", explanation="by type")
    return track(track(None, wrap(submitted), RESTARTING), wrap(routed), RESTARTING)


def test_routing_starts_the_clock_from_the_registration():
    record = routed_history()
    assert record.events == (Started(msk(14, 19)),)
    assert (record.routed_at, record.recipient_organization_id, record.request_type) == (msk(15, 9), str(POWER), "gpzu")


def test_a_redirect_carries_the_rule_in_force_and_moves_the_recipient():
    redirected = RequestRedirected(**IDS, occurred_at=msk(17, 10), from_organization_id=POWER,
                                   to_organization_id=TOWN, to_organization_kind=OrganizationKind.MUNICIPALITY,
                                   reason="не наш", actor_id=None)
    record = track(routed_history(), wrap(redirected), RESTARTING)
    assert record.events[-1] == Redirected(msk(17, 10), RedirectRule.RESTART)
    assert record.recipient_organization_id == str(TOWN)


def test_clarifications_pause_and_resume_and_an_answer_stops():
    events = [ClarificationRequested(**IDS, occurred_at=msk(17), recipient_organization_id=POWER, question="?",
                                     actor_id=None),
              ClarificationProvided(**IDS, occurred_at=msk(18), recipient_organization_id=POWER, text="!",
                                    documents=[], actor_id=None),
              RequestAnswered(**IDS, occurred_at=msk(19), recipient_organization_id=POWER, text="да", documents=[],
                              actor_id=None)]
    record = routed_history()
    for event in events:
        record = track(record, wrap(event), RESTARTING)
    assert record.events[1:] == (Paused(msk(17)), Resumed(msk(18)), Stopped(msk(19), Outcome.ANSWERED))


def test_a_delivered_again_or_impossible_event_changes_no_history_but_is_remembered():
    resume = wrap(ClarificationProvided(**IDS, occurred_at=msk(17), recipient_organization_id=POWER, text="!",
                                        documents=[], actor_id=None))
    record = routed_history()
    ignored = track(record, resume, RESTARTING)  # resuming a running clock
    assert ignored.events == record.events and ignored.has_applied(resume.id)
    assert track(ignored, resume, RESTARTING) is ignored


def test_closing_with_the_project_stops_an_open_clock_without_a_verdict():
    closed = RequestClosed(**IDS, occurred_at=msk(20), outcome=RequestOutcome.PROJECT_CLOSED, actor_id=None)
    assert track(routed_history(), wrap(closed), RESTARTING).events[-1] == Stopped(msk(20), Outcome.WITHDRAWN)
    after_answer = RequestClosed(**IDS, occurred_at=msk(20), outcome=RequestOutcome.ANSWERED, actor_id=None)
    assert track(routed_history(), wrap(after_answer), RESTARTING).events == (Started(msk(14, 19)),)


def test_the_clock_keeps_the_policy_its_request_type_names():
    submitted = RequestSubmitted(**IDS, occurred_at=msk(14, 19), investor_organization_id=INVESTOR,
                                 request_type_code="gas-connection", subject="ТУ", registered_at=msk(14, 19),
                                 documents=[], actor_id=None, sla_policy_code="supplier-7wd")
    routed = RequestRouted(**IDS, occurred_at=msk(15, 9), investor_organization_id=INVESTOR,
                           request_type_code="gas-connection", subject="ТУ", recipient_organization_id=POWER,
                           recipient_kind=OrganizationKind.SUPPLIER, rule_id=None, explanation="by type")
    record = track(track(None, wrap(submitted), RESTARTING), wrap(routed), RESTARTING)
    assert record.policy_code == "supplier-7wd", "a routing that names none keeps the one the submission named"
    renamed = track(track(None, wrap(submitted), RESTARTING),
                    wrap(routed.model_copy(update={"sla_policy_code": "regional-5wd"})), RESTARTING)
    assert renamed.policy_code == "regional-5wd"


def test_a_redirect_carries_the_rule_of_the_named_policy():
    rules = SlaRules(ProductionCalendar(), SlaPolicy("default"), {},
                     {"municipality-5wd": SlaPolicy("municipality-5wd", redirect_rule=RedirectRule.RESTART)})
    routed = RequestRouted(**IDS, occurred_at=msk(15, 9), investor_organization_id=INVESTOR,
                           request_type_code="land-plot-selection", subject="Участок", recipient_organization_id=TOWN,
                           recipient_kind=OrganizationKind.MUNICIPALITY, rule_id=None, explanation="by type",
                           sla_policy_code="municipality-5wd")
    redirected = RequestRedirected(**IDS, occurred_at=msk(17, 10), from_organization_id=TOWN,
                                   to_organization_id=POWER, to_organization_kind=OrganizationKind.SUPPLIER,
                                   reason="не наш", actor_id=None)
    record = track(track(None, wrap(routed), rules), wrap(redirected), rules)
    assert record.events[-1] == Redirected(msk(17, 10), RedirectRule.RESTART)
