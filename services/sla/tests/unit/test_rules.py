"""Which policy a clock runs under: the request type's own, else the named one its type names, else the default.

The clock: registered Friday 14 March 2025 at 19:00 (Moscow), counted from Monday 17; 5 working days
end Friday 21, 7 end Tuesday 25, 3 end Wednesday 19.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from corridor_sla.adapters.policy_seed import shipped_named_policies
from corridor_sla.domain.calendar import ProductionCalendar
from corridor_sla.domain.events import Started
from corridor_sla.domain.policy import RedirectRule, SlaPolicy
from corridor_sla.domain.recompute import ClockHistory, changed_deadlines
from corridor_sla.domain.rules import SlaRules

MSK = ZoneInfo("Europe/Moscow")
NOW = datetime(2025, 3, 18, tzinfo=MSK)
DEFAULT = SlaPolicy("default")
SUPPLIER = SlaPolicy("supplier-7wd", target_working_days=7)
AGENCY = SlaPolicy("agency-3wd", target_working_days=3)
GRID_OVERRIDE = SlaPolicy("grid-connection", target_working_days=4)
RULES = SlaRules(ProductionCalendar(), DEFAULT, {"grid-connection": GRID_OVERRIDE},
                 {"supplier-7wd": SUPPLIER, "agency-3wd": AGENCY})
STARTED = [Started(datetime(2025, 3, 14, 19, tzinfo=MSK))]


def test_the_named_policy_applies_when_the_request_type_has_none_of_its_own():
    assert RULES.policy_for("gas-connection", "supplier-7wd") is SUPPLIER
    assert RULES.clock("gas-connection", STARTED, "supplier-7wd").state(NOW).due_date == date(2025, 3, 25)
    assert RULES.clock("general-question", STARTED, "agency-3wd").state(NOW).due_date == date(2025, 3, 19)


def test_the_request_type_s_own_policy_overrides_the_named_one():
    assert RULES.policy_for("grid-connection", "supplier-7wd") is GRID_OVERRIDE
    assert RULES.clock("grid-connection", STARTED, "supplier-7wd").state(NOW).due_date == date(2025, 3, 20)


def test_without_a_known_named_policy_the_default_applies():
    assert RULES.policy_for("gas-connection") is DEFAULT
    assert RULES.policy_for("gas-connection", None) is DEFAULT
    assert RULES.policy_for("gas-connection", "nobody-knows-9wd") is DEFAULT
    assert RULES.policy_for("gpzu", "grid-connection") is DEFAULT, "a policy code is not a request type code"


def test_changing_a_named_policy_moves_only_the_clocks_that_run_under_it():
    supplier = ClockHistory("supplier", "gas-connection", STARTED, "supplier-7wd")
    overridden = ClockHistory("overridden", "grid-connection", STARTED, "supplier-7wd")
    agency = ClockHistory("agency", "general-question", STARTED, "agency-3wd")
    unnamed = ClockHistory("unnamed", "consultation", STARTED)
    longer = SlaPolicy("supplier-7wd", target_working_days=10)
    after = SlaRules(RULES.calendar, DEFAULT, RULES.policies, {**RULES.named_policies, "supplier-7wd": longer})
    changes = changed_deadlines([supplier, overridden, agency, unnamed], before=RULES, after=after, now=NOW)
    assert [(c.clock_id, c.old_deadline.date(), c.new_deadline.date()) for c in changes] == [
        ("supplier", date(2025, 3, 26), date(2025, 3, 29))]


def test_the_shipped_named_policies_are_the_ones_the_request_types_catalogue_names():
    shipped = {policy.code: policy for policy in shipped_named_policies()}
    assert {code: policy.target_working_days for code, policy in shipped.items()} == {
        "agency-3wd": 3, "municipality-5wd": 5, "regional-5wd": 5, "supplier-7wd": 7, "federal-7wd": 7}
    for policy in shipped.values():
        assert (policy.warn_at, policy.warn_on_last_day, policy.redirect_rule) == (
            (0.5, 0.8), True, RedirectRule.CONTINUE)
