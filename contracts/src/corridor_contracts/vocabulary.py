"""The words several events share: closed sets, identifiers and small value objects.

Why: a consumer that matches on an organisation kind or a role must see the same spelling in every
event, and a field such as `request_id` should mean the same thing wherever it appears.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from corridor_contracts.topics import SHORT_CODE_PATTERN


class OrganizationKind(StrEnum):
    AGENCY = "agency"  # the region's development agency
    REGIONAL_BODY = "regional_body"  # ОИВ
    MUNICIPALITY = "municipality"  # ОМСУ
    SUPPLIER = "supplier"  # РСО
    FEDERAL_BODY = "federal_body"
    INVESTOR = "investor"


class Resource(StrEnum):
    """What a resource-supplying organisation (РСО) supplies."""

    ELECTRICITY = "electricity"
    GAS = "gas"
    WATER = "water"
    SEWERAGE = "sewerage"
    HEAT = "heat"


class Role(StrEnum):
    INVESTOR = "investor"
    MANAGER = "manager"
    AGENCY_HEAD = "agency_head"
    OFFICIAL = "official"
    ORGANIZATION_HEAD = "organization_head"  # the head of an ОИВ/ОМСУ/РСО/federal body: first to hear of a breach
    SUPPLIER_SYSTEM = "supplier_system"
    OPERATOR = "operator"
    ADMINISTRATOR = "administrator"


Locale = Literal["ru", "en"]

OrganizationId = Annotated[UUID, Field(description="An organisation registered in identity.")]
UserId = Annotated[UUID, Field(description="A user (or service account) registered in identity.")]
ProjectId = Annotated[UUID, Field(description="The investment project (aggregate id of projects events).")]
RequestId = Annotated[UUID, Field(description="The request (aggregate id of request and SLA events).")]
ActorId = Annotated[UUID | None, Field(
    description="The user or service account that acted; null when the system acted on its own.")]
MunicipalityCode = Annotated[str, Field(
    min_length=1, max_length=32, description="OKTMO code of the municipal district or city district, e.g. 41612000.")]
ShortCode = Annotated[str, Field(
    pattern=SHORT_CODE_PATTERN, description="Stable slug of an organisation; a supplier's names its request topic.")]
RequestTypeCode = Annotated[str, Field(
    min_length=1, max_length=64, description="Code in the request types catalogue, e.g. grid-connection.")]


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class DocumentLink(_Value):
    """A document by reference: the bytes stay in their store; the hash lets the reader verify them."""

    document_id: UUID = Field(description="Id of the document in the store that holds it.")
    file_name: str = Field(min_length=1, max_length=255, description="Original file name, for display.")
    content_type: str = Field(min_length=1, max_length=127, description="Sniffed media type, e.g. application/pdf.")
    size_bytes: int = Field(ge=0, description="Size of the content in bytes.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="Lower-case hex SHA-256 of the content.")
    url: str = Field(min_length=1, description="Where an authorised reader downloads it.")


class ProjectSummary(_Value):
    """What a body or supplier needs to know about the project behind a request."""

    name: str = Field(min_length=1, max_length=500, description="Project name as in the passport.")
    investor_organization_id: OrganizationId
    municipality_code: MunicipalityCode
    site_address: str | None = Field(default=None, description="Address or description of the site.")
    cadastral_number: str | None = Field(default=None, description="Cadastral number of the land plot, if known.")
    industry_okved: str | None = Field(default=None, description="Main OKVED code of the project, e.g. 10.51.")
