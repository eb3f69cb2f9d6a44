"""The lifecycle table: every legal step and every illegal one."""

from __future__ import annotations

import pytest

from corridor_requests.domain.errors import IllegalTransition
from corridor_requests.domain.lifecycle import TRANSITIONS, RequestStatus, Step, next_status

S = RequestStatus
LEGAL = [
    (S.SUBMITTED, Step.ROUTE, S.ROUTED),
    (S.ROUTED, Step.ACCEPT, S.ACCEPTED),
    (S.ACCEPTED, Step.REQUEST_CLARIFICATION, S.CLARIFICATION_REQUESTED),
    (S.CLARIFICATION_REQUESTED, Step.PROVIDE_CLARIFICATION, S.ACCEPTED),
    (S.ACCEPTED, Step.ANSWER, S.ANSWERED),
    (S.ANSWERED, Step.CLOSE, S.CLOSED),
    (S.ROUTED, Step.REDIRECT, S.ROUTED),
    (S.ACCEPTED, Step.REDIRECT, S.ROUTED),
    (S.ROUTED, Step.REROUTE, S.ROUTED),
    (S.ACCEPTED, Step.REROUTE, S.ROUTED),
    *[(status, Step.WITHDRAW, S.WITHDRAWN)
      for status in (S.SUBMITTED, S.ROUTED, S.ACCEPTED, S.CLARIFICATION_REQUESTED)],
    *[(status, Step.CLOSE_WITH_PROJECT, S.CLOSED)
      for status in (S.SUBMITTED, S.ROUTED, S.ACCEPTED, S.CLARIFICATION_REQUESTED, S.ANSWERED)],
]


@pytest.mark.parametrize(("current", "step", "expected"), LEGAL)
def test_a_legal_step_moves_to_its_status(current, step, expected) -> None:
    assert next_status(current, step) is expected


ILLEGAL = [(current, step) for step in Step if step is not Step.SUBMIT for current in RequestStatus
           if (current, step) not in {(c, s) for c, s, _ in LEGAL}]


@pytest.mark.parametrize(("current", "step"), ILLEGAL)
def test_every_other_step_is_illegal_and_says_what_it_needed(current, step) -> None:
    with pytest.raises(IllegalTransition) as raised:
        next_status(current, step)
    assert raised.value.slug == "illegal-transition"
    assert raised.value.extensions == {"current_status": current.value, "step": step.value}


def test_the_table_and_the_tests_agree() -> None:
    assert {(c, s) for c, s, _ in LEGAL} == {(c, s) for s, (allowed, _) in TRANSITIONS.items() for c in allowed}


def test_a_request_is_born_submitted_and_submitting_twice_is_illegal() -> None:
    assert next_status(None, Step.SUBMIT) is S.SUBMITTED
    with pytest.raises(IllegalTransition):
        next_status(S.SUBMITTED, Step.SUBMIT)


def test_nothing_happens_to_a_withdrawn_or_closed_request() -> None:
    for final in (S.WITHDRAWN, S.CLOSED):
        for step in Step:
            if step is not Step.SUBMIT:
                with pytest.raises(IllegalTransition):
                    next_status(final, step)


def test_a_request_cannot_be_withdrawn_once_answered_nor_redirected_while_a_question_is_open() -> None:
    with pytest.raises(IllegalTransition):
        next_status(S.ANSWERED, Step.WITHDRAW)
    with pytest.raises(IllegalTransition):
        next_status(S.CLARIFICATION_REQUESTED, Step.REDIRECT)
