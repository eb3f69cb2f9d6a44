"""What other services announce reaches projects through the real broker: identity's directory,
requests moving the roadmap tasks they serve, SLA risk; and projects' own events go out."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timezone

from aiokafka import AIOKafkaConsumer, TopicPartition
from sqlalchemy import select

from corridor_contracts.envelope import from_kafka
from corridor_contracts.events.identity import OrganizationRegistered, UserDeactivated, UserRegistered, UserRolesChanged
from corridor_contracts.events.projects import PassportSubmitted
from corridor_contracts.events.requests import (
    RequestAnswered, RequestRouted, RequestSubmitted, RequestWithdrawn,
)
from corridor_contracts.events.sla import SlaBreached, SlaWarning
from corridor_contracts.topics import PROJECTS_PROJECT, TOPICS
from corridor_projects.adapters.tables import directory_users, request_links

NOW = datetime(2025, 5, 6, 9, 0, tzinfo=timezone.utc)


async def test_identity_events_feed_the_directory_in_any_order(service_with_consumers, publish, passport):
    service = service_with_consumers
    agency, manager_id, promoted_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    await publish(OrganizationRegistered(
        occurred_at=NOW, organization_id=agency, kind="agency", full_name="ГКУ «Агентство экономического развития ЛО»",
        short_name="АЭРЛО", short_code=None, inn="7707083893", ogrn="1027700132195", municipality_code=None,
        resource=None))
    await publish(UserRegistered(occurred_at=NOW, user_id=manager_id, organization_id=agency,
                                 organization_kind="agency", email="smirnov@aerlo.example",
                                 full_name="Смирнов Алексей Викторович", locale="ru", roles=["manager"]))
    # A role change seen before the registration (e.g. replayed from a dead-letter topic) is kept.
    await publish(UserRolesChanged(occurred_at=NOW, user_id=promoted_id, organization_id=agency,
                                   roles=["manager"], previous_roles=[], actor_id=None))
    await publish(UserRegistered(occurred_at=NOW, user_id=promoted_id, organization_id=agency,
                                 organization_kind="agency", email="orlova@aerlo.example",
                                 full_name="Орлова Анна Игоревна", locale="ru", roles=[]))

    async def both_known() -> bool:
        rows = await service.in_session(lambda session: session.execute(
            select(directory_users.c.full_name).where(directory_users.c.user_id.in_([manager_id, promoted_id]))))
        return sorted(name for name, in rows if name) == ["Орлова Анна Игоревна", "Смирнов Алексей Викторович"]

    await service.eventually(both_known)
    investor, head = service.investor(), service.head()
    first, second = await service.submitted(investor, passport), await service.submitted(investor, passport)
    accepted = await service.client.post(f"/projects/{first}/accept", headers=head.headers,
                                         json={"manager_user_id": str(promoted_id)})
    assert accepted.json()["manager"]["full_name"] == "Орлова Анна Игоревна"

    await publish(UserDeactivated(occurred_at=NOW, user_id=manager_id, organization_id=agency, reason="уволен",
                                  actor_id=None))

    async def deactivated() -> bool:
        rows = await service.in_session(lambda session: session.execute(
            select(directory_users.c.active).where(directory_users.c.user_id == manager_id)))
        return rows.scalar() is False

    await service.eventually(deactivated)
    refused = await service.client.post(f"/projects/{second}/accept", headers=head.headers,
                                        json={"manager_user_id": str(manager_id)})
    assert "deactivated" in service.problem(refused, 422, "manager-not-assignable")["detail"]


async def test_requests_move_the_tasks_they_serve_and_open_the_project_to_recipients(
        service_with_consumers, publish, passport):
    service = service_with_consumers
    investor = service.investor()
    manager = await service.in_directory(service.manager())
    project_id = await service.accepted(investor, passport, manager)
    roadmap = (await service.client.put(f"/projects/{project_id}/roadmap", headers=manager.headers, json={
        "starts_on": "2025-04-28", "items": [{"algorithm_code": "gpzu"}, {"algorithm_code": "title-registration"}]
    })).json()
    gpzu_task, title_task = (task["task_id"] for task in roadmap["tasks"])
    project, municipality = uuid.UUID(project_id), uuid.uuid4()
    gpzu_request, title_request = uuid.uuid4(), uuid.uuid4()
    on = {"project_id": project, "occurred_at": NOW}

    async def tasks() -> dict[str, dict]:
        view = (await service.client.get(f"/projects/{project_id}/roadmap", headers=investor.headers)).json()
        return {task["task_id"]: task for task in view["tasks"]}

    # An SLA warning may overtake the submission it belongs to (another topic): it is kept for the task.
    await publish(SlaWarning(**on, request_id=title_request, recipient_organization_id=municipality,
                             percent_elapsed=75, due_on=date(2025, 5, 14), remaining_working_minutes=480))
    await service.eventually(lambda: _link_exists(service, title_request))
    for request_id, task_id in ((gpzu_request, gpzu_task), (title_request, title_task)):
        await publish(RequestSubmitted(**on, request_id=request_id, investor_organization_id=investor.organization_id,
                                       request_type_code="gpzu", subject="Выдача ГПЗУ", registered_at=NOW,
                                       documents=[], actor_id=investor.user_id, roadmap_task_id=uuid.UUID(task_id)))
    await publish(RequestRouted(**on, request_id=gpzu_request, investor_organization_id=investor.organization_id,
                                request_type_code="gpzu", subject="Выдача ГПЗУ", recipient_organization_id=municipality,
                                recipient_kind="municipality", rule_id="gpzu-by-municipality",
                                explanation="ГПЗУ выдаёт администрация района участка"))

    async def both_in_progress() -> bool:
        current = await tasks()
        return all(current[t]["status"] == "in_progress" for t in (gpzu_task, title_task))

    await service.eventually(both_in_progress)
    current = await tasks()
    assert (current[gpzu_task]["request_id"], current[gpzu_task]["at_risk"]) == (str(gpzu_request), False)
    assert (current[title_task]["request_id"], current[title_task]["at_risk"]) == (str(title_request), True)
    official = service.official(municipality)

    async def official_sees_it() -> bool:
        return (await service.client.get(f"/projects/{project_id}", headers=official.headers)).status_code == 200

    await service.eventually(official_sees_it)

    await publish(SlaBreached(**on, request_id=gpzu_request, recipient_organization_id=municipality,
                              due_on=date(2025, 5, 14), elapsed_working_minutes=4000))
    await service.eventually(lambda: _task_is(tasks, gpzu_task, "in_progress", at_risk=True))
    await publish(RequestAnswered(**on, request_id=gpzu_request, recipient_organization_id=municipality,
                                  text="ГПЗУ выдан", documents=[], actor_id=official.user_id))
    await publish(RequestWithdrawn(**on, request_id=title_request, reason=None, actor_id=investor.user_id))
    await service.eventually(lambda: _task_is(tasks, gpzu_task, "done", at_risk=False))
    await service.eventually(lambda: _task_is(tasks, title_task, "planned", at_risk=False))
    assert (await tasks())[title_task]["request_id"] is None

    timeline = (await service.client.get(f"/projects/{project_id}/timeline", headers=investor.headers)).json()
    gpzu_changes = [(e["details"]["to"], e["details"]["at_risk"], e["comment"]) for e in timeline
                    if e["action"] == "change_task" and e["details"]["task_id"] == gpzu_task]
    assert gpzu_changes == [("in_progress", False, "request submitted"), ("in_progress", True, "SLA deadline at risk"),
                            ("done", False, "request answered")]
    assert (await service.events_of(project_id)).count("RoadmapTaskChanged") == 5


async def test_project_events_are_published_on_kafka(service, passport, kafka_bootstrap):
    consumer = AIOKafkaConsumer(bootstrap_servers=kafka_bootstrap, group_id=None, enable_auto_commit=False)
    await consumer.start()
    try:
        partitions = [TopicPartition(PROJECTS_PROJECT, p) for p in range(TOPICS[PROJECTS_PROJECT].partitions)]
        consumer.assign(partitions)
        await consumer.seek_to_end(*partitions)
        for partition in partitions:
            await consumer.position(partition)  # fix the starting point before anything is published
        investor = service.investor()
        project_id = await service.submitted(investor, passport)
        found = None
        while found is None:
            batches = await consumer.getmany(timeout_ms=30_000)
            assert batches, "no event arrived within 30 s"
            for record in (r for records in batches.values() for r in records):
                if record.key == project_id.encode():
                    found = from_kafka(record.key, record.value, record.headers).data
    finally:
        await consumer.stop()
    assert isinstance(found, PassportSubmitted)
    assert (found.passport_version, found.total_investment_rub, found.jobs_created, found.actor_id) == (
        1, 1_200_000_000, 140, investor.user_id)
    assert (found.project.municipality_code, found.project.investor_organization_id) == (
        "41612000", investor.organization_id)


async def _link_exists(service, request_id: uuid.UUID) -> bool:
    found = await service.in_session(lambda session: session.execute(
        select(request_links.c.request_id).where(request_links.c.request_id == request_id)))
    return found.first() is not None


async def _task_is(tasks, task_id: str, status: str, *, at_risk: bool) -> bool:
    task = (await tasks())[task_id]
    return (task["status"], task["at_risk"]) == (status, at_risk)
