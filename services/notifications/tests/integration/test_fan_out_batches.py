"""Fan-out of several events in one transaction, as the consumer applies a polled batch: lookups are
remembered for the transaction, yet what one event writes to the projections is seen by the next."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from corridor_contracts import OrganizationKind, Role, UserDeactivated
from corridor_contracts.base import Event
from corridor_contracts.envelope import Envelope
from corridor_contracts.events.notifications import Channel
from corridor_notifications.adapters import directory
from corridor_notifications.adapters.tables import intent_wait, notification, notification_intent, project
from corridor_notifications.adapters.templates import Renderer
from corridor_notifications.bootstrap import build_runtime
from corridor_notifications.domain.kinds import NotificationKind
from corridor_notifications.entrypoints.consumers import fan_out_handlers
from corridor_notifications.service_layer.fan_out import FanOut
from corridor_notifications.service_layer.preferences import enabled_channels, set_preferences
from corridor_notifications.service_layer.webhooks import register_webhook
from corridor_notifications.settings import Settings

from ..examples import AT, new_id, organization, project_accepted, request_answered, request_routed, user

NOW = datetime(2026, 3, 16, 7, 30, tzinfo=timezone.utc)
FAN_OUT = FanOut(renderer=Renderer(), cabinet_base_url="http://cabinet", intent_window=timedelta(hours=24))


async def apply_as_one_batch(sessions, *events: Event) -> list[Envelope]:
    """What the consumer's batch mode does: every event's handler in one transaction, in order."""
    on_event = next(iter(fan_out_handlers(FAN_OUT, lambda: NOW).values()))
    envelopes = [Envelope.wrap(event) for event in events]
    async with sessions() as session, session.begin():
        for envelope in envelopes:
            await on_event(session, envelope)
    return envelopes


def official(body, **overrides):
    return user(body, roles=(Role.OFFICIAL,), kind=OrganizationKind.REGIONAL_BODY, **overrides)


async def recipients(sessions, envelope: Envelope) -> set[tuple[str, str]]:
    async with sessions() as session:
        rows = await session.execute(select(notification.c.recipient, notification.c.channel)
                                     .where(notification.c.cause_event_id == envelope.id))
        return set(rows.all())


async def feed_texts(sessions, user_id) -> dict[str, str]:
    """The person's feed messages by the event that caused them."""
    async with sessions() as session:
        return dict((await session.execute(
            select(notification.c.cause_event_id, notification.c.body_text)
            .where(notification.c.channel == Channel.IN_APP.value, notification.c.user_id == user_id))).all())


async def test_a_routing_that_waited_for_officials_reaches_them_when_they_register_in_the_same_batch(sessions) -> None:
    investor, body, project_id = new_id(), new_id(), new_id()
    clerk = official(body)
    early, _, _, late = await apply_as_one_batch(
        sessions, request_routed(new_id(), project_id, investor=investor, recipient=body),
        organization(body), clerk, request_routed(new_id(), project_id, investor=investor, recipient=body))

    both_channels = {(str(clerk.user_id), "email"), (str(clerk.user_id), "in_app")}
    assert await recipients(sessions, early) == both_channels
    assert await recipients(sessions, late) == both_channels
    async with sessions() as session:
        assert (await session.execute(select(intent_wait))).all() == []
        settled = (await session.execute(select(notification_intent.c.settled_at))).scalars().all()
    assert len(settled) == 2 and None not in settled


async def test_a_person_deactivated_in_the_batch_is_not_notified_by_the_events_after_it(sessions) -> None:
    investor, body, project_id = new_id(), new_id(), new_id()
    leaving, staying = official(body), official(body)
    await apply_as_one_batch(sessions, leaving, staying)
    before, _, after = await apply_as_one_batch(
        sessions, request_routed(new_id(), project_id, investor=investor, recipient=body),
        UserDeactivated(occurred_at=AT, user_id=leaving.user_id, organization_id=body, reason=None, actor_id=None),
        request_routed(new_id(), project_id, investor=investor, recipient=body))

    assert {recipient for recipient, _ in await recipients(sessions, before)} == {str(leaving.user_id),
                                                                                  str(staying.user_id)}
    assert {recipient for recipient, _ in await recipients(sessions, after)} == {str(staying.user_id)}


async def test_a_project_named_in_the_batch_is_named_in_the_messages_after_it(sessions) -> None:
    investor, body, project_id = new_id(), new_id(), new_id()
    clerk = official(body)
    await apply_as_one_batch(sessions, clerk)
    before, _, after = await apply_as_one_batch(
        sessions, request_routed(new_id(), project_id, investor=investor, recipient=body),
        project_accepted(project_id, investor=investor, manager=new_id(), name="Тепличный комплекс «Северный»"),
        request_routed(new_id(), project_id, investor=investor, recipient=body))

    texts = await feed_texts(sessions, clerk.user_id)
    assert f"«№ {str(project_id)[:8]}»" in texts[before.id]
    assert "«Тепличный комплекс «Северный»»" in texts[after.id]


async def test_an_organisation_registered_in_the_batch_is_named_in_the_messages_after_it(sessions) -> None:
    investor_org, body, project_id, request_id = new_id(), new_id(), new_id(), new_id()
    investor = user(investor_org)
    await apply_as_one_batch(sessions, investor, request_routed(request_id, project_id, investor=investor_org,
                                                                 recipient=body))
    before, _, after = await apply_as_one_batch(
        sessions, request_answered(request_id, project_id, recipient=body),
        organization(body, short_name="Комитет по архитектуре"),
        request_answered(request_id, project_id, recipient=body))

    texts = await feed_texts(sessions, investor.user_id)
    assert f"Организация «№ {str(body)[:8]}» ответила" in texts[before.id]
    assert "Организация «Комитет по архитектуре» ответила" in texts[after.id]


async def test_a_webhook_registered_in_a_transaction_hears_the_events_fanned_out_after_it(sessions) -> None:
    investor, body, project_id = new_id(), new_id(), new_id()
    on_event = next(iter(fan_out_handlers(FAN_OUT, lambda: NOW).values()))
    before, after = (Envelope.wrap(request_routed(new_id(), project_id, investor=investor, recipient=body))
                     for _ in range(2))
    async with sessions() as session, session.begin():
        await on_event(session, before)
        hook, _ = await register_webhook(session, organization_id=body, url="https://body.example/hook",
                                         event_kinds=[NotificationKind.REQUEST_ROUTED], created_by=new_id(), now=NOW,
                                         require_https=True)
        await on_event(session, after)

    assert await recipients(sessions, before) == set()
    assert await recipients(sessions, after) == {(str(hook.webhook_id), "webhook")}


async def test_preferences_changed_in_a_transaction_are_read_back_changed_in_it(sessions) -> None:
    person = new_id()
    async with sessions() as session, session.begin():
        assert await enabled_channels(session, user_id=person, kind=NotificationKind.SLA_WARNING) == [
            Channel.IN_APP, Channel.EMAIL]
        await set_preferences(session, user_id=person, choices=[(NotificationKind.SLA_WARNING, Channel.EMAIL, False)])
        assert await enabled_channels(session, user_id=person, kind=NotificationKind.SLA_WARNING) == [Channel.IN_APP]


async def test_nothing_is_remembered_past_the_transaction(sessions) -> None:
    project_id = new_id()
    async with sessions() as session:
        async with session.begin():
            assert await directory.find_project(session, project_id) is None
        async with sessions() as other, other.begin():
            await other.execute(project.insert().values(project_id=project_id, name="Завод"))
        async with session.begin():
            assert (await directory.find_project(session, project_id)).name == "Завод"


def test_the_fan_out_consumer_applies_each_polled_batch_in_one_transaction(tmp_path) -> None:
    runtime = build_runtime(Settings(data_dir=tmp_path, environment="test"), lambda: NOW)
    assert [subscription.batch for subscription in runtime.subscriptions] == [True]
