"""Request types and routing rules in the store, and the seed files they start from.

Why: both are data the agency edits through the API; the package ships a realistic starting set
(seed/*.yaml) loaded into an empty store, after which the store is the truth.
"""

from __future__ import annotations

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
    step = data.get("roadmap_step")
    return RequestType(
        code=data["code"], name=data["name"], description=data.get("description") or "",
        recipient_kind=OrganizationKind(data["recipient_kind"]), sla_policy_code=data["sla_policy_code"],
        target_working_days=data["target_working_days"],
        required_documents=tuple(RequiredDocument(**d) for d in data.get("required_documents") or ()),
        form_fields=tuple(FormField(**{**f, "choices": tuple(f.get("choices") or ())})
                          for f in data.get("form_fields") or ()),
        roadmap_step=RoadmapStep(**step) if step else None, active=data.get("active", True))


def request_type_to_dict(request_type: RequestType) -> dict[str, Any]:
    return {
        "code": request_type.code, "name": request_type.name, "description": request_type.description,
        "recipient_kind": request_type.recipient_kind.value, "sla_policy_code": request_type.sla_policy_code,
        "target_working_days": request_type.target_working_days,
        "required_documents": [{"code": d.code, "title": d.title} for d in request_type.required_documents],
        "form_fields": [{**vars(f), "choices": list(f.choices)} for f in request_type.form_fields],
        "roadmap_step": vars(request_type.roadmap_step) if request_type.roadmap_step else None,
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


async def all_rules(session: AsyncSession) -> list[RoutingRule]:
    rows = (await session.execute(select(routing_rules).order_by(routing_rules.c.position))).mappings().all()
    return [rule_from_dict(dict(row)) for row in rows]


async def replace_rules(session: AsyncSession, rules: list[RoutingRule], *, at: datetime, by: UUID | None) -> None:
    await session.execute(delete(routing_rules))
    if rules:
        await session.execute(insert(routing_rules), [
            rule_to_dict(rule) | {"position": position, "updated_at": at, "updated_by": by}
            for position, rule in enumerate(rules, start=1)])


async def seed_if_empty(session: AsyncSession, *, at: datetime, seed_dir: Path = SEED_DIR) -> bool:
    """Load the shipped catalogue and rules on the first start; True if it did.

    Request types cannot be deleted through the API (only deactivated), so an empty catalogue means a
    new store; an empty rule list, on the other hand, is a legitimate choice an editor may have made.
    """
    if (await session.execute(select(func.count()).select_from(request_types))).scalar_one():
        return False
    for data in yaml.safe_load((seed_dir / "request_types.yaml").read_text(encoding="utf-8")):
        await save_request_type(session, request_type_from_dict(data), at=at, by=None)
    rules = yaml.safe_load((seed_dir / "routing_rules.yaml").read_text(encoding="utf-8"))
    await replace_rules(session, [rule_from_dict(data) for data in rules], at=at, by=None)
    return True
