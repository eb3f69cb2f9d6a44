"""The investment rules (projects), the request types catalogue (requests) and the SLA policies (sla)
name each other correctly.

Why: a roadmap task links to the request that serves it by the step's `request_type_code`, and a request
type says which steps it serves in `roadmap_steps` and which SLA policy times it. The files live in
services that must not import each other, so this test reads them as plain data and names every mismatch.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "services/projects/src/corridor_projects/investment_rules/leningrad-2025.yaml"
REQUEST_TYPES = ROOT / "services/requests/src/corridor_requests/seed/request_types.yaml"
SLA_POLICIES = ROOT / "services/sla/src/corridor_sla/seed/named_policies.toml"


@pytest.fixture(scope="module")
def steps() -> dict[tuple[str, str], dict]:
    """Every step of the investment rules by (algorithm code, step code)."""
    rules = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    return {(algorithm["code"], step["code"]): step for algorithm in rules["algorithms"] for step in algorithm["steps"]}


@pytest.fixture(scope="module")
def request_types() -> dict[str, dict]:
    return {entry["code"]: entry for entry in yaml.safe_load(REQUEST_TYPES.read_text(encoding="utf-8"))}


def served_steps(request_type: dict) -> list[tuple[str, str]]:
    """(algorithm, step) pairs; the requests service still reads the first API version's single `roadmap_step`."""
    listed = request_type.get("roadmap_steps") or ([request_type["roadmap_step"]] if request_type.get("roadmap_step")
                                                   else [])
    return [(step["algorithm_code"], step["step"]) for step in listed]


def test_every_step_names_a_request_type_that_exists(steps, request_types) -> None:
    mismatches = [f"{algorithm}/{step}: request_type_code {found['request_type_code']!r} is not in the catalogue"
                  for (algorithm, step), found in steps.items()
                  if found.get("request_type_code") and found["request_type_code"] not in request_types]
    assert not mismatches, "\n".join(mismatches)


def test_every_roadmap_step_of_a_request_type_exists_in_the_rules(steps, request_types) -> None:
    mismatches = [f"request type {code}: roadmap step {algorithm}/{step} is not in the investment rules"
                  for code, request_type in request_types.items() for algorithm, step in served_steps(request_type)
                  if (algorithm, step) not in steps]
    assert not mismatches, "\n".join(mismatches)


def test_a_step_and_the_request_type_serving_it_name_each_other(steps, request_types) -> None:
    mismatches = []
    for code, request_type in request_types.items():
        for key in served_steps(request_type):
            named = steps.get(key, {}).get("request_type_code")
            if key in steps and named != code:
                mismatches.append(f"request type {code} serves {'/'.join(key)}, but that step names {named!r}")
    for key, step in steps.items():
        code = step.get("request_type_code")
        if code in request_types and key not in served_steps(request_types[code]):
            mismatches.append(f"{'/'.join(key)} names request type {code}, whose roadmap_steps leave it out")
    assert not mismatches, "\n".join(mismatches)


def test_a_request_goes_to_the_kind_of_body_responsible_for_its_step(steps, request_types) -> None:
    mismatches = [f"request type {code} goes to a {request_type['recipient_kind']}, but {'/'.join(key)} is "
                  f"the responsibility of a {steps[key]['responsible_kind']}"
                  for code, request_type in request_types.items() for key in served_steps(request_type)
                  if key in steps and steps[key]["responsible_kind"] != request_type["recipient_kind"]]
    assert not mismatches, "\n".join(mismatches)


def test_every_request_type_names_an_sla_policy_the_sla_service_ships_with_the_same_term(request_types) -> None:
    shipped = {policy["code"]: policy["target_working_days"]
               for policy in tomllib.loads(SLA_POLICIES.read_text(encoding="utf-8"))["policy"]}
    mismatches = [f"request type {code}: sla_policy_code {entry['sla_policy_code']!r} is not shipped by sla"
                  for code, entry in request_types.items() if entry["sla_policy_code"] not in shipped]
    mismatches += [f"request type {code}: target_working_days {entry['target_working_days']} but "
                   f"{entry['sla_policy_code']} gives {shipped[entry['sla_policy_code']]}"
                   for code, entry in request_types.items()
                   if entry["sla_policy_code"] in shipped and "target_working_days" in entry
                   and entry["target_working_days"] != shipped[entry["sla_policy_code"]]]
    assert not mismatches, "\n".join(mismatches)
