"""SLA policies refuse values that would make a clock meaningless."""

import pytest

from corridor_sla.domain.errors import InvalidPolicy
from corridor_sla.domain.policy import RedirectRule, SlaPolicy


def test_defaults_follow_the_regional_standard():
    policy = SlaPolicy("standard")
    assert (policy.target_working_days, policy.warn_at, policy.warn_on_last_day) == (5, (0.5, 0.8), True)
    assert policy.redirect_rule is RedirectRule.CONTINUE


@pytest.mark.parametrize("target", [0, 31])
def test_targets_outside_one_to_thirty_working_days_are_refused(target):
    with pytest.raises(InvalidPolicy):
        SlaPolicy("odd", target_working_days=target)


@pytest.mark.parametrize("fraction", [0, 1, 1.2, -0.1])
def test_warnings_must_fall_strictly_inside_the_term(fraction):
    with pytest.raises(InvalidPolicy):
        SlaPolicy("odd", warn_at=(fraction,))


def test_warning_points_are_kept_sorted_and_unique():
    assert SlaPolicy("p", warn_at=(0.8, 0.5, 0.8)).warn_at == (0.5, 0.8)


def test_redirect_rule_is_read_from_its_name_and_unknown_names_are_refused():
    assert SlaPolicy("p", redirect_rule="restart").redirect_rule is RedirectRule.RESTART
    with pytest.raises(InvalidPolicy):
        SlaPolicy("p", redirect_rule="forget")


def test_a_policy_needs_a_code():
    with pytest.raises(InvalidPolicy):
        SlaPolicy("")
