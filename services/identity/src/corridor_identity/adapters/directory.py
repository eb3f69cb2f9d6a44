"""Repositories of the directory: organisations and users (with their roles), as domain values.

Why: the service layer speaks in domain dataclasses; these classes are the only place that knows
how they map to rows. Uniqueness (INN, short code, e-mail) is enforced by the database and reported
as IntegrityError, which the service layer turns into a 409.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import ColumnElement, Row, delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_identity.adapters.tables import organizations, user_roles, users
from corridor_identity.domain.organisations import Organization, OrganizationKind, Resource
from corridor_identity.domain.roles import Role
from corridor_identity.domain.users import User


@dataclass(frozen=True)
class Page:
    limit: int = 50
    offset: int = 0


class Organizations:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, organization: Organization, *, now: datetime) -> None:
        await self.session.execute(insert(organizations).values(
            id=organization.id, kind=str(organization.kind), full_name=organization.full_name,
            short_name=organization.short_name, inn=organization.inn, ogrn=organization.ogrn, kpp=organization.kpp,
            municipality_code=organization.municipality, resources=sorted(map(str, organization.resources)),
            short_code=organization.short_code, created_at=now))

    async def get(self, organization_id: UUID) -> Organization | None:
        row = (await self.session.execute(
            select(organizations).where(organizations.c.id == organization_id))).first()
        return _organization(row) if row else None

    async def find_by_inn(self, inn: str) -> Organization | None:
        row = (await self.session.execute(select(organizations).where(organizations.c.inn == inn))).first()
        return _organization(row) if row else None

    async def taken(self, *, inn: str, short_code: str | None) -> str | None:
        """Which unique detail another organisation already has: "inn", "short_code" or None."""
        if await self.find_by_inn(inn):
            return "inn"
        if short_code and (await self.session.execute(
                select(organizations.c.id).where(organizations.c.short_code == short_code))).first():
            return "short_code"
        return None

    async def search(self, *, kind: OrganizationKind | None = None, municipality: str | None = None,
                   page: Page = Page()) -> list[Organization]:
        query = select(organizations).order_by(organizations.c.full_name, organizations.c.id)
        if kind:
            query = query.where(organizations.c.kind == str(kind))
        if municipality:
            query = query.where(organizations.c.municipality_code == municipality)
        rows = (await self.session.execute(query.limit(page.limit).offset(page.offset))).all()
        return [_organization(row) for row in rows]


class Users:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, user: User) -> None:
        await self.session.execute(insert(users).values(
            id=user.id, email=user.email, full_name=user.full_name, organization_id=user.organization_id,
            password_hash=user.password_hash, locale=user.locale, created_at=user.created_at,
            deactivated_at=user.deactivated_at))
        await self._insert_roles(user.id, user.roles)

    async def get(self, user_id: UUID) -> User | None:
        found = await self._select(users.c.id == user_id)
        return found[0] if found else None

    async def find_by_email(self, email: str) -> User | None:
        found = await self._select(users.c.email == email)
        return found[0] if found else None

    async def email_taken(self, email: str) -> bool:
        return (await self.session.execute(select(users.c.id).where(users.c.email == email))).first() is not None

    async def search(self, *, organization_id: UUID | None = None, role: Role | None = None,
                     active: bool | None = None, email: str | None = None, page: Page = Page(),
                     by_name: bool = False) -> list[User]:
        """The matching users, by e-mail (or, `by_name`, by full name: for people who see no e-mails)."""
        order = (users.c.full_name, users.c.id) if by_name else (users.c.email,)
        return await self._select(*_user_filters(organization_id, role, active, email), page=page, order=order)

    async def count(self, *, organization_id: UUID | None = None, role: Role | None = None,
                    active: bool | None = None, email: str | None = None) -> int:
        query = select(func.count()).select_from(users).where(*_user_filters(organization_id, role, active, email))
        return (await self.session.execute(query)).scalar_one()

    async def replace_roles(self, user_id: UUID, roles: Iterable[Role]) -> None:
        await self.session.execute(delete(user_roles).where(user_roles.c.user_id == user_id))
        await self._insert_roles(user_id, roles)

    async def set_password_hash(self, user_id: UUID, password_hash: str) -> None:
        await self.session.execute(update(users).where(users.c.id == user_id).values(password_hash=password_hash))

    async def deactivate(self, user: User, *, reason: str | None) -> None:
        await self.session.execute(update(users).where(users.c.id == user.id).values(
            deactivated_at=user.deactivated_at, deactivation_reason=reason))

    async def _insert_roles(self, user_id: UUID, roles: Iterable[Role]) -> None:
        await self.session.execute(insert(user_roles), [{"user_id": user_id, "role": str(role)} for role in roles])

    async def _select(self, *conditions, page: Page = Page(limit=1), order=(users.c.email,)) -> list[User]:
        query = (select(users, organizations.c.kind.label("organization_kind"))
                 .join(organizations, organizations.c.id == users.c.organization_id)
                 .where(*conditions).order_by(*order).limit(page.limit).offset(page.offset))
        rows = (await self.session.execute(query)).all()
        if not rows:
            return []
        roles: dict[UUID, set[Role]] = {row.id: set() for row in rows}
        role_rows = await self.session.execute(
            select(user_roles.c.user_id, user_roles.c.role).where(user_roles.c.user_id.in_(roles)))
        for user_id, role in role_rows:
            roles[user_id].add(Role(role))
        return [_user(row, roles[row.id]) for row in rows]


def _user_filters(organization_id: UUID | None, role: Role | None, active: bool | None,
                  email: str | None) -> list[ColumnElement[bool]]:
    conditions = []
    if organization_id:
        conditions.append(users.c.organization_id == organization_id)
    if role:
        conditions.append(users.c.id.in_(select(user_roles.c.user_id).where(user_roles.c.role == str(role))))
    if active is not None:
        conditions.append(users.c.deactivated_at.is_(None) if active else users.c.deactivated_at.is_not(None))
    if email:
        conditions.append(func.lower(users.c.email).contains(email.strip().lower(), autoescape=True))
    return conditions


def _organization(row: Row) -> Organization:
    return Organization(id=row.id, kind=OrganizationKind(row.kind), full_name=row.full_name,
                        short_name=row.short_name, inn=row.inn, ogrn=row.ogrn, kpp=row.kpp,
                        municipality=row.municipality_code, resources=frozenset(map(Resource, row.resources)),
                        short_code=row.short_code)


def _user(row: Row, roles: set[Role]) -> User:
    return User(id=row.id, email=row.email, full_name=row.full_name, organization_id=row.organization_id,
                organization_kind=OrganizationKind(row.organization_kind), roles=frozenset(roles),
                password_hash=row.password_hash, created_at=row.created_at, locale=row.locale,
                deactivated_at=row.deactivated_at)
