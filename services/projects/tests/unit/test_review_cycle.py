"""The review cycle of a project, as the aggregate enforces it."""

import uuid
from datetime import datetime, timedelta, timezone

import pytest

from corridor_projects.domain.errors import IllegalTransition, PassportIncomplete
from corridor_projects.domain.lifecycle import Action, ProjectStatus
from corridor_projects.domain.passport import Passport
from corridor_projects.domain.project import Project

T0 = datetime(2025, 4, 28, 7, 0, tzinfo=timezone.utc)
MANAGER = uuid.uuid4()


def draft(passport: dict) -> Project:
    return Project.draft(project_id=uuid.uuid4(), investor_organization_id=uuid.uuid4(),
                         passport=Passport.model_validate(passport), created_by=uuid.uuid4(), now=T0)


def test_return_and_resubmit_then_accept_and_complete(passport):
    project = draft(passport)
    project.submit(T0 + timedelta(hours=1))
    assert (project.status, project.passport_version) == (ProjectStatus.SUBMITTED, 1)

    project.return_for_revision("Уточните потребность в газе", T0 + timedelta(days=2))
    assert (project.status, project.review_note) == (ProjectStatus.RETURNED, "Уточните потребность в газе")

    passport["utilities"]["gas_m3_per_hour"] = 420
    project.edit_passport(Passport.model_validate(passport), T0 + timedelta(days=3))
    project.submit(T0 + timedelta(days=3))
    assert (project.status, project.passport_version) == (ProjectStatus.SUBMITTED, 2)
    assert project.submitted_at == T0 + timedelta(days=3)

    project.accept(MANAGER, T0 + timedelta(days=4))
    assert (project.status, project.manager_user_id, project.review_note) == (ProjectStatus.ACCEPTED, MANAGER, None)

    project.complete(T0 + timedelta(days=400))
    assert project.status is ProjectStatus.COMPLETED and project.updated_at == T0 + timedelta(days=400)


def test_a_rejection_is_final(passport):
    project = draft(passport)
    project.submit(T0)
    project.reject("Проект не соответствует критериям отбора", T0)
    for attempt in (lambda: project.submit(T0), lambda: project.accept(MANAGER, T0),
                    lambda: project.edit_passport(Passport(), T0)):
        with pytest.raises(IllegalTransition):
            attempt()
    assert project.status is ProjectStatus.REJECTED


def test_an_incomplete_passport_is_not_submitted(passport):
    del passport["applicant"]["inn"]
    project = draft(passport)
    with pytest.raises(PassportIncomplete) as raised:
        project.submit(T0)
    assert raised.value.status == 422
    assert [error["pointer"] for error in raised.value.extensions["errors"]] == ["#/applicant/inn"]
    assert (project.status, project.passport_version) == (ProjectStatus.DRAFT, 0)


@pytest.mark.parametrize("status, action", [
    (ProjectStatus.DRAFT, lambda p: p.accept(MANAGER, T0)),
    (ProjectStatus.DRAFT, lambda p: p.complete(T0)),
    (ProjectStatus.SUBMITTED, lambda p: p.submit(T0)),
    (ProjectStatus.SUBMITTED, lambda p: p.edit_passport(Passport(), T0)),
    (ProjectStatus.SUBMITTED, lambda p: p.complete(T0)),
    (ProjectStatus.SUBMITTED, lambda p: p.change_roadmap(Action.PUBLISH_ROADMAP, T0)),
    (ProjectStatus.ACCEPTED, lambda p: p.return_for_revision("поздно", T0)),
    (ProjectStatus.RETURNED, lambda p: p.accept(MANAGER, T0)),
    (ProjectStatus.COMPLETED, lambda p: p.change_roadmap(Action.CHANGE_TASK, T0)),
])
def test_illegal_moves_are_conflicts_that_say_what_would_be_allowed(passport, status, action):
    project = draft(passport)
    project.status = status
    with pytest.raises(IllegalTransition) as raised:
        action(project)
    assert raised.value.status == 409 and raised.value.slug == "conflict"
    assert raised.value.extensions["current_status"] == status
    assert project.status is status


def test_the_summary_is_what_requests_route_by(passport):
    project = draft(passport)
    summary = project.summary()
    assert (summary.name, summary.municipality_code, summary.industry_okved, summary.cadastral_number) == (
        "Завод по производству молочной продукции", "41612000", "10.51", "47:07:0000000:123")
    assert summary.investor_organization_id == project.investor_organization_id
