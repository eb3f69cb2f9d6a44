"""The JSON shapes of the API: bodies are strict (unknown fields are an error), views are plain."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import (
    BaseModel, ConfigDict, Field, StringConstraints, computed_field, field_validator, model_validator,
)

from corridor_contracts.vocabulary import OrganizationKind
from corridor_requests.domain.catalogue import FieldType
from corridor_requests.domain.lifecycle import RequestStatus

CODE_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
Code = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
FieldCode = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20000)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Scalar = str | int | float | bool | None
DocumentIds = Annotated[list[UUID], Field(default_factory=list, max_length=50)]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- catalogue -------------------------------------------------------------------------------------
class FormFieldBody(Body):
    code: FieldCode
    label: Name
    type: FieldType
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None
    choices: list[Annotated[str, StringConstraints(min_length=1, max_length=200)]] = Field(
        default_factory=list, max_length=50)
    max_length: int = Field(default=2000, ge=1, le=20000)


class RequiredDocumentBody(Body):
    code: Code
    title: Name


class RoadmapStepBody(Body):
    algorithm_code: Code = Field(description="An algorithm of the projects service's investment rules.")
    step: Name = Field(description="The code of the step within that algorithm (the first API version took titles).")


class _RequestTypeFields(Body):
    name: Name
    description: Annotated[str, StringConstraints(max_length=4000)] = ""
    recipient_kind: OrganizationKind
    sla_policy_code: Code
    target_working_days: int = Field(ge=1, le=60)
    required_documents: list[RequiredDocumentBody] = Field(default_factory=list, max_length=30)
    form_fields: list[FormFieldBody] = Field(default_factory=list, max_length=50)
    roadmap_steps: list[RoadmapStepBody] = Field(
        default_factory=list, max_length=20,
        description="The investment-rule steps a request of this type serves; none for a consultation.")
    active: bool = True

    @field_validator("recipient_kind")
    @classmethod
    def _not_an_investor(cls, kind: OrganizationKind) -> OrganizationKind:
        if kind is OrganizationKind.INVESTOR:
            raise ValueError("requests go to bodies, suppliers or the agency, not to investors")
        return kind


class RequestTypeBody(_RequestTypeFields):
    roadmap_step: RoadmapStepBody | None = Field(  # deprecated in the schema only: pydantic would warn on each use
        default=None, json_schema_extra={"deprecated": True},
        description="The first API version's single step; send roadmap_steps.")

    @model_validator(mode="after")
    def _one_way_to_name_steps(self) -> RequestTypeBody:
        if self.roadmap_step is not None and self.roadmap_steps:
            raise ValueError("name the steps in roadmap_steps only, not also in roadmap_step")
        return self


class RequestTypeView(_RequestTypeFields):
    model_config = ConfigDict(extra="ignore")
    code: str

    @computed_field(json_schema_extra={"deprecated": True},
                    description="The first of roadmap_steps, for clients of the first API version.")
    @property
    def roadmap_step(self) -> RoadmapStepBody | None:
        return self.roadmap_steps[0] if self.roadmap_steps else None


class ConditionBody(Body):
    field: FieldCode
    op: Literal["eq", "ne", "lt", "le", "gt", "ge", "in"]
    value: Scalar | list[Scalar]


class RecipientBody(Body):
    by: Literal["organization_id", "short_code", "project_municipality", "supplier_of"]
    value: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = None


class RoutingRuleBody(Body):
    rule_id: Code
    name: Name
    recipient: RecipientBody
    request_types: list[Code] = Field(default_factory=list, max_length=100)
    municipalities: list[Annotated[str, StringConstraints(min_length=1, max_length=32)]] = Field(
        default_factory=list, max_length=100)
    conditions: list[ConditionBody] = Field(default_factory=list, max_length=20)


class RoutingRulesBody(Body):
    rules: list[RoutingRuleBody] = Field(max_length=500)


class ExplainBody(Body):
    request_type_code: Code
    municipality_code: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    payload: dict[str, Scalar] = Field(default_factory=dict)


class RoutingDecisionView(BaseModel):
    recipient_organization_id: UUID
    recipient_name: str
    recipient_kind: OrganizationKind
    rule_id: str | None
    explanation: str


# --- documents --------------------------------------------------------------------------------------
class DocumentView(BaseModel):
    document_id: UUID
    file_name: str
    content_type: str
    size_bytes: int
    sha256: str
    kind: str | None
    uploaded_at: datetime
    url: str


# --- requests ---------------------------------------------------------------------------------------
class CreateRequestBody(Body):
    project_id: UUID
    request_type_code: Code
    subject: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
    payload: dict[str, Scalar] = Field(default_factory=dict, max_length=50)
    document_ids: DocumentIds
    roadmap_task_id: UUID | None = None


class QuestionBody(Body):
    question: Text


class ClarificationBody(Body):
    text: Text
    document_ids: DocumentIds


class AnswerBody(Body):
    text: LongText
    document_ids: DocumentIds


class RedirectBody(Body):
    organization_id: UUID
    reason: Text


class WithdrawBody(Body):
    reason: Text | None = None


class RequestView(BaseModel):
    request_id: UUID
    project_id: UUID
    investor_organization_id: UUID
    request_type_code: str
    subject: str
    payload: dict[str, Scalar]
    status: RequestStatus
    recipient_organization_id: UUID | None
    recipient_kind: str | None
    routing_rule_id: str | None
    routing_explanation: str | None
    sla_policy_code: str
    roadmap_task_id: UUID | None
    registered_at: datetime
    due_on: date | None
    outcome: str | None
    updated_at: datetime
    version: int


class StepView(BaseModel):
    step: str
    from_status: str | None
    to_status: str
    actor_id: UUID | None
    actor_organization_id: UUID | None
    organization_id: UUID | None
    text: str | None
    occurred_at: datetime
    documents: list[DocumentView]


class RequestDetailView(RequestView):
    recipient_name: str | None
    viewer: list[str] = Field(description="What the caller is to this request: investor, recipient, manager.")
    history: list[StepView]


class RequestPageView(BaseModel):
    items: list[RequestView]
    total: int
    limit: int
    offset: int
