"""Routing: ordered first-match rules choose the organisation that must answer a request.

Why: an investor's request must reach the right body or supplier at once, and a manager must be able
to check why it went there. Rules are data the agency edits; the first rule whose criteria all hold
and whose recipient resolves to a known organisation of the kind the request type expects wins.
When none does, the request goes to the agency's own queue. Every decision carries an explanation
in words, including the rules that matched but could not be used.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from uuid import UUID

from corridor_contracts.vocabulary import OrganizationKind

from .errors import InvalidRoutingRules, NoRecipient

RULE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
MAX_RULES = 500
Operator = Literal["eq", "ne", "lt", "le", "gt", "ge", "in"]
RecipientBy = Literal["organization_id", "short_code", "project_municipality", "supplier_of"]

_COMPARE = {"eq": operator.eq, "ne": operator.ne, "lt": operator.lt, "le": operator.le,
            "gt": operator.gt, "ge": operator.ge}
_SYMBOL = {"eq": "=", "ne": "≠", "lt": "<", "le": "≤", "gt": ">", "ge": "≥", "in": "∈"}


@dataclass(frozen=True)
class Organization:
    """An organisation as routing sees it (from the identity projection)."""

    organization_id: UUID
    kind: OrganizationKind
    name: str
    short_code: str | None = None
    municipality_code: str | None = None
    resources: frozenset[str] = frozenset()  # what a supplier supplies


@dataclass(frozen=True)
class Condition:
    """A test on one field of the request form, e.g. max_power_kw ≤ 150."""

    field: str
    op: Operator
    value: Any

    def holds(self, payload: Mapping[str, Any]) -> bool:
        actual = payload.get(self.field)
        if actual is None:
            return False
        try:
            if self.op == "in":
                return actual in self.value
            return bool(_COMPARE[self.op](actual, self.value))
        except TypeError:  # e.g. text compared with a number: the rule does not apply
            return False

    def describe(self, payload: Mapping[str, Any]) -> str:
        return f"{self.field}={payload.get(self.field)!r} {_SYMBOL[self.op]} {self.value!r}"


@dataclass(frozen=True)
class Recipient:
    """Whom a rule sends to: a fixed organisation, or one looked up when the request arrives."""

    by: RecipientBy
    value: str | None = None

    def describe(self) -> str:
        return {"organization_id": f"organisation {self.value}", "short_code": f"organisation '{self.value}'",
                "project_municipality": "the administration of the project's municipality",
                "supplier_of": f"the {self.value} supplier"}[self.by]


@dataclass(frozen=True)
class RoutingRule:
    rule_id: str
    name: str
    recipient: Recipient
    request_types: frozenset[str] = frozenset()  # empty: any type
    municipalities: frozenset[str] = frozenset()  # empty: any municipality
    conditions: tuple[Condition, ...] = ()


@dataclass(frozen=True)
class RoutingSubject:
    """What routing looks at: the request type (and the recipient kind it expects), the project's place, the form."""

    request_type_code: str
    expected_kind: OrganizationKind
    municipality_code: str
    payload: Mapping[str, Any]


@dataclass(frozen=True)
class RoutingDecision:
    recipient: Organization
    rule_id: str | None
    explanation: str


def route(subject: RoutingSubject, rules: Sequence[RoutingRule], directory: Sequence[Organization],
          fallback: Organization | None) -> RoutingDecision:
    skipped: list[str] = []
    for number, rule in enumerate(rules, start=1):
        if not _matches(rule, subject):
            continue
        label = f"rule #{number} '{rule.name}'"
        found = _resolve(rule.recipient, subject, directory)
        if isinstance(found, str):
            skipped.append(f"{label} matched but was skipped: {found}")
            continue
        if found.kind is not subject.expected_kind:
            skipped.append(f"{label} matched but was skipped: «{found.name}» is a {found.kind.value}, "
                           f"{subject.request_type_code} goes to a {subject.expected_kind.value}")
            continue
        explanation = f"{label} matched: {_criteria(rule, subject)} → «{found.name}»"
        return RoutingDecision(found, rule.rule_id, "; ".join([explanation, *skipped]))
    if fallback is None:
        raise NoRecipient("no routing rule applies and the agency's queue is not known yet")
    explanation = (f"no rule matched type={subject.request_type_code}, municipality={subject.municipality_code} "
                   f"({len(rules)} rules checked); fallback to the agency queue → «{fallback.name}»")
    return RoutingDecision(fallback, None, "; ".join([explanation, *skipped]))


def _matches(rule: RoutingRule, subject: RoutingSubject) -> bool:
    return ((not rule.request_types or subject.request_type_code in rule.request_types)
            and (not rule.municipalities or subject.municipality_code in rule.municipalities)
            and all(condition.holds(subject.payload) for condition in rule.conditions))


def _criteria(rule: RoutingRule, subject: RoutingSubject) -> str:
    parts = []
    if rule.request_types:
        parts.append(f"type={subject.request_type_code}")
    if rule.municipalities:
        parts.append(f"municipality={subject.municipality_code}")
    parts += [condition.describe(subject.payload) for condition in rule.conditions]
    return ", ".join(parts) or "any request"


def _resolve(recipient: Recipient, subject: RoutingSubject,
             directory: Sequence[Organization]) -> Organization | str:
    """The organisation the recipient names, or why there is none."""
    if recipient.by == "organization_id":
        found = [org for org in directory if str(org.organization_id) == recipient.value]
    elif recipient.by == "short_code":
        found = [org for org in directory if org.short_code == recipient.value]
    elif recipient.by == "project_municipality":
        found = [org for org in directory if org.kind is OrganizationKind.MUNICIPALITY
                 and org.municipality_code == subject.municipality_code]
    else:
        suppliers = [org for org in directory if org.kind is OrganizationKind.SUPPLIER
                     and recipient.value in org.resources]
        local = [org for org in suppliers if org.municipality_code == subject.municipality_code]
        found = local or suppliers
    if len(found) == 1:
        return found[0]
    where = f" for municipality {subject.municipality_code}" if recipient.by != "organization_id" else ""
    return f"{'no' if not found else 'more than one'} organisation is {recipient.describe()}{where}"


def check_rules(rules: Sequence[RoutingRule]) -> None:
    """Refuse a rule set an editor could not have meant: duplicate ids, bad ids, empty names."""
    problems = []
    if len(rules) > MAX_RULES:
        problems.append(f"at most {MAX_RULES} rules")
    seen: set[str] = set()
    for number, rule in enumerate(rules, start=1):
        if not RULE_ID.fullmatch(rule.rule_id):
            problems.append(f"rule #{number}: id {rule.rule_id!r} must be lower-case letters, digits and dashes")
        if rule.rule_id in seen:
            problems.append(f"rule #{number}: id {rule.rule_id!r} is used twice")
        seen.add(rule.rule_id)
        if not rule.name.strip():
            problems.append(f"rule #{number}: a rule needs a name")
        if rule.recipient.by != "project_municipality" and not rule.recipient.value:
            problems.append(f"rule #{number}: recipient by {rule.recipient.by} needs a value")
        if rule.recipient.by == "organization_id" and not _is_uuid(rule.recipient.value):
            problems.append(f"rule #{number}: recipient organisation id is not a UUID")
        for condition in rule.conditions:
            if condition.op == "in" and not isinstance(condition.value, (list, tuple)):
                problems.append(f"rule #{number}: condition on {condition.field!r} with 'in' needs a list")
    if problems:
        raise InvalidRoutingRules("; ".join(problems), errors=problems)


def _is_uuid(value: str | None) -> bool:
    try:
        UUID(str(value))
    except ValueError:
        return False
    return True
