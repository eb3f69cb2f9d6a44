"""A breach reaches the escalation chain: the responsible officials and the project's manager, then
each level the sla service escalates to."""

from __future__ import annotations

import pytest

from corridor_contracts import OrganizationKind, Role
from corridor_notifications.adapters import tables
from corridor_notifications.adapters.tables import notification

from ..examples import new_id, organization, project_accepted, request_routed, sla_breached, sla_escalated, user
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


async def _notified(service, cause_event_id: str, count: int) -> bool:
    return await service.count(notification, notification.c.cause_event_id == cause_event_id,
                               notification.c.status == "delivered") >= count


async def _recipients(service, cause_event_id: str) -> set:
    return {row.user_id for row in await service.rows(notification, notification.c.cause_event_id == cause_event_id)}
