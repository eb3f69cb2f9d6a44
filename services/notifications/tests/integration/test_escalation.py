"""A breach reaches the escalation chain: the responsible officials and the project's manager, then
each level the sla service escalates to; level 1 is the body's head, or its officials while it has none."""

from __future__ import annotations

import pytest

from corridor_contracts import OrganizationKind, Role, UserDeactivated, UserRolesChanged
from corridor_notifications.adapters import tables
from corridor_notifications.adapters.tables import intent_wait, notification, person

from ..examples import AT, new_id, organization, project_accepted, request_routed, sla_breached, sla_escalated, user
from .conftest import eventually

pytestmark = pytest.mark.kafka  # and PostgreSQL, through `database_url`

AGENCY_KIND = OrganizationKind.AGENCY
BODY_KIND = OrganizationKind.REGIONAL_BODY


async def test_a_breach_and_its_escalations_reach_each_level_of_the_chain(service) -> None:
    investor_org, body, agency, project, request = new_id(), new_id(), new_id(), new_id(), new_id()
    await service.publish(organization(body, short_name="Комитет по архитектуре"))
    official = (await service.publish(user(body, roles=(Role.OFFICIAL,), kind=BODY_KIND))).data
    body_system = (await service.publish(user(body, roles=(Role.SUPPLIER_SYSTEM,), kind=BODY_KIND))).data
    manager = (await service.publish(user(agency, roles=(Role.MANAGER,), kind=AGENCY_KIND, locale="en"))).data
    other_manager = (await service.publish(user(agency, roles=(Role.MANAGER,), kind=AGENCY_KIND))).data
    head = (await service.publish(user(agency, roles=(Role.AGENCY_HEAD,), kind=AGENCY_KIND))).data
    await service.until_known(official, body_system, manager, other_manager, head)
    await service.publish(project_accepted(project, investor=investor_org, manager=manager.user_id))
    await service.publish(request_routed(request, project, investor=investor_org, recipient=body))
    # The sla topic is consumed beside the others: let the request and project be known first, as they
    # are days before a breach, so the messages can name them.
    await service.until_present(tables.project, tables.project.c.project_id == project)
    await service.until_present(tables.request, tables.request.c.request_id == request)

    breach = await service.publish(sla_breached(request, project, recipient=body))
    await eventually(lambda: _notified(service, breach.id, 4), what="breach notified")
    assert await _recipients(service, breach.id) == {official.user_id, manager.user_id}
    assert [m["Subject"] for m in service.mail.to(manager.email) if "overdue" in m["Subject"]] == [
        "Answer overdue: “Градостроительный план земельного участка”"]
    assert any(m["Subject"].startswith("Просрочен ответ") for m in service.mail.to(official.email))

    level_2 = await service.publish(sla_escalated(request, project, recipient=body, level=2, to_organization=agency,
                                                  to_role=Role.MANAGER))
    level_3 = await service.publish(sla_escalated(request, project, recipient=body, level=3, to_organization=agency,
                                                  to_role=Role.AGENCY_HEAD))
    await eventually(lambda: _notified(service, level_3.id, 2), what="agency head notified")
    await eventually(lambda: _notified(service, level_2.id, 2), what="manager notified")
    assert await _recipients(service, level_2.id) == {manager.user_id}
    assert await _recipients(service, level_3.id) == {head.user_id}
    [escalation] = service.mail.to(head.email)
    assert escalation["Subject"] == "Эскалация (уровень 3): просрочен запрос «Градостроительный план земельного участка»"
    assert f"/requests/{request}" in escalation.get_body(("plain",)).get_content()
    assert service.mail.to(other_manager.email) == [] and service.mail.to(body_system.email) == []


async def test_a_level_one_escalation_reaches_the_bodys_head_and_not_its_other_officials(service) -> None:
    body, request, project = new_id(), new_id(), new_id()
    head = (await service.publish(user(body, roles=(Role.OFFICIAL,), kind=BODY_KIND))).data
    official = (await service.publish(user(body, roles=(Role.OFFICIAL,), kind=BODY_KIND))).data
    await service.until_known(head, official)
    await service.publish(UserRolesChanged(occurred_at=AT, user_id=head.user_id, organization_id=body, actor_id=None,
                                           roles=[Role.OFFICIAL, Role.ORGANIZATION_HEAD], previous_roles=[Role.OFFICIAL]))
    await eventually(lambda: _holds(service, head.user_id, Role.ORGANIZATION_HEAD), what="head's role projected")

    escalated = await service.publish(_to_the_head(request, project, body))
    await eventually(lambda: _notified(service, escalated.id, 2), what="head notified")
    assert await _recipients(service, escalated.id) == {head.user_id}
    [letter] = service.mail.to(head.email)
    assert letter["Subject"].startswith("Эскалация (уровень 1)")
    assert service.mail.to(official.email) == []


async def test_a_level_one_escalation_to_a_body_without_a_head_reaches_its_officials(service) -> None:
    body, request, project = new_id(), new_id(), new_id()
    officials = [(await service.publish(user(body, roles=(Role.OFFICIAL,), kind=BODY_KIND))).data for _ in range(2)]
    system = (await service.publish(user(body, roles=(Role.SUPPLIER_SYSTEM,), kind=BODY_KIND))).data
    await service.until_known(*officials, system)

    escalated = await service.publish(_to_the_head(request, project, body))
    await eventually(lambda: _notified(service, escalated.id, 4), what="officials notified")
    assert await _recipients(service, escalated.id) == {official.user_id for official in officials}
    assert all(len(service.mail.to(official.email)) == 1 for official in officials)
    assert service.mail.to(system.email) == []


async def test_a_deactivated_head_no_longer_receives_and_the_officials_do(service) -> None:
    body, project = new_id(), new_id()
    head = (await service.publish(user(body, roles=(Role.ORGANIZATION_HEAD,), kind=BODY_KIND))).data
    official = (await service.publish(user(body, roles=(Role.OFFICIAL,), kind=BODY_KIND))).data
    await service.until_known(head, official)
    first = await service.publish(_to_the_head(new_id(), project, body))
    await eventually(lambda: _notified(service, first.id, 2), what="head notified")
    assert await _recipients(service, first.id) == {head.user_id}

    await service.publish(UserDeactivated(occurred_at=AT, user_id=head.user_id, organization_id=body,
                                          reason="Уволен", actor_id=None))
    await service.until_present(person, person.c.user_id == head.user_id, person.c.active.is_(False))
    second = await service.publish(_to_the_head(new_id(), project, body))
    await eventually(lambda: _notified(service, second.id, 2), what="official notified")
    assert await _recipients(service, second.id) == {official.user_id}
    assert len(service.mail.to(head.email)) == 1 and len(service.mail.to(official.email)) == 1


async def test_an_escalation_to_a_body_nobody_of_which_is_known_yet_waits_for_its_people(service) -> None:
    body, project = new_id(), new_id()
    escalated = await service.publish(_to_the_head(new_id(), project, body))
    await eventually(lambda: _waits_on(service, escalated.id, f"org:{body}"), what="waiting for the body")

    head = (await service.publish(user(body, roles=(Role.ORGANIZATION_HEAD,), kind=BODY_KIND))).data
    await eventually(lambda: _notified(service, escalated.id, 2), what="head notified once registered")
    assert await _recipients(service, escalated.id) == {head.user_id}


def _to_the_head(request, project, body):
    return sla_escalated(request, project, recipient=body, level=1, to_organization=body,
                         to_role=Role.ORGANIZATION_HEAD)


async def _holds(service, user_id, role: Role) -> bool:
    rows = await service.rows(person, person.c.user_id == user_id)
    return bool(rows) and role.value in rows[0].roles


async def _waits_on(service, cause_event_id: str, key: str) -> bool:
    rows = await service.rows(intent_wait, intent_wait.c.cause_event_id == cause_event_id)
    return [row.wait_key for row in rows] == [key]


async def _notified(service, cause_event_id: str, count: int) -> bool:
    return await service.count(notification, notification.c.cause_event_id == cause_event_id,
                               notification.c.status == "delivered") >= count


async def _recipients(service, cause_event_id: str) -> set:
    return {row.user_id for row in await service.rows(notification, notification.c.cause_event_id == cause_event_id)}
