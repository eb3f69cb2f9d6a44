"""Request types and routing rules in the store, and the seed files they start from.

Why: both are data the agency edits through the API; the package ships a realistic set (seed/*.yaml)
that each start brings into the store without overwriting what agency staff changed (`load_seed`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import yaml
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_contracts.vocabulary import OrganizationKind
from corridor_requests.adapters.tables import request_types, routing_rules
from corridor_requests.domain.catalogue import FormField, RequestType, RequiredDocument, RoadmapStep
from corridor_requests.domain.routing import Condition, Recipient, RoutingRule

SEED_DIR = Path(__file__).resolve().parent.parent / "seed"


def request_type_from_dict(data: dict[str, Any]) -> RequestType:
    """A request type from a stored row, a seed entry or an API body (which may still use the single
    `roadmap_step` of the first API version)."""
    steps = data.get("roadmap_steps") or ([data["roadmap_step"]] if data.get("roadmap_step") else [])
    return RequestType(
        code=data["code"], name=data["name"], description=data.get("description") or "",
        recipient_kind=OrganizationKind(data["recipient_kind"]), sla_policy_code=data["sla_policy_code"],
        target_working_days=data["target_working_days"],
        required_documents=tuple(RequiredDocument(**d) for d in data.get("required_documents") or ()),
        form_fields=tuple(FormField(**{**f, "choices": tuple(f.get("choices") or ())})
                          for f in data.get("form_fields") or ()),
        roadmap_steps=tuple(RoadmapStep(**step) for step in steps), active=data.get("active", True))


def request_type_to_dict(request_type: RequestType) -> dict[str, Any]:
    return {
        "code": request_type.code, "name": request_type.name, "description": request_type.description,
        "recipient_kind": request_type.recipient_kind.value, "sla_policy_code": request_type.sla_policy_code,
        "target_working_days": request_type.target_working_days,
        "required_documents": [{"code": d.code, "title": d.title} for d in request_type.required_documents],
        "form_fields": [{**vars(f), "choices": list(f.choices)} for f in request_type.form_fields],
        "roadmap_steps": [vars(step) for step in request_type.roadmap_steps],
        "active": request_type.active,
    }


def rule_from_dict(data: dict[str, Any]) -> RoutingRule:
    return RoutingRule(
        rule_id=data["rule_id"], name=data["name"], recipient=Recipient(**data["recipient"]),
        request_types=frozenset(data.get("request_types") or ()),
        municipalities=frozenset(data.get("municipalities") or ()),
        conditions=tuple(Condition(**c) for c in data.get("conditions") or ()))


def rule_to_dict(rule: RoutingRule) -> dict[str, Any]:
    return {"rule_id": rule.rule_id, "name": rule.name, "recipient": vars(rule.recipient),
            "request_types": sorted(rule.request_types), "municipalities": sorted(rule.municipalities),
            "conditions": [vars(c) for c in rule.conditions]}


async def find_request_type(session: AsyncSession, code: str) -> RequestType | None:
    row = (await session.execute(select(request_types).where(request_types.c.code == code))).mappings().first()
    return request_type_from_dict(dict(row)) if row else None


async def all_request_types(session: AsyncSession) -> list[RequestType]:
    rows = (await session.execute(select(request_types).order_by(request_types.c.code))).mappings().all()
    return [request_type_from_dict(dict(row)) for row in rows]


async def save_request_type(session: AsyncSession, request_type: RequestType, *, at: datetime,
                            by: UUID | None) -> bool:
    """Insert or replace; True if it was new."""
    values = request_type_to_dict(request_type) | {"updated_at": at, "updated_by": by}
    changed = await session.execute(
        update(request_types).where(request_types.c.code == request_type.code).values(**values))
    if changed.rowcount:
        return False
    await session.execute(insert(request_types).values(**values))
    return True


async def append_rules(session: AsyncSession, rules: list[RoutingRule], *, at: datetime) -> None:
    """Add shipped rules after the existing ones, leaving those (and who edited them) as they are."""
    last = (await session.execute(select(func.max(routing_rules.c.position)))).scalar_one() or 0
    if rules:
        await session.execute(insert(routing_rules), [
            rule_to_dict(rule) | {"position": position, "updated_at": at, "updated_by": None}
            for position, rule in enumerate(rules, start=last + 1)])


async def all_rules(session: AsyncSession) -> list[RoutingRule]:
    rows = (await session.execute(select(routing_rules).order_by(routing_rules.c.position))).mappings().all()
    return [rule_from_dict(dict(row)) for row in rows]


async def replace_rules(session: AsyncSession, rules: list[RoutingRule], *, at: datetime, by: UUID | None) -> None:
    await session.execute(delete(routing_rules))
    if rules:
        await session.execute(insert(routing_rules), [
            rule_to_dict(rule) | {"position": position, "updated_at": at, "updated_by": by}
            for position, rule in enumerate(rules, start=1)])


@dataclass
class SeedLoaded:
    """What one start changed in the catalogue (codes and rule ids), for the log and the tests."""

    added_types: list[str] = field(default_factory=list)
    updated_types: list[str] = field(default_factory=list)
    kept_edited_types: list[str] = field(default_factory=list)  # staff's version differs from the file's
    added_rules: list[str] = field(default_factory=list)
    rules_loaded: bool = False  # the whole shipped rule set replaced the stored one

    @property
    def changed(self) -> bool:
        return bool(self.added_types or self.updated_types or self.added_rules or self.rules_loaded)


async def load_seed(session: AsyncSession, *, at: datetime, seed_dir: Path = SEED_DIR) -> SeedLoaded:
    """Bring the shipped request types and routing rules into the store, on every start.

    Request types cannot be deleted through the API (only deactivated), so a type the store lacks is
    new in this release and is added; a type nobody edited since it was shipped (no `updated_by`)
    follows the file; a type agency staff edited stays theirs. Rules are replaced as a whole: a new
    store and a set nobody edited take the file's; an edited set (an empty one too: an editor may
    have chosen it) stays, and only gains the shipped rules that route nothing but the types added
    now, since no editor can have decided anything about types that did not exist.
    """
    loaded = SeedLoaded()
    stored = {row["code"]: row for row in (await session.execute(select(request_types))).mappings()}
    for data in yaml.safe_load((seed_dir / "request_types.yaml").read_text(encoding="utf-8")):
        shipped, row = request_type_from_dict(data), stored.get(data["code"])
        if row is not None and request_type_from_dict(dict(row)) == shipped:
            continue
        if row is not None and row["updated_by"] is not None:
            loaded.kept_edited_types.append(shipped.code)
            continue
        (loaded.updated_types if row is not None else loaded.added_types).append(shipped.code)
        await save_request_type(session, shipped, at=at, by=None)
    rules = [rule_from_dict(data) for data in
             yaml.safe_load((seed_dir / "routing_rules.yaml").read_text(encoding="utf-8"))]
    editors = [by for (by,) in (await session.execute(select(routing_rules.c.updated_by))).all()]
    if not stored or (editors and all(by is None for by in editors)):
        if await all_rules(session) != rules:
            await replace_rules(session, rules, at=at, by=None)
            loaded.rules_loaded = True
        return loaded
    present = {rule.rule_id for rule in await all_rules(session)}
    new = [rule for rule in rules if rule.rule_id not in present and rule.request_types
           and rule.request_types <= set(loaded.added_types)]
    await append_rules(session, new, at=at)
    loaded.added_rules = [rule.rule_id for rule in new]
    return loaded
