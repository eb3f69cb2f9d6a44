"""Fan-out: an answered request e-mails the investor once even when the event arrives twice; an event
that arrives before its recipients waits for them, within a window."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from corridor_chassis.messaging.tables import outbox
from corridor_contracts import OrganizationKind, Role
from corridor_notifications.adapters import tables
from corridor_notifications.adapters.tables import intent_wait, notification, notification_intent
from corridor_notifications.adapters.templates import Renderer
from corridor_notifications.service_layer.fan_out import FanOut, record_event

from ..examples import new_id, organization, request_answered, request_routed, user
from .conftest import eventually

pytestmark = pytest.mark.kafka  # and PostgreSQL, through `database_url`

SUBJECT = "Градостроительный план земельного участка"


async def test_an_answer_is_emailed_to_the_investor_once_after_a_duplicate_delivery(service) -> None:
    investor_org, body, project, request = new_id(), new_id(), new_id(), new_id()
    await service.publish(organization(body, short_name="Комитет по архитектуре"))
    await service.until_present(tables.organization, tables.organization.c.organization_id == body)
    investor = (await service.publish(user(investor_org, full_name="Ирина Соколова"))).data
    english = (await service.publish(user(investor_org, locale="en", full_name="John Smith"))).data
    await service.until_known(investor, english)
    await service.publish(request_routed(request, project, investor=investor_org, recipient=body, subject=SUBJECT))
    answer = await service.publish(request_answered(request, project, recipient=body))
    await service.publish(answer)  # the broker delivers it again

    await eventually(lambda: _delivered(service, answer.id, expected=4), what="4 deliveries")
    await asyncio.sleep(1.0)  # give the duplicate every chance to be sent
    [letter] = service.mail.to(investor.email)
    assert letter["Subject"] == f"Получен ответ на запрос «{SUBJECT}»"
    assert letter["Auto-Submitted"] == "auto-generated"
    text = letter.get_body(("plain",)).get_content()
    html = letter.get_body(("html",)).get_content()
    link = f"http://127.0.0.1:8080/requests/{request}"
    assert "Здравствуйте, Ирина Соколова!" in text and "Комитет по архитектуре" in text
    assert "ГПЗУ № RU47504000-123 подготовлен и подписан." in text and link in text
    assert f'href="{link}"' in html and '<html lang="ru">' in html
    [english_letter] = service.mail.to(english.email)
    assert english_letter["Subject"] == f"Answer received: “{SUBJECT}”"
    assert "Dear John Smith," in english_letter.get_body(("plain",)).get_content()

    rows = await service.rows(notification, notification.c.cause_event_id == answer.id)
    [emailed] = [row for row in rows if row.user_id == investor.user_id and row.channel == "email"]
    assert letter["Message-ID"] == f"<{emailed.notification_id}@green-corridor.local>"  # stable across retries
    assert sorted((row.recipient, row.channel) for row in rows) == sorted(
        (str(person.user_id), channel) for person in (investor, english) for channel in ("email", "in_app"))
    events = await service.rows(outbox, outbox.c.key.in_([str(row.notification_id) for row in rows]))
    assert sorted((e.key, e.event_type) for e in events) == sorted(
        (str(row.notification_id), "ru.green-corridor.notifications.NotificationDelivered.v1") for row in rows)
    await eventually(lambda: _published(service), what="delivery events published")


async def test_the_unique_notification_holds_even_without_the_inbox(service) -> None:
    """Fan-out for the same event twice, bypassing the inbox (as a second consumer would): one row each."""
    investor_org, body, project, request = new_id(), new_id(), new_id(), new_id()
    person = (await service.publish(user(investor_org))).data
    await service.until_known(person)
    routed = await service.publish(request_routed(request, project, investor=investor_org, recipient=body))
    await eventually(lambda: _intent_recorded(service, routed.id), what="routing seen")
    fan_out = FanOut(renderer=Renderer(), cabinet_base_url="http://cabinet", intent_window=timedelta(hours=1))
    answer = await service.publish(request_answered(request, project, recipient=body))
    for _ in range(2):
        async with service.app.state.runtime.session_factory() as session, session.begin():
            await record_event(session, answer, fan_out=fan_out, now=service.clock())
    await eventually(lambda: _delivered(service, answer.id, expected=2), what="2 deliveries")
    assert await service.count(notification, notification.c.cause_event_id == answer.id) == 2
    assert len(service.mail.to(person.email)) == 1


async def test_a_notification_waits_for_the_people_it_is_for_and_reaches_them_when_they_arrive(service) -> None:
    """The routing reaches the body before identity has told us of its officials."""
    investor_org, body, project, request = new_id(), new_id(), new_id(), new_id()
    routed = await service.publish(request_routed(request, project, investor=investor_org, recipient=body))
    await eventually(lambda: _intent_recorded(service, routed.id), what="intent recorded")
    assert await service.count(notification, notification.c.cause_event_id == routed.id) == 0

    official = (await service.publish(user(body, roles=(Role.OFFICIAL,), kind=OrganizationKind.REGIONAL_BODY))).data
    await eventually(lambda: _delivered(service, routed.id, expected=2), what="official notified")
    [letter] = service.mail.to(official.email)
    assert letter["Subject"] == f"Новый запрос: «{SUBJECT}»"
    [intent] = await service.rows(notification_intent, notification_intent.c.cause_event_id == routed.id)
    assert intent.settled_at is not None

    latecomer = (await service.publish(user(body, roles=(Role.OFFICIAL,), kind=OrganizationKind.REGIONAL_BODY))).data
    another = (await service.publish(user(body, roles=(Role.OFFICIAL,), kind=OrganizationKind.REGIONAL_BODY))).data
    await service.until_known(latecomer, another)
    assert await service.count(notification, notification.c.user_id == latecomer.user_id) == 0  # old news stays old


async def test_an_event_whose_people_never_arrive_stops_waiting_after_the_window(service) -> None:
    supplier, project = new_id(), new_id()  # a supplier known only through its systems: no officials
    routed = await service.publish(request_routed(new_id(), project, investor=new_id(), recipient=supplier))
    await eventually(lambda: _intent_recorded(service, routed.id), what="intent recorded")
    mine = intent_wait.c.cause_event_id == routed.id  # the shared broker carries other people's events too
    assert [row.wait_key for row in await service.rows(intent_wait, mine)] == [f"org:{supplier}"]

    service.clock.advance(timedelta(hours=24, minutes=2).total_seconds())
    await eventually(lambda: _settled(service, routed.id), what="intent settled by the sweep")
    assert await service.count(intent_wait, mine) == 0
    official = (await service.publish(user(supplier, roles=(Role.OFFICIAL,), kind=OrganizationKind.SUPPLIER))).data
    await service.until_known(official)
    assert await service.count(notification, notification.c.cause_event_id == routed.id) == 0


async def _settled(service, cause_event_id: str) -> bool:
    [intent] = await service.rows(notification_intent, notification_intent.c.cause_event_id == cause_event_id)
    return intent.settled_at is not None


async def _delivered(service, cause_event_id: str, *, expected: int) -> bool:
    rows = await service.rows(notification, notification.c.cause_event_id == cause_event_id,
                              notification.c.status == "delivered")
    return len(rows) >= expected


async def _intent_recorded(service, cause_event_id: str) -> bool:
    return await service.count(notification_intent, notification_intent.c.cause_event_id == cause_event_id) == 1


async def _published(service) -> bool:
    return await service.count(outbox, outbox.c.published_at.is_(None)) == 0
