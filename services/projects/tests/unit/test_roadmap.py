"""Roadmaps: algorithms laid out as dated tasks on the working-day calendar, and how tasks move."""

from datetime import date

import pytest

from corridor_projects.domain.calendar import PlanningCalendar
from corridor_projects.domain.errors import IllegalTransition, InvalidRoadmap
from corridor_projects.domain.investment_rules import Algorithm
from corridor_projects.domain.roadmap import (
    RequestProgress, RoadmapItem, TaskStatus, is_overdue, move_task, plan_tasks, progress_of, status_after_request,
)

calendar = PlanningCalendar()
MONDAY = date(2025, 4, 28)  # May holidays ahead: 1–4 and 8–11 May 2025 are off


def algorithm(code: str, *steps: tuple[str, int, str]) -> Algorithm:
    return Algorithm.model_validate({"code": code, "title": code, "steps": [
        {"code": step, "title": step, "term": term, "term_unit": unit, "responsible_kind": "municipality"}
        for step, term, unit in steps]})


GPZU = algorithm("gpzu", ("issue", 14, "working_days"))
PERMIT = algorithm("construction-permit", ("expertise", 3, "working_days"), ("permit", 5, "working_days"))
LAND = algorithm("land", ("decision", 20, "calendar_days"))


def test_steps_follow_one_another_and_skip_the_may_holidays():
    tasks = plan_tasks([RoadmapItem(PERMIT, 1)], starts_on=MONDAY, calendar=calendar)
    expertise, permit = tasks
    # 29, 30 April; 1–4 May off; 5 May.
    assert (expertise.starts_on, expertise.due_on) == (MONDAY, date(2025, 5, 5))
    # 6, 7 May; 8–11 May off; 12, 13, 14 May.
    assert (permit.starts_on, permit.due_on) == (date(2025, 5, 5), date(2025, 5, 14))
    assert [task.position for task in tasks] == [1, 2]


def test_an_algorithm_after_another_starts_when_that_one_ends():
    gpzu, expertise, permit = plan_tasks([RoadmapItem(GPZU, 1), RoadmapItem(PERMIT, 2, after="gpzu")],
                                         starts_on=MONDAY, calendar=calendar)
    # 14 working days: 29, 30 Apr, 5, 6, 7, 12, 13, 14, 15, 16, 19, 20, 21, 22 May.
    assert gpzu.due_on == date(2025, 5, 22)
    assert expertise.starts_on == date(2025, 5, 22) and expertise.due_on == date(2025, 5, 27)
    assert permit.due_on == date(2025, 6, 3)
    assert (expertise.algorithm_code, expertise.algorithm_version, expertise.step.code) == (
        "construction-permit", 2, "expertise")


def test_algorithms_without_after_run_side_by_side_from_the_start_date():
    gpzu, land = plan_tasks([RoadmapItem(GPZU, 1), RoadmapItem(LAND, 1)], starts_on=MONDAY, calendar=calendar)
    assert gpzu.starts_on == land.starts_on == MONDAY
    assert land.due_on == date(2025, 5, 19)  # 18 May is a Sunday: the term ends on the Monday


def test_re_planning_keeps_the_ids_of_the_steps_still_in_the_roadmap():
    first = plan_tasks([RoadmapItem(GPZU, 1), RoadmapItem(LAND, 1)], starts_on=MONDAY, calendar=calendar)
    again = plan_tasks([RoadmapItem(PERMIT, 1), RoadmapItem(GPZU, 1)], starts_on=MONDAY, calendar=calendar,
                       keep_ids={(t.algorithm_code, t.step.code): t.task_id for t in first})
    assert again[2].task_id == first[0].task_id
    assert {t.task_id for t in again[:2]}.isdisjoint({t.task_id for t in first})


@pytest.mark.parametrize("items, message", [
    ([RoadmapItem(GPZU, 1), RoadmapItem(GPZU, 1)], "twice"),
    ([RoadmapItem(PERMIT, 1, after="gpzu"), RoadmapItem(GPZU, 1)], "not an earlier algorithm"),
    ([RoadmapItem(PERMIT, 1, after="permit")], "not an earlier algorithm"),
])
def test_impossible_compositions_are_refused(items, message):
    with pytest.raises(InvalidRoadmap, match=message):
        plan_tasks(items, starts_on=MONDAY, calendar=calendar)


@pytest.mark.parametrize("current, target", [
    (TaskStatus.PLANNED, TaskStatus.IN_PROGRESS), (TaskStatus.PLANNED, TaskStatus.BLOCKED),
    (TaskStatus.PLANNED, TaskStatus.DONE), (TaskStatus.IN_PROGRESS, TaskStatus.DONE),
    (TaskStatus.IN_PROGRESS, TaskStatus.PLANNED), (TaskStatus.BLOCKED, TaskStatus.IN_PROGRESS),
])
def test_allowed_moves(current, target):
    assert move_task(current, target) is target


@pytest.mark.parametrize("current, target", [
    (TaskStatus.DONE, TaskStatus.IN_PROGRESS), (TaskStatus.DONE, TaskStatus.PLANNED),
    (TaskStatus.PLANNED, TaskStatus.PLANNED), (TaskStatus.BLOCKED, TaskStatus.DONE),
    (TaskStatus.CANCELLED, TaskStatus.PLANNED),
])
def test_illegal_moves_are_conflicts(current, target):
    with pytest.raises(IllegalTransition) as raised:
        move_task(current, target)
    assert raised.value.status == 409


@pytest.mark.parametrize("current, progress, after", [
    (TaskStatus.PLANNED, RequestProgress.SUBMITTED, TaskStatus.IN_PROGRESS),
    (TaskStatus.BLOCKED, RequestProgress.SUBMITTED, TaskStatus.IN_PROGRESS),
    (TaskStatus.DONE, RequestProgress.SUBMITTED, None),
    (TaskStatus.IN_PROGRESS, RequestProgress.ANSWERED, TaskStatus.DONE),
    (TaskStatus.PLANNED, RequestProgress.ANSWERED, TaskStatus.DONE),
    (TaskStatus.IN_PROGRESS, RequestProgress.WITHDRAWN, TaskStatus.PLANNED),
    (TaskStatus.DONE, RequestProgress.WITHDRAWN, None),
    (TaskStatus.CANCELLED, RequestProgress.ANSWERED, None),
])
def test_requests_move_the_tasks_they_serve(current, progress, after):
    assert status_after_request(current, progress) is after


def test_progress_and_overdue_count_live_tasks_only():
    today = date(2025, 5, 20)
    tasks = [(TaskStatus.DONE, date(2025, 5, 1)), (TaskStatus.IN_PROGRESS, date(2025, 5, 19)),
             (TaskStatus.BLOCKED, date(2025, 5, 20)), (TaskStatus.CANCELLED, date(2025, 1, 1)),
             (TaskStatus.PLANNED, date(2025, 6, 1))]
    progress = progress_of(tasks, today)
    assert (progress.total, progress.done, progress.overdue, progress.percent) == (4, 1, 1, 25)
    assert is_overdue(TaskStatus.IN_PROGRESS, date(2025, 5, 19), today)
    assert not is_overdue(TaskStatus.IN_PROGRESS, today, today)  # due today is not late yet
    assert not is_overdue(TaskStatus.DONE, date(2025, 5, 1), today)
    assert progress_of([], today).percent == 0

