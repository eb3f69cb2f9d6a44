"""One realistic instance of every published event, for the envelope and catalogue tests.

A new event without an example here fails `test_every_event_has_an_example`, so the round-trip test
cannot silently skip it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from uuid import UUID

import pytest

from corridor_contracts import (
    Channel, ClarificationProvided, ClarificationRequested, DocumentLink, Event, NotificationDelivered,
    NotificationFailed, OrganizationKind, OrganizationRegistered, PassportSubmitted, SigningKeysPublished, PauseReason, ProjectAccepted,
    ProjectCompleted, ProjectRejected, ProjectReturned, ProjectSummary, RequestAccepted, RequestAnswered,
    RequestClosed, RequestOutcome, RequestRedirected, RequestRouted, RequestSubmitted, RequestWithdrawn, Resource,
    RoadmapPublished, RoadmapTask, RoadmapTaskChanged, RoadmapTaskStatus, Role, SlaBreached, SlaClockPaused,
    SlaClockResumed, SlaClockStarted, SlaEscalated, SlaMet, SlaWarning, SupplierAction, SupplierRequestDispatched,
    SupplierRequestChange, SupplierRequestChanged, SupplierResponded, SupplierResponseRejected, UserDeactivated,
    UserRegistered, UserRolesChanged,
)

MSK = timezone(timedelta(hours=3))
AT = datetime(2025, 3, 14, 10, 30, tzinfo=MSK)
AGENCY, INVESTOR, LENENERGO, VSEVOLOZHSK = (UUID(int=n) for n in (1, 2, 3, 4))
MANAGER, INVESTOR_USER, OFFICIAL = (UUID(int=n) for n in (11, 12, 13))
PROJECT, REQUEST, TASK, NOTIFICATION = (UUID(int=n) for n in (21, 22, 23, 24))
VSEVOLOZHSKY_DISTRICT = "41612000"

SUMMARY = ProjectSummary(
    name="Завод по производству молочной продукции", investor_organization_id=INVESTOR,
    municipality_code=VSEVOLOZHSKY_DISTRICT, site_address="Всеволожский р-н, промзона «Кузьмоловская»",
    cadastral_number="47:07:0000000:123", industry_okved="10.51",
)
DOCUMENT = DocumentLink(
    document_id=UUID(int=31), file_name="Ситуационный план.pdf", content_type="application/pdf", size_bytes=482_113,
    sha256="9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    url="https://corridor.example/api/requests/documents/00000000-0000-0000-0000-00000000001f",
)
ON_REQUEST = {"occurred_at": AT, "request_id": REQUEST, "project_id": PROJECT}
ON_CLOCK = {**ON_REQUEST, "recipient_organization_id": LENENERGO}

EXAMPLES: list[Event] = [
    OrganizationRegistered(
        occurred_at=AT, organization_id=LENENERGO, kind=OrganizationKind.SUPPLIER,
        full_name="ПАО «Россети Ленэнерго»", short_name="Россети Ленэнерго", short_code="lenenergo",
        inn="7803002209", ogrn="1027809170300", municipality_code=None, resource=Resource.ELECTRICITY,
        resources=[Resource.ELECTRICITY]),
    UserRegistered(
        occurred_at=AT, user_id=INVESTOR_USER, organization_id=INVESTOR, organization_kind=OrganizationKind.INVESTOR,
        email="director@molprom.example", full_name="Иванова Мария Сергеевна", locale="ru", roles=[Role.INVESTOR]),
    UserRolesChanged(
        occurred_at=AT, user_id=MANAGER, organization_id=AGENCY, roles=[Role.MANAGER, Role.AGENCY_HEAD],
        previous_roles=[Role.MANAGER], actor_id=UUID(int=99)),
    UserDeactivated(occurred_at=AT, user_id=OFFICIAL, organization_id=VSEVOLOZHSK, reason="уволен", actor_id=None),
    SigningKeysPublished(
        occurred_at=AT, issuer="green-corridor-identity", active_key_id="k1",
        jwks={"keys": [{"kty": "EC", "crv": "P-256", "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
                        "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0", "kid": "k1", "alg": "ES256", "use": "sig"}]}),
    PassportSubmitted(
        occurred_at=AT, project_id=PROJECT, passport_version=2, project=SUMMARY, total_investment_rub=1_200_000_000,
        jobs_created=140, actor_id=INVESTOR_USER),
    ProjectAccepted(occurred_at=AT, project_id=PROJECT, project=SUMMARY, manager_user_id=MANAGER, actor_id=MANAGER),
    ProjectRejected(
        occurred_at=AT, project_id=PROJECT, investor_organization_id=INVESTOR, reason="не соответствует критериям",
        actor_id=MANAGER),
    ProjectReturned(
        occurred_at=AT, project_id=PROJECT, investor_organization_id=INVESTOR, remarks="уточните потребность в газе",
        actor_id=MANAGER),
    RoadmapPublished(
        occurred_at=AT, project_id=PROJECT, roadmap_version=1, manager_user_id=MANAGER, actor_id=MANAGER,
        tasks=[RoadmapTask(
            task_id=TASK, title="Технологическое присоединение до 150 кВт", algorithm_code="grid-connection-150kw",
            responsible_kind=OrganizationKind.SUPPLIER, request_type_code="grid-connection-150kw",
            due_on=date(2025, 4, 30), status=RoadmapTaskStatus.PLANNED)]),
    RoadmapTaskChanged(
        occurred_at=AT, project_id=PROJECT, task_id=TASK, status=RoadmapTaskStatus.IN_PROGRESS,
        previous_status=RoadmapTaskStatus.PLANNED, due_on=date(2025, 4, 30), request_id=REQUEST, at_risk=True,
        actor_id=None),
    ProjectCompleted(occurred_at=AT, project_id=PROJECT, investor_organization_id=INVESTOR, actor_id=MANAGER),
    RequestSubmitted(
        **ON_REQUEST, investor_organization_id=INVESTOR, request_type_code="grid-connection-150kw",
        subject="Техприсоединение 150 кВт", registered_at=AT, documents=[DOCUMENT], actor_id=INVESTOR_USER,
        roadmap_task_id=TASK, sla_policy_code="supplier-7wd"),
    RequestRouted(
        **ON_REQUEST, investor_organization_id=INVESTOR, request_type_code="grid-connection-150kw",
        subject="Техприсоединение 150 кВт", recipient_organization_id=LENENERGO,
        recipient_kind=OrganizationKind.SUPPLIER, rule_id="grid-by-resource",
        explanation="тип запроса grid-connection-150kw → РСО по ресурсу electricity в районе 41612000",
        sla_policy_code="supplier-7wd"),
    RequestAccepted(**ON_REQUEST, recipient_organization_id=LENENERGO, actor_id=None),
    ClarificationRequested(
        **ON_REQUEST, recipient_organization_id=LENENERGO, question="Приложите план границ участка", actor_id=None),
    ClarificationProvided(
        **ON_REQUEST, recipient_organization_id=LENENERGO, text="Приложен", documents=[DOCUMENT],
        actor_id=INVESTOR_USER),
    RequestRedirected(
        **ON_REQUEST, from_organization_id=VSEVOLOZHSK, to_organization_id=LENENERGO,
        to_organization_kind=OrganizationKind.SUPPLIER, reason="вопрос сетевой организации", actor_id=OFFICIAL),
    RequestAnswered(
        **ON_REQUEST, recipient_organization_id=LENENERGO, text="Технические условия выданы", documents=[DOCUMENT],
        actor_id=None),
    RequestWithdrawn(**ON_REQUEST, reason=None, actor_id=INVESTOR_USER),
    RequestClosed(**ON_REQUEST, outcome=RequestOutcome.ANSWERED, actor_id=None),
    SlaClockStarted(
        **ON_CLOCK, request_type_code="grid-connection-150kw", policy_code="supplier-7wd", target_working_days=7,
        starts_on=date(2025, 3, 17), due_on=date(2025, 3, 25)),
    SlaClockPaused(**ON_CLOCK, reason=PauseReason.AWAITING_INVESTOR, elapsed_working_minutes=960),
    SlaClockResumed(**ON_CLOCK, due_on=date(2025, 3, 27), elapsed_working_minutes=960),
    SlaWarning(**ON_CLOCK, percent_elapsed=75, due_on=date(2025, 3, 27), remaining_working_minutes=840),
    SlaBreached(**ON_CLOCK, due_on=date(2025, 3, 27), elapsed_working_minutes=3420),
    SlaMet(**ON_CLOCK, due_on=date(2025, 3, 27), elapsed_working_minutes=2880),
    SlaEscalated(
        **ON_CLOCK, level=1, escalated_to_organization_id=AGENCY, escalated_to_role=Role.AGENCY_HEAD,
        due_on=date(2025, 3, 27)),
    NotificationDelivered(
        occurred_at=AT, notification_id=NOTIFICATION, recipient_user_id=INVESTOR_USER, channel=Channel.EMAIL,
        template_code="request-answered", cause_event_id="c0ffee00-0000-0000-0000-000000000001",
        cause_event_type="ru.green-corridor.requests.RequestAnswered.v1"),
    NotificationFailed(
        occurred_at=AT, notification_id=NOTIFICATION, recipient_user_id=INVESTOR_USER, channel=Channel.WEBHOOK,
        template_code="request-answered", cause_event_id="c0ffee00-0000-0000-0000-000000000001",
        cause_event_type="ru.green-corridor.requests.RequestAnswered.v1", error="HTTP 503", attempts=3,
        will_retry=True, webhook_id=UUID(int=25)),
    SupplierRequestDispatched(
        **ON_REQUEST, supplier_organization_id=LENENERGO, supplier_short_code="lenenergo",
        request_type_code="grid-connection-150kw", subject="Техприсоединение 150 кВт", project=SUMMARY,
        applicant_name="ООО «МолПром»", applicant_inn="4703123456",
        payload={"max_power_kw": 150, "voltage_kv": 0.4, "reliability_category": "III", "temporary": False},
        documents=[DOCUMENT], registered_at=AT, due_on=date(2025, 3, 25)),
    SupplierResponded(
        occurred_at=AT, response_id=UUID(int=41), request_id=REQUEST, supplier_organization_id=LENENERGO,
        action=SupplierAction.ANSWERED, text="Технические условия № 123 выданы", documents=[DOCUMENT]),
    SupplierRequestChanged(
        **ON_REQUEST, supplier_organization_id=LENENERGO, supplier_short_code="lenenergo",
        change=SupplierRequestChange.CLARIFICATION_PROVIDED, text="План границ приложен", documents=[DOCUMENT]),
    SupplierResponseRejected(
        occurred_at=AT, request_id=REQUEST, response_id=UUID(int=41), supplier_organization_id=LENENERGO,
        supplier_short_code="lenenergo", reason="not-assigned",
        detail="the request is not assigned to the sender's organisation"),
]


@pytest.fixture(scope="session")
def examples() -> dict[type[Event], Event]:
    return {type(event): event for event in EXAMPLES}
