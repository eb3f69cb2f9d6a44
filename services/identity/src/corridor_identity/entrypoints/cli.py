"""`corridor-identity`: the administrators' command line, working on the service's own store.

Why a CLI: the first administrator cannot be invited by anybody, and the region's reference data
is loaded before anyone signs in. Commands use GC_DATABASE_URL (and the other GC_ settings) like
the service, migrate the store if needed, and write events to the outbox: the running service's
relay publishes them. Every command can run twice without doing anything twice, except `invite`,
which makes a fresh link each time (by design: a lost link is replaced by a new one).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import Annotated, TypeVar

import typer
from sqlalchemy.ext.asyncio import AsyncSession

from corridor_chassis.database import create_engine, create_session_factory
from corridor_chassis.errors import Problem
from corridor_chassis.migrations import upgrade_to_head
from corridor_identity.bootstrap import MIGRATIONS, build_authority, utc_now
from corridor_identity.domain.errors import IdentityError
from corridor_identity.domain.organisations import OrganizationKind, Resource
from corridor_identity.domain.roles import Role
from corridor_identity.service_layer import invitations, organisations, reference_data, signing_keys, users
from corridor_identity.service_layer.authority import Authority
from corridor_identity.service_layer.errors import EmailTaken
from corridor_identity.service_layer.organisations import OrganizationDetails
from corridor_identity.settings import Settings

app = typer.Typer(help="Administer the Green Corridor identity service's store.", no_args_is_help=True)
T = TypeVar("T")


class Language(StrEnum):
    RU = "ru"
    EN = "en"


def _run(work: Callable[[AsyncSession, Authority], Awaitable[T]]) -> T:
    """Run one use case against the configured store; a refused one ends the command with its reason."""
    settings = Settings()

    async def main() -> T:
        engine = create_engine(settings.database_url)
        try:
            await upgrade_to_head(engine, MIGRATIONS)
            async with create_session_factory(engine)() as session:
                return await work(session, build_authority(settings))
        finally:
            await engine.dispose()

    try:
        return asyncio.run(main())
    except (IdentityError, Problem) as refused:
        typer.secho(f"refused: {refused}", fg=typer.colors.RED, err=True)
        raise typer.Exit(1) from None


@app.command("load-reference-data")
def load_reference_data() -> None:
    """Enter the Leningrad region's agency, committees, municipal administrations and suppliers."""
    loaded = _run(lambda session, _: reference_data.load_reference_data(session, now=utc_now()))
    typer.echo(f"entered {len(loaded.created)} organisations, {len(loaded.already_present)} were present")
    for name in loaded.created:
        typer.echo(f"  + {name}")


@app.command("create-organization")
def create_organization(
    kind: Annotated[OrganizationKind, typer.Option()],
    full_name: Annotated[str, typer.Option()],
    inn: Annotated[str, typer.Option()],
    short_name: Annotated[str | None, typer.Option()] = None,
    ogrn: Annotated[str | None, typer.Option()] = None,
    kpp: Annotated[str | None, typer.Option()] = None,
    municipality: Annotated[str | None, typer.Option(help="OKTMO code")] = None,
    resource: Annotated[list[Resource] | None, typer.Option(help="Repeat for several (suppliers)")] = None,
    short_code: Annotated[str | None, typer.Option(help="Suppliers: names their request topic")] = None,
) -> None:
    """Enter an organisation (nothing happens if its INN is in the directory already)."""
    details = OrganizationDetails(kind=kind, full_name=full_name, short_name=short_name, inn=inn, ogrn=ogrn,
                                  kpp=kpp, municipality=municipality, resources=tuple(resource or ()),
                                  short_code=short_code)
    organization, is_new = _run(lambda session, _: organisations.enter_organization(session, details=details,
                                                                                     now=utc_now()))
    typer.echo(f"{'entered' if is_new else 'already present'}: {organization.id} {organization.short_name}")


@app.command("create-admin")
def create_admin(
    email: Annotated[str, typer.Option()],
    full_name: Annotated[str, typer.Option()],
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)],
    organization: Annotated[str, typer.Option(help="The agency's id or INN")] = reference_data.AGENCY.inn,
    locale: Annotated[Language, typer.Option()] = Language.RU,
) -> None:
    """Create an administrator of the agency, who then invites everyone else."""

    async def work(session: AsyncSession, authority: Authority):
        agency = await organisations.find_organization(session, organization)
        try:
            return await users.create_agency_administrator(
                session, organization_id=agency.id, email=email, full_name=full_name, password=password,
                locale=locale.value, authority=authority, now=utc_now()), True
        except EmailTaken:
            return await users.get_user_by_email(session, email), False

    admin, is_new = _run(work)
    typer.echo(f"{'created' if is_new else 'already present'}: {admin.id} {admin.email} "
               f"({', '.join(sorted(admin.roles))})")


@app.command("invite")
def invite(
    email: Annotated[str, typer.Option()],
    organization: Annotated[str, typer.Option(help="The organisation's id or INN")],
    role: Annotated[list[Role], typer.Option(help="Repeat for several")],
    as_admin: Annotated[str, typer.Option(help="E-mail of the administrator who invites")],
) -> None:
    """Invite an official or agency staff member; prints the one-time token of the invitation link."""

    async def work(session: AsyncSession, authority: Authority):
        inviter = await users.get_user_by_email(session, as_admin)
        target = await organisations.find_organization(session, organization)
        return await invitations.invite_member(session, actor_id=inviter.id, email=email,
                                               organization_id=target.id, roles=role, authority=authority,
                                               now=utc_now())

    sent = _run(work)
    typer.echo(f"invited {sent.invitation.email}, valid until {sent.invitation.expires_at:%Y-%m-%d %H:%M} UTC")
    typer.echo(f"invitation token (give it to the invitee; it is shown only now): {sent.raw_token}")


@app.command("rotate-keys")
def rotate_keys(
    as_admin: Annotated[str, typer.Option(help="E-mail of the administrator who rotates")],
    compromised: Annotated[bool, typer.Option(help="Withdraw the active key at once")] = False,
) -> None:
    """Start signing with the next key; the previous one verifies until its tokens have expired."""

    async def work(session: AsyncSession, authority: Authority):
        admin = await users.get_user_by_email(session, as_admin)
        await signing_keys.ensure_signing_keys(session, authority=authority, now=utc_now())
        return await signing_keys.rotate_signing_keys(session, actor_id=admin.id, compromised=compromised,
                                                      authority=authority, now=utc_now())

    keys = _run(work)
    typer.echo(f"signing with {keys.active.kid}; published: {', '.join(k.kid for k in keys.published())}")
