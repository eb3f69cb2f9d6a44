"""Fan-out: turn an event into one notification per recipient and channel, in the inbox transaction.

Why an intent: the event may arrive before the projection rows that name its recipients (identity,
projects and requests each have their own topic). The intent keeps the event until every audience
has been resolved; each projection change re-resolves the intents waiting on it. Re-resolving is
safe because a notification is inserted only if (event, recipient, channel) is new, the UNIQUE
constraint that makes "once per recipient and channel" hold even when an event arrives twice.
An intent still unresolved after the window is settled as it is: late joiners do not get old news.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_contracts.base import event_class_for
from corridor_contracts.envelope import Envelope
from corridor_contracts.events.notifications import Channel
from corridor_notifications.adapters import directory
from corridor_notifications.adapters.tables import intent_wait, notification, notification_intent, webhook
from corridor_notifications.adapters.templates import DEFAULT_LOCALE, Renderer
from corridor_notifications.adapters.transaction_cache import remembered
from corridor_notifications.adapters.upserts import insert_all_if_absent, insert_if_absent
from corridor_notifications.domain.audience import NotificationPlan, plan_for
from corridor_notifications.domain.kinds import cabinet_path
from corridor_notifications.service_layer.preferences import enabled_channels
from corridor_notifications.service_layer.recipients import Resolution, resolve

# The delivery worker waits on this between polls; fan-out rings it (the rows are visible after commit).
delivery_wakeup = asyncio.Event()

PREFERENCES_PATH = "/settings/notifications"


@dataclass(frozen=True)
class FanOut:
    """What fan-out needs besides a session: templates, the cabinet's address and the waiting window."""

    renderer: Renderer
    cabinet_base_url: str
    intent_window: timedelta

    def link(self, plan: NotificationPlan) -> str:
        return self.cabinet_base_url.rstrip("/") + cabinet_path(plan.kind, project_id=plan.project_id,
                                                                request_id=plan.request_id)


async def record_event(session: AsyncSession, envelope: Envelope, *, fan_out: FanOut, now: datetime) -> None:
    """Keep the event's notification intent and notify whoever can already be resolved.

    Resolved first, so that the intent is inserted already settled when nobody is missing (the usual
    case) and nothing waits on it: one statement, not an insert, a settle and clearing waits that
    cannot exist yet."""
    plan = plan_for(envelope.data)
    if plan is None:
        return
    resolution = await resolve(session, plan)
    recorded = await insert_if_absent(session, notification_intent, {
        "cause_event_id": envelope.id, "cause_event_type": envelope.type, "kind": plan.kind.value,
        "facts": plan.facts, "created_at": now, "expires_at": now + fan_out.intent_window,
        "settled_at": None if resolution.waiting_on else now}, ["cause_event_id"])
    if recorded:
        await _notify(session, envelope.id, envelope.type, plan, resolution, fan_out=fan_out, now=now)
        await _wait(session, envelope.id, resolution.waiting_on)


async def resolve_waiting(session: AsyncSession, *, keys: set[str], fan_out: FanOut, now: datetime) -> None:
    """Re-resolve the open intents waiting on any of `keys` (a projection row just arrived or changed)."""
    if not keys:
        return
    waiting = select(intent_wait.c.cause_event_id).where(intent_wait.c.wait_key.in_(keys))
    rows = (await session.execute(
        select(notification_intent)
        .where(notification_intent.c.cause_event_id.in_(waiting), notification_intent.c.settled_at.is_(None))
        .order_by(notification_intent.c.created_at))).all()
    for row in rows:
        if row.expires_at <= now:
            await _settle(session, row.cause_event_id, now)
            continue
        plan = plan_for(event_class_for(row.cause_event_type).model_validate(row.facts))
        resolution = await resolve(session, plan)
        await _notify(session, row.cause_event_id, row.cause_event_type, plan, resolution, fan_out=fan_out, now=now)
        if resolution.waiting_on:
            await session.execute(delete(intent_wait).where(intent_wait.c.cause_event_id == row.cause_event_id))
            await _wait(session, row.cause_event_id, resolution.waiting_on)
        else:
            await _settle(session, row.cause_event_id, now)


async def settle_expired_intents(session: AsyncSession, *, now: datetime) -> None:
    """Close intents whose window passed without the people they waited for (e.g. a supplier whose
    only accounts are its systems), so waiting rows do not pile up."""
    expired = (select(notification_intent.c.cause_event_id)
               .where(notification_intent.c.settled_at.is_(None), notification_intent.c.expires_at <= now))
    await session.execute(delete(intent_wait).where(intent_wait.c.cause_event_id.in_(expired)))
    await session.execute(update(notification_intent).where(notification_intent.c.cause_event_id.in_(expired))
                          .values(settled_at=now))


async def _wait(session: AsyncSession, cause_event_id: str, keys: set[str]) -> None:
    if keys:
        await session.execute(intent_wait.insert(), [{"cause_event_id": cause_event_id, "wait_key": key}
                                                     for key in sorted(keys)])


async def _settle(session: AsyncSession, cause_event_id: str, now: datetime) -> None:
    await session.execute(delete(intent_wait).where(intent_wait.c.cause_event_id == cause_event_id))
    await session.execute(update(notification_intent).where(notification_intent.c.cause_event_id == cause_event_id)
                          .values(settled_at=now))


async def _notify(session: AsyncSession, cause_event_id: str, cause_event_type: str, plan: NotificationPlan,
                  resolution: Resolution, *, fan_out: FanOut, now: datetime) -> None:
    """Insert the notifications of everyone resolved so far, in one statement; those already there stay."""
    cause = {"cause_event_id": cause_event_id, "cause_event_type": cause_event_type, "kind": plan.kind.value,
             "status": "pending", "attempts": 0, "next_attempt_at": now, "created_at": now}
    rows = [*await _for_people(session, plan, resolution, fan_out),
            *await _for_webhooks(session, plan, resolution, fan_out, cause={"id": cause_event_id,
                                                                             "type": cause_event_type})]
    if await insert_all_if_absent(session, notification, [cause | row for row in rows],
                                  ["cause_event_id", "recipient", "channel"]):
        delivery_wakeup.set()


async def _for_people(session: AsyncSession, plan: NotificationPlan, resolution: Resolution,
                      fan_out: FanOut) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    context: dict[str, Any] | None = None
    for person in resolution.people.values():
        channels = await enabled_channels(session, user_id=person.user_id, kind=plan.kind)
        if not channels:
            continue
        context = context or await _message_context(session, plan, fan_out)
        message = fan_out.renderer.render(plan.kind, person.locale, context | {"recipient_name": person.full_name})
        rows += [_row(channel, recipient=str(person.user_id), user_id=person.user_id,
                      organization_id=person.organization_id, locale=person.locale, link=context["link"],
                      subject=message.subject, body_text=message.text,
                      address=person.email if channel is Channel.EMAIL else None,
                      body_html=message.html if channel is Channel.EMAIL else None) for channel in channels]
    return rows


async def _for_webhooks(session: AsyncSession, plan: NotificationPlan, resolution: Resolution, fan_out: FanOut,
                        *, cause: dict[str, str]) -> list[dict[str, Any]]:
    rows = []
    for subscription in await _subscriptions(session, resolution.organizations):
        if plan.kind.value not in subscription.event_kinds:
            continue
        notification_id = uuid.uuid4()
        body = json.dumps({
            "id": str(notification_id), "type": plan.kind.value, "organization_id": str(subscription.organization_id),
            "link": fan_out.link(plan), "cause": cause,
            "data": plan.facts}, ensure_ascii=False, separators=(",", ":"))
        rows.append(_row(Channel.WEBHOOK, notification_id=notification_id, recipient=str(subscription.webhook_id),
                         user_id=subscription.created_by, organization_id=subscription.organization_id,
                         webhook_id=subscription.webhook_id, locale=DEFAULT_LOCALE, address=subscription.url,
                         subject=plan.kind.value, body_text=body, link=fan_out.link(plan)))
    return rows


async def _subscriptions(session: AsyncSession, organizations: set[uuid.UUID]) -> list[Any]:
    """The live webhooks of these organisations (remembered for the transaction, like the directory)."""
    known = remembered(session, "webhooks")
    if missing := organizations - known.keys():
        found = (await session.execute(select(webhook).where(
            webhook.c.organization_id.in_(missing), webhook.c.deleted_at.is_(None)))).all()
        known |= {organization_id: [row for row in found if row.organization_id == organization_id]
                  for organization_id in missing}
    return [row for organization_id in organizations for row in known[organization_id]]


def _row(channel: Channel, *, notification_id: uuid.UUID | None = None, address: str | None = None,
         body_html: str | None = None, webhook_id: uuid.UUID | None = None, **values: Any) -> dict[str, Any]:
    """One notification's own columns; every row names every column (they go in one multi-row INSERT)."""
    return {**values, "notification_id": notification_id or uuid.uuid4(), "channel": channel.value,
            "address": address, "body_html": body_html, "webhook_id": webhook_id}


async def _message_context(session: AsyncSession, plan: NotificationPlan, fan_out: FanOut) -> dict[str, Any]:
    """What every template may use; names the projections do not know yet fall back to short ids."""
    facts = plan.facts
    known_project = await directory.find_project(session, plan.project_id)
    known_request = await directory.find_request(session, plan.request_id) if plan.request_id else None
    named_body = (facts.get("to_organization_id") or facts.get("recipient_organization_id")
                  or (known_request.recipient_organization_id if known_request else None))
    body_id = uuid.UUID(str(named_body)) if named_body else None
    names = await directory.organization_names(session, {body_id} if body_id else set())
    return {
        "event": facts,
        "link": fan_out.link(plan),
        "preferences_link": fan_out.cabinet_base_url.rstrip("/") + PREFERENCES_PATH,
        "project_name": (known_project.name if known_project and known_project.name
                         else (facts.get("project") or {}).get("name") or f"№ {str(plan.project_id)[:8]}"),
        "request_subject": ((known_request.subject if known_request else None) or facts.get("subject")
                            or f"№ {str(plan.request_id)[:8]}"),
        "body_name": names.get(body_id, f"№ {str(body_id)[:8]}") if body_id else "—",
    }
