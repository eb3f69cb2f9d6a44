"""Who must hear of each event, before projections turn audiences into people."""

from __future__ import annotations

from datetime import date

from corridor_contracts import (
    ProjectRejected, RequestRedirected, RequestSubmitted, RequestWithdrawn, Role, SlaClockStarted, UserRegistered,
)
from corridor_contracts.vocabulary import OrganizationKind
from corridor_notifications.domain.audience import (
    Heads, Investors, Members, ProjectManager, RecipientOfficials, plan_for,
)
from corridor_notifications.domain.kinds import NotificationKind

from ..examples import (
    AT, clarification_requested, new_id, project_accepted, request_answered, request_routed, sla_breached,
    sla_escalated, sla_warning, user,
)

PROJECT, REQUEST, INVESTOR, BODY, AGENCY, MANAGER = (new_id() for _ in range(6))


def test_an_answer_goes_to_the_investor_company_found_through_the_request() -> None:
    plan = plan_for(request_answered(REQUEST, PROJECT, recipient=BODY))
    assert plan.kind is NotificationKind.REQUEST_ANSWERED
    assert plan.audiences == (Investors(PROJECT, REQUEST),)
    assert plan.request_id == REQUEST and plan.project_id == PROJECT
    assert plan.facts["text"].startswith("ГПЗУ")


def test_a_clarification_question_goes_to_the_investor() -> None:
    plan = plan_for(clarification_requested(REQUEST, PROJECT, recipient=BODY))
    assert (plan.kind, plan.audiences) == (NotificationKind.CLARIFICATION_REQUESTED, (Investors(PROJECT, REQUEST),))


def test_a_routed_request_and_a_warning_go_to_the_recipient_organisations_officials() -> None:
    routed = plan_for(request_routed(REQUEST, PROJECT, investor=INVESTOR, recipient=BODY))
    warning = plan_for(sla_warning(REQUEST, PROJECT, recipient=BODY))
    assert routed.audiences == warning.audiences == (Members(BODY, Role.OFFICIAL),)
    assert warning.kind is NotificationKind.SLA_WARNING


def test_a_breach_reaches_the_responsible_officials_and_the_projects_manager() -> None:
    plan = plan_for(sla_breached(REQUEST, PROJECT, recipient=BODY))
    assert plan.audiences == (Members(BODY, Role.OFFICIAL), ProjectManager(PROJECT))


def test_each_escalation_level_reaches_the_people_the_sla_chain_names() -> None:
    level_1 = sla_escalated(REQUEST, PROJECT, recipient=BODY, level=1, to_organization=BODY,
                            to_role=Role.ORGANIZATION_HEAD)
    level_2 = sla_escalated(REQUEST, PROJECT, recipient=BODY, level=2, to_organization=AGENCY, to_role=Role.MANAGER)
    level_3 = sla_escalated(REQUEST, PROJECT, recipient=BODY, level=3, to_organization=AGENCY,
                            to_role=Role.AGENCY_HEAD)
    assert plan_for(level_1).audiences == (Heads(BODY),)  # its officials while it has no head (recipients.py)
    assert plan_for(level_2).audiences == (ProjectManager(PROJECT),)  # the project's own manager, not all of them
    assert plan_for(level_3).audiences == (Members(AGENCY, Role.AGENCY_HEAD),)


def test_an_escalation_naming_any_other_role_reaches_that_role_in_that_organisation() -> None:
    """An escalation published before the sla service named heads still reaches the body's officials."""
    level_1 = sla_escalated(REQUEST, PROJECT, recipient=BODY, level=1, to_organization=BODY, to_role=Role.OFFICIAL)
    assert plan_for(level_1).audiences == (Members(BODY, Role.OFFICIAL),)


def test_acceptance_tells_the_investor_named_in_the_event_and_the_assigned_manager() -> None:
    plan = plan_for(project_accepted(PROJECT, investor=INVESTOR, manager=MANAGER))
    assert plan.kind is NotificationKind.PROJECT_ACCEPTED
    assert plan.audiences == (Investors(PROJECT, organization_id=INVESTOR), ProjectManager(PROJECT))
    rejected = ProjectRejected(occurred_at=AT, project_id=PROJECT, investor_organization_id=INVESTOR,
                               reason="Проект не соответствует критериям", actor_id=None)
    assert plan_for(rejected).audiences == (Investors(PROJECT, organization_id=INVESTOR),)


def test_a_redirect_tells_the_new_recipient_and_the_investor() -> None:
    event = RequestRedirected(occurred_at=AT, request_id=REQUEST, project_id=PROJECT, from_organization_id=BODY,
                              to_organization_id=AGENCY, to_organization_kind=OrganizationKind.MUNICIPALITY,
                              reason="Участок в границах поселения", actor_id=None)
    assert plan_for(event).audiences == (Members(AGENCY, Role.OFFICIAL), Investors(PROJECT, REQUEST))


def test_a_withdrawal_goes_to_whoever_holds_the_request_now() -> None:
    event = RequestWithdrawn(occurred_at=AT, request_id=REQUEST, project_id=PROJECT, reason=None, actor_id=None)
    assert plan_for(event).audiences == (RecipientOfficials(REQUEST),)


def test_facts_nobody_needs_to_hear_of_make_no_plan() -> None:
    submitted = RequestSubmitted(occurred_at=AT, request_id=REQUEST, project_id=PROJECT,
                                 investor_organization_id=INVESTOR, request_type_code="gpzu", subject="ГПЗУ",
                                 registered_at=AT, documents=[], actor_id=None)
    started = SlaClockStarted(occurred_at=AT, request_id=REQUEST, project_id=PROJECT, recipient_organization_id=BODY,
                              request_type_code="gpzu", policy_code="standard-7", target_working_days=7,
                              starts_on=date(2026, 3, 17), due_on=date(2026, 3, 25))
    registered: UserRegistered = user(INVESTOR)
    assert plan_for(submitted) is None and plan_for(started) is None and plan_for(registered) is None
