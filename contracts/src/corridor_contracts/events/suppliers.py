"""Supplier integration: requests sent to a supplier's own topic, and what suppliers send back.

Why: a supplier system (e.g. a grid company's CRM) cannot call our projections, so a dispatched request
is self-contained: project summary, applicant, form fields, documents with hashes, due date. Answers
come on one shared topic; the requests service checks that the sender is the assigned organisation,
so the response names it and carries its own id to be applied once. The supplier's topic also tells
it when the investor answers its question, when a request is withdrawn or moved away, and when one of
its responses was rejected (so an integrator never waits for an answer that was not applied).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import ClassVar
from uuid import UUID

from pydantic import AwareDatetime, Field, model_validator

from corridor_contracts.base import DomainEvent
from corridor_contracts.topics import SUPPLIER_RESPONSES, SUPPLIER_TOPIC_PATTERN, supplier_topic
from corridor_contracts.vocabulary import (
    DocumentLink, OrganizationId, ProjectId, ProjectSummary, RequestId, RequestTypeCode, ShortCode,
)

FormValue = str | int | float | bool | None


class _OnSupplierTopic(DomainEvent, abstract=True):
    """An event on one supplier's own topic, keyed by the request it concerns."""

    topic: ClassVar[str] = SUPPLIER_TOPIC_PATTERN
    key_field: ClassVar[str] = "request_id"

    def kafka_topic(self) -> str:
        return supplier_topic(self.supplier_short_code)


class _AboutSupplierRequest(_OnSupplierTopic, abstract=True):
    request_id: RequestId
    project_id: ProjectId
    supplier_organization_id: OrganizationId
    supplier_short_code: ShortCode


class SupplierRequestDispatched(_AboutSupplierRequest):
    """A request routed to a supplier, on that supplier's topic (`requests.supplier.<short_code>.v1`)."""

    request_type_code: RequestTypeCode
    subject: str = Field(min_length=1, max_length=500, description="Short subject of the request.")
    project: ProjectSummary
    applicant_name: str = Field(min_length=1, description="The investor company's name.")
    applicant_inn: str = Field(pattern=r"^\d{10}(\d{2})?$", description="The investor company's INN.")
    payload: dict[str, FormValue] = Field(
        description="Form fields of the request type by field code, e.g. {\"max_power_kw\": 150}.")
    documents: list[DocumentLink] = Field(description="Documents to download; verify each by its sha256.")
    registered_at: AwareDatetime = Field(description="Registration time of the request.")
    due_on: date = Field(description="Last working day to answer on time.")


class SupplierAction(StrEnum):
    ACCEPTED = "accepted"
    CLARIFICATION_REQUESTED = "clarification_requested"
    ANSWERED = "answered"


class SupplierResponded(DomainEvent):
    """A supplier system accepted a request, asked the investor a question, or answered."""

    topic: ClassVar[str] = SUPPLIER_RESPONSES
    key_field: ClassVar[str] = "request_id"

    response_id: UUID = Field(description="Chosen by the supplier, unique per response; repeats are applied once.")
    request_id: RequestId
    supplier_organization_id: OrganizationId = Field(description="The answering supplier; must be the assignee.")
    action: SupplierAction
    text: str | None = Field(default=None, description="The question or the answer; required for both.")
    documents: list[DocumentLink] = Field(default_factory=list, description="Documents issued with the answer.")

    @model_validator(mode="after")
    def _text_for_question_and_answer(self) -> "SupplierResponded":
        if self.action is not SupplierAction.ACCEPTED and not (self.text and self.text.strip()):
            raise ValueError(f"a response with action {self.action.value!r} needs text")
        return self


class SupplierRequestChange(StrEnum):
    CLARIFICATION_PROVIDED = "clarification_provided"  # the investor answered the supplier's question
    WITHDRAWN = "withdrawn"  # the investor withdrew the request: stop working on it
    RECALLED = "recalled"  # the request was moved to another organisation or closed with its project


class SupplierRequestChanged(_AboutSupplierRequest):
    """Something the supplier must know about a request dispatched to it, on that supplier's topic."""

    change: SupplierRequestChange
    text: str | None = Field(default=None,
                             description="The investor's clarification, or why it was withdrawn or moved.")
    documents: list[DocumentLink] = Field(default_factory=list, description="Documents added with a clarification.")


class SupplierResponseRejected(_OnSupplierTopic):
    """A response the supplier sent was not applied; the request is unchanged. On the sender's own topic."""

    request_id: RequestId
    response_id: UUID = Field(description="The rejected response, as the supplier chose it.")
    supplier_organization_id: OrganizationId = Field(description="The sender, as its access token proves.")
    supplier_short_code: ShortCode
    reason: str = Field(min_length=1, max_length=64, description="Stable code, e.g. not-assigned, illegal-transition.")
    detail: str = Field(min_length=1, description="What was wrong, in words.")
