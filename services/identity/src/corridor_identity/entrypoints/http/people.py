"""HTTP: people — investors' self-registration, invitations, user administration and /me."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from corridor_chassis.auth import CurrentPrincipal
from corridor_contracts.vocabulary import Locale
from corridor_identity.domain.organisations import OrganizationKind
from corridor_identity.domain.roles import Permission, Role
from corridor_identity.domain.service_accounts import ServiceAccount
from corridor_identity.entrypoints.http.deps import ClientIp, CurrentAuthority, Now, Paging, Session, permit
from corridor_identity.entrypoints.http.representations import Closed, ServiceAccountOut, UserOut
from corridor_identity.service_layer import actors, invitations, users
from corridor_identity.service_layer.organisations import OrganizationDetails
from corridor_identity.service_layer.registration import register_investor_with_company

router = APIRouter(tags=["people"])

Email = Annotated[str, Field(min_length=3, max_length=320)]
FullName = Annotated[str, Field(min_length=1, max_length=300)]
Password = Annotated[str, Field(min_length=1, max_length=1024, description="At least 10 characters.")]
Roles = Annotated[list[Role], Field(min_length=1, max_length=len(Role))]

REGISTRATION_RECEIVED = {
    "status": "received",
    "detail": "If these details can be registered, the account is ready: sign in at /token with this e-mail "
              "and password.",
}


class CompanyIn(Closed):
    full_name: str = Field(min_length=1, max_length=500)
    short_name: str | None = Field(default=None, min_length=1, max_length=200)
    inn: str = Field(min_length=1, max_length=12)
    ogrn: str = Field(min_length=1, max_length=15)
    kpp: str | None = Field(default=None, max_length=9)
    municipality_code: str | None = Field(default=None, max_length=32)


class PersonIn(Closed):
    email: Email
    full_name: FullName
    password: Password
    locale: Locale = "ru"


class InvestorRegistrationIn(Closed):
    company: CompanyIn
    person: PersonIn


class InvitationIn(Closed):
    email: Email
    organization_id: UUID
    roles: Roles


class InvitationOut(BaseModel):
    id: UUID
    email: str
    organization_id: UUID
    roles: list[Role]
    expires_at: datetime
    token: str = Field(description="The one-time secret of the invitation link; shown only now. Pass it to "
                                   "the invitee, who posts it to /invitations/accept.")


class AcceptanceIn(Closed):
    token: Annotated[str, Field(min_length=1, max_length=512)]
    full_name: FullName
    password: Password
    locale: Locale = "ru"


class RolesIn(Closed):
    roles: Roles


class DeactivationIn(Closed):
    reason: str | None = Field(default=None, max_length=500)


@router.post("/registrations/investor", status_code=status.HTTP_202_ACCEPTED,
             summary="An investor registers with their company (public; the same answer for a taken e-mail)")
async def register_investor(body: InvestorRegistrationIn, session: Session, now: Now, authority: CurrentAuthority,
                            client_ip: ClientIp) -> JSONResponse:
    company = OrganizationDetails(kind=OrganizationKind.INVESTOR, full_name=body.company.full_name,
                                  short_name=body.company.short_name, inn=body.company.inn, ogrn=body.company.ogrn,
                                  kpp=body.company.kpp, municipality=body.company.municipality_code)
    await register_investor_with_company(session, company=company, email=body.person.email,
                                         full_name=body.person.full_name, password=body.person.password,
                                         locale=body.person.locale, client_ip=client_ip, authority=authority,
                                         now=now)
    return JSONResponse(REGISTRATION_RECEIVED, status_code=status.HTTP_202_ACCEPTED)


@router.post("/invitations", status_code=status.HTTP_201_CREATED,
             summary="Invite agency staff or an official of a body or supplier (administrator)")
async def invite(body: InvitationIn, principal: CurrentPrincipal, session: Session, now: Now,
                 authority: CurrentAuthority) -> InvitationOut:
    permit(principal, Permission.INVITE_USER)
    sent = await invitations.invite_member(session, actor_id=principal.subject, email=body.email,
                                           organization_id=body.organization_id, roles=body.roles,
                                           authority=authority, now=now)
    invitation = sent.invitation
    return InvitationOut(id=invitation.id, email=invitation.email, organization_id=invitation.organization_id,
                         roles=sorted(invitation.roles), expires_at=invitation.expires_at, token=sent.raw_token)


@router.post("/invitations/accept", status_code=status.HTTP_201_CREATED,
             summary="Accept an invitation: choose a name and password (public, with the invitation's token)")
async def accept_invitation(body: AcceptanceIn, session: Session, now: Now, authority: CurrentAuthority) -> UserOut:
    user = await invitations.accept(session, raw_token=body.token, full_name=body.full_name,
                                    password=body.password, locale=body.locale, authority=authority, now=now)
    return UserOut.of(user)


@router.get("/me", summary="Who the access token belongs to")
async def me(principal: CurrentPrincipal, session: Session) -> UserOut | ServiceAccountOut:
    found = await actors.whoami(session, principal.subject, service_account=principal.is_service_account)
    return ServiceAccountOut.of(found) if isinstance(found, ServiceAccount) else UserOut.of(found)


@router.get("/users", summary="Find users (administrator)")
async def list_users(principal: CurrentPrincipal, session: Session, page: Paging,
                     organization_id: UUID | None = None, role: Role | None = None, active: bool | None = None,
                     email: Annotated[str | None, Query(max_length=320, description="Part of the address")] = None,
                     ) -> list[UserOut]:
    permit(principal, Permission.READ_USERS)
    found = await users.find_users(session, organization_id=organization_id, role=role, active=active, email=email,
                                   page=page)
    return [UserOut.of(user) for user in found]


@router.get("/users/{user_id}", summary="One user (administrator)")
async def get_user(user_id: UUID, principal: CurrentPrincipal, session: Session) -> UserOut:
    permit(principal, Permission.READ_USERS)
    return UserOut.of(await users.get_user(session, user_id))


@router.put("/users/{user_id}/roles", summary="Replace a user's roles (administrator)")
async def change_roles(user_id: UUID, body: RolesIn, principal: CurrentPrincipal, session: Session,
                       now: Now) -> UserOut:
    permit(principal, Permission.CHANGE_ROLES)
    return UserOut.of(await users.change_user_roles(session, actor_id=principal.subject, user_id=user_id,
                                                    roles=body.roles, now=now))


@router.post("/users/{user_id}/deactivate", summary="Deactivate a user and end their sessions (administrator)")
async def deactivate(user_id: UUID, principal: CurrentPrincipal, session: Session, now: Now,
                     body: DeactivationIn | None = None) -> UserOut:
    permit(principal, Permission.DEACTIVATE_USER)
    return UserOut.of(await users.deactivate(session, actor_id=principal.subject, user_id=user_id,
                                             reason=body.reason if body else None, now=now))
