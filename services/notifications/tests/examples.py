"""Realistic events of the catalogue, for the notifications specifications (unit and integration)."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta, timezone

from corridor_contracts import (
    ClarificationRequested, OrganizationKind, OrganizationRegistered, ProjectAccepted, ProjectSummary, RequestAnswered,
    RequestRouted, Role, SlaBreached, SlaEscalated, SlaWarning, UserRegistered,
)

MSK = timezone(timedelta(hours=3))
AT = datetime(2026, 3, 16, 10, 30, tzinfo=MSK)
DUE = date(2026, 3, 25)


def new_id() -> uuid.UUID:
    return uuid.uuid4()


def organization(organization_id: uuid.UUID, *, kind: OrganizationKind = OrganizationKind.REGIONAL_BODY,
                 short_name: str = "Комитет градостроительной политики") -> OrganizationRegistered:
    return OrganizationRegistered(
        occurred_at=AT, organization_id=organization_id, kind=kind, full_name=f"{short_name} Ленинградской области",
        short_name=short_name, short_code=None, inn="7842000011", ogrn=None, municipality_code=None, resource=None)


def user(organization_id: uuid.UUID, *, roles: tuple[Role, ...] = (Role.INVESTOR,), locale: str = "ru",
         kind: OrganizationKind = OrganizationKind.INVESTOR, full_name: str = "Ирина Соколова",
         user_id: uuid.UUID | None = None) -> UserRegistered:
    user_id = user_id or new_id()
    return UserRegistered(occurred_at=AT, user_id=user_id, organization_id=organization_id, organization_kind=kind,
                          email=f"{user_id.hex[:12]}@example.ru", full_name=full_name, locale=locale,
                          roles=list(roles))


def project_accepted(project_id: uuid.UUID, *, investor: uuid.UUID, manager: uuid.UUID,
                     name: str = "Завод по производству молочной продукции") -> ProjectAccepted:
    return ProjectAccepted(occurred_at=AT, project_id=project_id, manager_user_id=manager, actor_id=None,
                           project=ProjectSummary(name=name, investor_organization_id=investor,
                                                  municipality_code="41612000"))


def request_routed(request_id: uuid.UUID, project_id: uuid.UUID, *, investor: uuid.UUID, recipient: uuid.UUID,
                   subject: str = "Градостроительный план земельного участка") -> RequestRouted:
    return RequestRouted(occurred_at=AT, request_id=request_id, project_id=project_id,
                         investor_organization_id=investor, request_type_code="gpzu", subject=subject,
                         recipient_organization_id=recipient, recipient_kind=OrganizationKind.REGIONAL_BODY,
                         rule_id="gpzu-by-municipality", explanation="ГПЗУ выдаёт орган по месту нахождения участка")


def request_answered(request_id: uuid.UUID, project_id: uuid.UUID, *, recipient: uuid.UUID,
                     text: str = "ГПЗУ № RU47504000-123 подготовлен и подписан.") -> RequestAnswered:
    return RequestAnswered(occurred_at=AT, request_id=request_id, project_id=project_id,
                           recipient_organization_id=recipient, text=text, documents=[], actor_id=None)


def clarification_requested(request_id: uuid.UUID, project_id: uuid.UUID, *, recipient: uuid.UUID) -> ClarificationRequested:
    return ClarificationRequested(occurred_at=AT, request_id=request_id, project_id=project_id,
                                  recipient_organization_id=recipient, actor_id=None,
                                  question="Уточните кадастровый номер участка.")


def sla_warning(request_id: uuid.UUID, project_id: uuid.UUID, *, recipient: uuid.UUID) -> SlaWarning:
    return SlaWarning(occurred_at=AT, request_id=request_id, project_id=project_id,
                      recipient_organization_id=recipient, percent_elapsed=75, due_on=DUE,
                      remaining_working_minutes=840)


def sla_breached(request_id: uuid.UUID, project_id: uuid.UUID, *, recipient: uuid.UUID) -> SlaBreached:
    return SlaBreached(occurred_at=AT, request_id=request_id, project_id=project_id,
                       recipient_organization_id=recipient, due_on=DUE, elapsed_working_minutes=3360)


def sla_escalated(request_id: uuid.UUID, project_id: uuid.UUID, *, recipient: uuid.UUID, level: int,
                  to_organization: uuid.UUID, to_role: Role) -> SlaEscalated:
    return SlaEscalated(occurred_at=AT, request_id=request_id, project_id=project_id,
                        recipient_organization_id=recipient, level=level, escalated_to_organization_id=to_organization,
                        escalated_to_role=to_role, due_on=DUE)
