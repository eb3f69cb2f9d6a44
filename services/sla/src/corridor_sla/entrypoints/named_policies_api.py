"""HTTP: the named SLA policies (supplier-7wd, ...) that request types name; a change recomputes open clocks.

Why their own paths: /policies/{request_type} is keyed by request type, and a policy code could equal
a request type code; the named ones are a fixed set shipped as seed data, so they are read and
changed, never created (an unknown code is a 404).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel

from corridor_chassis.auth import CurrentPrincipal
from corridor_sla.domain.policy import RedirectRule, SlaPolicy
from corridor_sla.entrypoints.deps import Defaults, Now, PolicyKeeper, Session
from corridor_sla.entrypoints.policies_api import PolicyIn, policy_of
from corridor_sla.entrypoints.recomputation import DeadlineChangeOut, recomputed
from corridor_sla.service_layer.rules import named_policies, named_policy, set_named_policy

router = APIRouter(prefix="/named-policies", tags=["policies"])

PolicyCode = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
                                 description="A code request types name as their sla_policy_code, e.g. supplier-7wd.")]


class NamedPolicyOut(BaseModel):
    code: str
    target_working_days: int
    warn_at_percent: list[int]
    warn_on_last_day: bool
    redirect_rule: RedirectRule


class NamedPolicySetOut(BaseModel):
    policy: NamedPolicyOut
    recomputed: list[DeadlineChangeOut]


def _out(policy: SlaPolicy) -> NamedPolicyOut:
    return NamedPolicyOut(code=policy.code, target_working_days=policy.target_working_days,
                          warn_at_percent=[round(fraction * 100) for fraction in policy.warn_at],
                          warn_on_last_day=policy.warn_on_last_day, redirect_rule=policy.redirect_rule)


@router.get("", response_model=list[NamedPolicyOut], summary="The named policies, by code")
async def list_named_policies(principal: CurrentPrincipal, session: Session) -> list[NamedPolicyOut]:
    return [_out(policy) for policy in await named_policies(session)]


@router.get("/{code}", response_model=NamedPolicyOut, summary="One named policy")
async def get_named_policy(code: PolicyCode, principal: CurrentPrincipal, session: Session) -> NamedPolicyOut:
    return _out(await named_policy(session, code=code))


@router.put("/{code}", response_model=NamedPolicySetOut,
            summary="Change a named policy; open clocks under it are recomputed, time already used is kept")
async def put_named_policy(code: PolicyCode, body: PolicyIn, principal: PolicyKeeper, session: Session,
                           defaults: Defaults, now: Now) -> NamedPolicySetOut:
    policy = policy_of(code, body)
    async with session.begin():
        changes = await set_named_policy(session, policy=policy, defaults=defaults, actor=principal.subject, now=now)
    return NamedPolicySetOut(policy=_out(policy), recomputed=recomputed(changes))
