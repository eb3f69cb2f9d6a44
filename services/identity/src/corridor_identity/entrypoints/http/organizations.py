"""HTTP: the organisations directory and their members, the region's municipalities, suppliers' service accounts."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, Query, Response, status
from pydantic import BaseModel, Field

from corridor_chassis.auth import CurrentPrincipal
from corridor_identity.domain.municipalities import MUNICIPALITIES, MunicipalityKind
from corridor_identity.domain.organisations import OrganizationKind, Resource
from corridor_identity.domain.roles import Permission, Role
from corridor_identity.entrypoints.http.deps import Now, Paging, Session, permit
from corridor_identity.entrypoints.http.representations import Closed, MemberOut, MembersOut, OrganizationOut
from corridor_identity.service_layer import members, organisations, service_accounts
from corridor_identity.service_layer.organisations import OrganizationDetails

router = APIRouter(tags=["organisations"])


class OrganizationIn(Closed):
    kind: OrganizationKind
    full_name: str = Field(min_length=1, max_length=500)
    short_name: str | None = Field(default=None, min_length=1, max_length=200)
    inn: str = Field(min_length=1, max_length=12, description="10 digits (organisation) or 12 (entrepreneur).")
    ogrn: str | None = Field(default=None, max_length=15, description="13 digits (OGRN) or 15 (OGRNIP).")
    kpp: str | None = Field(default=None, max_length=9)
    municipality_code: str | None = Field(default=None, max_length=32, description="OKTMO, see /municipalities.")
    resources: list[Resource] = Field(default_factory=list, max_length=len(Resource))
    short_code: str | None = Field(default=None, max_length=32, description="Names a supplier's request topic.")

    def details(self) -> OrganizationDetails:
        return OrganizationDetails(kind=self.kind, full_name=self.full_name, short_name=self.short_name,
                                   inn=self.inn, ogrn=self.ogrn, kpp=self.kpp, municipality=self.municipality_code,
                                   resources=self.resources, short_code=self.short_code)


class MunicipalityOut(BaseModel):
    code: str
    name_ru: str
    kind: MunicipalityKind


class ServiceAccountCreated(BaseModel):
    id: UUID
    organization_id: UUID
    client_id: str
    client_secret: str = Field(description="Shown this once; identity keeps only its hash.")
    created_at: datetime


@router.post("/organizations", status_code=status.HTTP_201_CREATED, summary="Enter an organisation (administrator)")
async def create_organization(body: OrganizationIn, principal: CurrentPrincipal, session: Session, now: Now,
                              response: Response) -> OrganizationOut:
    permit(principal, Permission.REGISTER_ORGANIZATION)
    organization = await organisations.add_organization(session, actor_id=principal.subject, details=body.details(),
                                                        now=now)
    response.headers["Location"] = f"/organizations/{organization.id}"
    return OrganizationOut.of(organization)


@router.get("/organizations", summary="The directory (agency staff and officials)")
async def list_organizations(principal: CurrentPrincipal, session: Session, page: Paging,
                             kind: OrganizationKind | None = None,
                             municipality_code: Annotated[str | None, Query(max_length=32)] = None,
                             ) -> list[OrganizationOut]:
    permit(principal, Permission.READ_DIRECTORY)
    found = await organisations.find_organizations(session, kind=kind, municipality=municipality_code, page=page)
    return [OrganizationOut.of(organization) for organization in found]


@router.get("/organizations/{organization_id}", summary="One organisation (the directory's readers, or its members)")
async def get_organization(organization_id: UUID, principal: CurrentPrincipal, session: Session) -> OrganizationOut:
    if not principal.belongs_to(organization_id):
        permit(principal, Permission.READ_DIRECTORY)
    return OrganizationOut.of(await organisations.get_organization(session, organization_id))


@router.get("/organizations/{organization_id}/members", response_model_exclude_none=True,
            summary="An organisation's members (administrators; its staff and officials for their own)")
async def list_members(organization_id: UUID, principal: CurrentPrincipal, session: Session, page: Paging,
                       role: Role | None = None,
                       include_inactive: Annotated[bool, Query(description="Administrators only")] = False,
                       ) -> MembersOut:
    found = await members.list_members(session, actor_id=principal.subject, organization_id=organization_id,
                                       role=role, include_inactive=include_inactive, page=page)
    return MembersOut(items=[MemberOut.of(user, with_email=found.with_emails) for user in found.page],
                      total=found.total)


@router.get("/municipalities", summary="The region's municipalities (public: the registration form needs them)")
async def list_municipalities() -> list[MunicipalityOut]:
    return [MunicipalityOut(code=m.code, name_ru=m.name_ru, kind=m.kind) for m in MUNICIPALITIES]


@router.post("/organizations/{organization_id}/service-accounts", status_code=status.HTTP_201_CREATED,
             summary="Give a supplier's system client credentials (administrator)")
async def create_service_account(organization_id: UUID, principal: CurrentPrincipal, session: Session,
                                 now: Now) -> ServiceAccountCreated:
    permit(principal, Permission.MANAGE_SERVICE_ACCOUNTS)
    issued = await service_accounts.open_service_account(session, actor_id=principal.subject,
                                                         organization_id=organization_id, now=now)
    account = issued.account
    return ServiceAccountCreated(id=account.id, organization_id=account.organization_id, client_id=account.client_id,
                                 client_secret=issued.client_secret, created_at=account.created_at)


@router.delete("/organizations/{organization_id}/service-accounts/{client_id}",
               status_code=status.HTTP_204_NO_CONTENT, summary="Deactivate a service account (administrator)")
async def delete_service_account(organization_id: UUID, client_id: Annotated[str, Path(max_length=64)],
                                 principal: CurrentPrincipal, session: Session, now: Now) -> None:
    permit(principal, Permission.MANAGE_SERVICE_ACCOUNTS)
    await service_accounts.close_service_account(session, actor_id=principal.subject,
                                                 organization_id=organization_id, client_id=client_id, now=now)
