"""A new release's catalogue reaches an existing store without undoing what agency staff changed.

The service loads its shipped seed at start; these tests then bring a later release's seed (a copy of
the shipped files with changes) into the same store, as the next start would, and look at the result.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa
import yaml
from alembic import command
from sqlalchemy.engine import Connection

from corridor_chassis.database import create_engine
from corridor_chassis.migrations import alembic_config
from corridor_requests.adapters.catalogue_store import SEED_DIR, SeedLoaded, load_seed
from corridor_requests.bootstrap import MIGRATIONS

EXPORT = {"code": "export-consultation", "name": "Консультация по экспорту", "recipient_kind": "regional_body",
          "sla_policy_code": "regional-5wd", "target_working_days": 5}
EXPORT_RULE = {"rule_id": "export", "name": "Экспорт → комитет", "request_types": ["export-consultation"],
               "recipient": {"by": "short_code", "value": "export-centre"}}


def shipped(name: str) -> list[dict]:
    return yaml.safe_load((SEED_DIR / name).read_text(encoding="utf-8"))


def next_release(directory: Path, types: list[dict], rules: list[dict]) -> Path:
    for name, content in (("request_types.yaml", types), ("routing_rules.yaml", rules)):
        (directory / name).write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    return directory


async def load(service, seed_dir: Path) -> SeedLoaded:
    async with service.runtime.session_factory() as session, session.begin():
        return await load_seed(session, at=service.clock(), seed_dir=seed_dir)


async def test_new_types_arrive_untouched_ones_follow_the_file_and_staff_edits_stay(service, cast, tmp_path) -> None:
    staff = service.auth(cast.manager)
    gpzu = (await service.client.get("/request-types/gpzu", headers=staff)).json()
    edited = {k: v for k, v in gpzu.items() if k not in ("code", "roadmap_step")} | {"target_working_days": 4}
    assert (await service.client.put("/request-types/gpzu", json=edited, headers=staff)).status_code == 200
    rules = (await service.client.get("/routing-rules", headers=staff)).json()["rules"]
    without_water = [rule for rule in rules if rule["rule_id"] != "water"]  # an editor's choice
    assert (await service.client.put("/routing-rules", json={"rules": without_water}, headers=staff)).status_code == 200

    types = [entry | {"name": "Теплоснабжение: технические условия"} if entry["code"] == "heat-connection"
             else entry | {"target_working_days": 6} if entry["code"] == "gpzu" else entry
             for entry in shipped("request_types.yaml")]
    release = next_release(tmp_path, [*types, EXPORT], [*shipped("routing_rules.yaml"), EXPORT_RULE])
    loaded = await load(service, release)

    assert (loaded.added_types, loaded.updated_types, loaded.kept_edited_types) == (
        ["export-consultation"], ["heat-connection"], ["gpzu"])
    assert (loaded.added_rules, loaded.rules_loaded) == (["export"], False)
    read = {t["code"]: t for t in (await service.client.get("/request-types", headers=staff)).json()}
    assert read["gpzu"]["target_working_days"] == 4
    assert read["heat-connection"]["name"] == "Теплоснабжение: технические условия"
    assert read["export-consultation"]["recipient_kind"] == "regional_body"
    after = (await service.client.get("/routing-rules", headers=staff)).json()["rules"]
    assert [rule["rule_id"] for rule in after] == [rule["rule_id"] for rule in without_water] + ["export"]
    assert not (await load(service, release)).changed  # the next start finds nothing to do


async def test_rules_nobody_edited_follow_the_file_as_a_whole(service, cast, tmp_path) -> None:
    rules = [rule | {"name": "Газ → ГРО района"} if rule["rule_id"] == "gas" else rule
             for rule in shipped("routing_rules.yaml") if rule["rule_id"] != "water"]
    loaded = await load(service, next_release(tmp_path, shipped("request_types.yaml"), rules))

    assert loaded.rules_loaded and not loaded.added_types and not loaded.updated_types
    after = (await service.client.get("/routing-rules", headers=service.auth(cast.manager))).json()["rules"]
    assert [(rule["rule_id"], rule["name"]) for rule in after] == [(rule["rule_id"], rule["name"]) for rule in rules]


async def test_the_migration_keeps_a_types_single_step_as_a_list_of_one(database_url) -> None:
    engine = create_engine(database_url)
    config = alembic_config(MIGRATIONS, database_url)

    async def migrate(revision: str) -> None:
        def run(connection: Connection) -> None:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
        async with engine.begin() as connection:
            await connection.run_sync(run)

    before = sa.table("request_types", *(sa.column(name) for name in (
        "code", "name", "description", "recipient_kind", "sla_policy_code", "target_working_days", "active",
        "updated_at")), sa.column("required_documents", sa.JSON), sa.column("form_fields", sa.JSON),
        sa.column("roadmap_step", sa.JSON))
    by_title = {"algorithm_code": "gpzu", "step": "Заявление о выдаче ГПЗУ"}  # as the first version stored it
    common = {"name": "Тип", "description": "", "recipient_kind": "municipality", "sla_policy_code": "municipality-5wd",
              "target_working_days": 5, "active": True, "updated_at": datetime(2025, 3, 14, tzinfo=timezone.utc),
              "required_documents": [], "form_fields": []}
    try:
        await migrate("0002")
        async with engine.begin() as connection:
            await connection.execute(before.insert(), [
                common | {"code": "gpzu", "roadmap_step": by_title},
                common | {"code": "general-question", "roadmap_step": None}])
        await migrate("head")
        async with engine.connect() as connection:
            rows = dict((await connection.execute(sa.text("SELECT code, roadmap_steps FROM request_types"))).all())
    finally:
        await engine.dispose()
    decoded = {code: json.loads(steps) if isinstance(steps, str) else steps for code, steps in rows.items()}
    assert decoded == {"gpzu": [by_title], "general-question": []}
