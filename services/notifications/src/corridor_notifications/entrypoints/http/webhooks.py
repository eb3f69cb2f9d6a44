"""Organisations' webhook endpoints: POST/GET /webhooks, GET/DELETE /webhooks/{id}.

Who: an administrator, for any organisation; an organisation's officials and its service accounts
(supplier systems), for their own organisation only.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from corridor_chassis.auth import Principal, require_roles
from corridor_contracts.vocabulary import Role
from corridor_notifications.domain.kinds import NotificationKind
from corridor_notifications.entrypoints.http.deps import CurrentSettings, Now, Sessions
from corridor_notifications.service_layer import webhooks
from corridor_notifications.service_layer.errors import NotYourOrganization, OrganizationRequired

router = APIRouter(prefix="/webhooks", tags=["webhooks"])

Manager = Annotated[Principal, Depends(require_roles(Role.ADMINISTRATOR, Role.OFFICIAL, Role.SUPPLIER_SYSTEM))]


class WebhookRegistration(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(min_length=1, max_length=2000)
    event_kinds: list[NotificationKind] = Field(min_length=1, max_length=len(NotificationKind))
    organization_id: uuid.UUID | None = Field(default=None, description="Required from an administrator.")


class Webhook(BaseModel):
    id: uuid.UUID
    organization_id: uuid.UUID
    url: str
    event_kinds: list[str]
    created_at: datetime

    @classmethod
    def of(cls, row: Any) -> "Webhook":
        return cls(id=row.webhook_id, organization_id=row.organization_id, url=row.url, event_kinds=row.event_kinds,
                   created_at=row.created_at)


class WebhookCreated(Webhook):
    secret: str = Field(description="Shown once: keep it to verify signatures (docs/webhooks.md).")


def _scope(principal: Principal) -> uuid.UUID | None:
    """The organisation the caller may manage webhooks of; None: an administrator manages all."""
    if principal.has_any_role(Role.ADMINISTRATOR):
        return None
    if principal.organization_id is None:
        raise NotYourOrganization("Your token names no organisation")
    return principal.organization_id


@router.post("", status_code=201, summary="Register an endpoint; the answer carries its secret, once")
async def register(registration: WebhookRegistration, principal: Manager, sessions: Sessions, now: Now,
                   settings: CurrentSettings) -> WebhookCreated:
    scope = _scope(principal)
    organization_id = registration.organization_id or scope
    if organization_id is None:
        raise OrganizationRequired("An administrator names the organisation the webhook belongs to")
    if scope is not None and organization_id != scope:
        raise NotYourOrganization("You may register webhooks for your own organisation only")
    async with sessions() as session, session.begin():
        row, secret = await webhooks.register_webhook(
            session, organization_id=organization_id, url=registration.url, event_kinds=registration.event_kinds,
            created_by=principal.subject, now=now, require_https=settings.webhooks_need_https)
    return WebhookCreated(**Webhook.of(row).model_dump(), secret=secret)


@router.get("", summary="Webhooks of my organisation (an administrator may name one, or see all)")
async def list_webhooks(principal: Manager, sessions: Sessions,
                        organization_id: Annotated[uuid.UUID | None, Query()] = None) -> list[Webhook]:
    scope = _scope(principal)
    if scope is not None and organization_id not in (None, scope):
        raise NotYourOrganization("You may list your own organisation's webhooks only")
    async with sessions() as session:
        rows = await webhooks.list_webhooks(session, scope=scope or organization_id)
    return [Webhook.of(row) for row in rows]


@router.get("/{webhook_id}", summary="One webhook (without its secret)")
async def get_webhook(webhook_id: uuid.UUID, principal: Manager, sessions: Sessions) -> Webhook:
    async with sessions() as session:
        return Webhook.of(await webhooks.get_webhook(session, webhook_id=webhook_id, scope=_scope(principal)))


@router.delete("/{webhook_id}", status_code=204, summary="Stop deliveries to an endpoint")
async def delete_webhook(webhook_id: uuid.UUID, principal: Manager, sessions: Sessions, now: Now) -> Response:
    async with sessions() as session, session.begin():
        await webhooks.delete_webhook(session, webhook_id=webhook_id, scope=_scope(principal), now=now)
    return Response(status_code=204)
