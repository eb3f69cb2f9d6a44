"""`corridor-identity`, the administrators' command line, on the service's own store and outbox."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from corridor_chassis.messaging.tables import outbox
from corridor_identity.entrypoints.cli import app

from .conftest import PASSWORD, assert_problem

pytestmark = pytest.mark.kafka

CLI = Path(sys.executable).parent / "corridor-identity"


def environment(identity) -> dict[str, str]:
    settings = identity.settings
    return {"GC_DATABASE_URL": settings.database_url, "GC_ENVIRONMENT": "test", "GC_DATA_DIR": str(settings.data_dir),
            "GC_TOKEN_ISSUER": settings.token_issuer, "GC_LOG_JSON": "false", "GC_ARGON2_TIME_COST": "1",
            "GC_ARGON2_MEMORY_KIB": "8", "GC_ARGON2_PARALLELISM": "1"}


async def cli(identity, *args: str, stdin: str = "") -> tuple[int, str]:
    """The command in this process (a fresh interpreter per command would cost seconds each), on its own
    thread because it runs its own event loop, as it does from a shell."""
    result = await asyncio.to_thread(CliRunner().invoke, app, list(args), input=stdin, env=environment(identity))
    return result.exit_code, result.output


async def test_the_console_script_is_installed_and_works_from_a_shell(identity) -> None:
    process = await asyncio.create_subprocess_exec(
        str(CLI), "create-organization", "--kind", "federal_body", "--full-name", "Управление Росреестра",
        "--inn", "4703000033", env={**os.environ, **environment(identity)}, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT)
    output, _ = await process.communicate()
    assert process.returncode == 0 and "entered" in output.decode(), output.decode()
    [published] = await identity.events("OrganizationRegistered")
    assert (published["kind"], published["inn"]) == ("federal_body", "4703000033")


async def test_the_cli_loads_the_region_makes_the_first_administrator_and_invites(identity) -> None:
    code, output = await cli(identity, "load-reference-data")
    assert code == 0 and "entered 31 organisations, 0 were present" in output, output
    assert "ПАО «Россети Ленэнерго»" in output and "Администрация Сосновоборского городского округа" in output
    code, output = await cli(identity, "load-reference-data")
    assert code == 0 and "entered 0 organisations, 31 were present" in output, output
    published = await identity.events("OrganizationRegistered")
    assert len(published) == 31
    lenenergo = next(event for event in published if event["short_code"] == "lenenergo")
    assert (lenenergo["inn"], lenenergo["ogrn"], lenenergo["resources"]) == (
        "7803002209", "1027809170300", ["electricity"])
    assert {event["municipality_code"] for event in published if event["kind"] == "municipality"} == {
        m["code"] for m in (await identity.client.get("/municipalities")).json()}
    assert {event["short_code"]: (event["kind"], event["short_name"]) for event in published
            if event["short_code"] in ("gosstroynadzor-lo", "lenavtodor", "rosreestr-lo")} == {
        "gosstroynadzor-lo": ("regional_body", "Госстройнадзор ЛО"),
        "lenavtodor": ("regional_body", "ГКУ «Ленавтодор»"),
        "rosreestr-lo": ("federal_body", "Управление Росреестра по ЛО")}

    for _ in range(2):
        code, output = await cli(identity, "create-admin", "--email", "admin@aerlo.example", "--full-name",
                                 "Администратор АЭРЛО", stdin=f"{PASSWORD}\n{PASSWORD}\n")
        assert code == 0, output
    assert "already present" in output
    code, output = await cli(identity, "invite", "--email", "commissioner@vsevreg.example", "--organization",
                             "4799000137", "--role", "official", "--as-admin", "admin@aerlo.example")
    assert code == 0, output
    token = output.rsplit(": ", 1)[1].strip()
    accepted = await identity.client.post("/invitations/accept", json={
        "token": token, "full_name": "Анна Смирнова", "password": PASSWORD})
    assert accepted.status_code == 201 and accepted.json()["organization_kind"] == "municipality"
    code, output = await cli(identity, "invite", "--email", "head@gsn.example", "--organization", "4799001116",
                             "--role", "organization_head", "--as-admin", "admin@aerlo.example")
    assert code != 0 and "together with official" in output, output
    code, output = await cli(identity, "invite", "--email", "head@gsn.example", "--organization", "4799001116",
                             "--role", "official", "--role", "organization_head", "--as-admin", "admin@aerlo.example")
    assert code == 0, output
    accepted = await identity.client.post("/invitations/accept", json={
        "token": output.rsplit(": ", 1)[1].strip(), "full_name": "Виктор Лебедев", "password": PASSWORD})
    assert accepted.status_code == 201 and accepted.json()["roles"] == ["official", "organization_head"]
    assert [event["roles"] for event in await identity.events("UserRegistered")] == [
        ["administrator"], ["official"], ["official", "organization_head"]]
    await identity.login("admin@aerlo.example")

    async def all_published() -> bool:
        async with identity.sessions() as session:
            return (await session.execute(select(func.count()).select_from(outbox)
                                          .where(outbox.c.published_at.is_(None)))).scalar_one() == 0

    for _ in range(100):  # the running service's relay publishes what the command line wrote
        if await all_published():
            break
        await asyncio.sleep(0.1)
    assert await all_published()


async def test_the_cli_refuses_bad_input_with_its_reason_and_writes_nothing(identity) -> None:
    await cli(identity, "load-reference-data")
    before = await identity.stored()
    for args, stdin, reason in [
        (("create-organization", "--kind", "supplier", "--full-name", "ООО Тепло", "--inn", "4799000280",
          "--resource", "heat", "--short-code", "teplo"), "", "check digit"),
        (("create-organization", "--kind", "supplier", "--full-name", "ООО Тепло", "--inn", "4799000289"), "",
         "resources"),
        (("create-organization", "--kind", "ministry", "--full-name", "X", "--inn", "4799000289"), "", "ministry"),
        (("create-admin", "--email", "admin@aerlo.example", "--full-name", "А"), "short\nshort\n", "too-short"),
        (("create-admin", "--email", "admin@aerlo.example", "--full-name", "А", "--organization", "7803002209"),
         f"{PASSWORD}\n{PASSWORD}\n", "cannot be administrator"),
        (("invite", "--email", "x@vsevreg.example", "--organization", "0000000000", "--role", "official",
          "--as-admin", "admin@aerlo.example"), "", "no user"),
    ]:
        code, output = await cli(identity, *args, stdin=stdin)
        assert code != 0 and reason in output, (args, output)
    assert await identity.stored() == before
    assert_problem(await identity.client.post("/token", data={
        "grant_type": "password", "username": "admin@aerlo.example", "password": PASSWORD}), 400,
        "invalid-credentials")


async def test_bodies_an_older_demo_entered_itself_are_not_entered_again(identity) -> None:
    admin = await identity.administrator()
    await identity.organization(admin, kind="regional_body", inn="4799001116", short_name="Госстройнадзор ЛО",
                                full_name="Комитет государственного строительного надзора и государственной экспертизы "
                                          "Ленинградской области", short_code="gosstroynadzor-lo")
    code, output = await cli(identity, "load-reference-data")
    assert code == 0 and "entered 29 organisations, 2 were present" in output, output  # the agency and that body
    published = await identity.events("OrganizationRegistered")
    assert len(published) == 31
    assert [event["inn"] for event in published if event["short_code"] == "gosstroynadzor-lo"] == ["4799001116"]
