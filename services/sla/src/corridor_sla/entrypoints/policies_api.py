"""HTTP: SLA policies per request type; a change recomputes the open clocks of that type.

A request type's own policy overrides the named policy its requests name (see named_policies_api).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel, ConfigDict, Field

from corridor_chassis.auth import CurrentPrincipal
from corridor_sla.domain.errors import SlaError
from corridor_sla.domain.policy import MAX_TARGET_WORKING_DAYS, MIN_TARGET_WORKING_DAYS, RedirectRule, SlaPolicy
from corridor_sla.entrypoints.recomputation import DeadlineChangeOut, recomputed
from corridor_sla.entrypoints.deps import Defaults, Now, PolicyKeeper, Session, problem_of
from corridor_sla.service_layer.rules import effective_policy, set_policy

router = APIRouter(prefix="/policies", tags=["policies"])

RequestType = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
                                  description="Code in the request types catalogue, e.g. grid-connection-150kw.")]


class PolicyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    target_working_days: int = Field(strict=True, ge=MIN_TARGET_WORKING_DAYS, le=MAX_TARGET_WORKING_DAYS)
    warn_at_percent: list[Annotated[int, Field(strict=True, ge=1, le=99)]] = Field(
        default=[50, 80], max_length=10, description="Warn when this share of the term is used, e.g. [50, 80].")
    warn_on_last_day: bool = Field(default=True, strict=True, description="Also warn when the last working day begins.")
    redirect_rule: RedirectRule = Field(
        default=RedirectRule.CONTINUE,
        description="continue: a redirected request keeps its time used and due date; restart: a full new term.")


class PolicyOut(BaseModel):
    request_type: str
    code: str
    is_default: bool = Field(description="True when the request type has no policy of its own: its requests then "
                                         "run under the named policy their type names (see /named-policies), "
                                         "else this default.")
    target_working_days: int
    warn_at_percent: list[int]
    warn_on_last_day: bool
    redirect_rule: RedirectRule


class PolicySetOut(BaseModel):
    policy: PolicyOut
    recomputed: list[DeadlineChangeOut]


def policy_of(code: str, body: PolicyIn) -> SlaPolicy:
    """The domain policy a valid body describes; the domain's refusal as problem+json."""
    try:
        return SlaPolicy(code, body.target_working_days, tuple(p / 100 for p in body.warn_at_percent),
                         body.warn_on_last_day, body.redirect_rule)
    except SlaError as exc:
        raise problem_of(exc) from exc


def _out(request_type: str, policy: SlaPolicy, *, is_default: bool) -> PolicyOut:
    return PolicyOut(request_type=request_type, code=policy.code, is_default=is_default,
                     target_working_days=policy.target_working_days,
                     warn_at_percent=[round(fraction * 100) for fraction in policy.warn_at],
                     warn_on_last_day=policy.warn_on_last_day, redirect_rule=policy.redirect_rule)


@router.get("/{request_type}", response_model=PolicyOut,
            summary="A request type's own policy, or the default when it has none (then its named policy applies)")
async def get_policy(request_type: RequestType, principal: CurrentPrincipal, session: Session,
                     defaults: Defaults) -> PolicyOut:
    own = await effective_policy(session, request_type=request_type)
    return _out(request_type, own or defaults.default_policy, is_default=own is None)


@router.put("/{request_type}", response_model=PolicySetOut,
            summary="Set a request type's policy; its open clocks are recomputed, time already used is kept")
async def put_policy(request_type: RequestType, body: PolicyIn, principal: PolicyKeeper, session: Session,
                     defaults: Defaults, now: Now) -> PolicySetOut:
    policy = policy_of(request_type, body)
    async with session.begin():
        changes = await set_policy(session, policy=policy, defaults=defaults, actor=principal.subject, now=now)
    return PolicySetOut(policy=_out(request_type, policy, is_default=False), recomputed=recomputed(changes))
