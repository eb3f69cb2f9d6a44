"""Composition root of the projects service: builds the runtime, consumers and the HTTP app.

Nothing connects here: the app's lifespan starts the chassis runtime (migrations, topics, relay,
consumers); its start-up step loads the investment-rules catalogue file into the store if it is newer.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timezone
from pathlib import Path

from fastapi import FastAPI
from sqlalchemy.exc import IntegrityError

from corridor_chassis.runtime import ServiceRuntime, create_service_app
from corridor_contracts.topics import IDENTITY_ORGANIZATION, IDENTITY_USER, REQUESTS_REQUEST, SLA_CLOCK
from corridor_projects.domain.calendar import PlanningCalendar
from corridor_projects.domain.investment_rules import Catalogue, parse_catalogue
from corridor_projects.entrypoints.consumers import DIRECTORY_HANDLERS, REQUEST_PROGRESS_HANDLERS
from corridor_projects.entrypoints.http import ROUTERS
from corridor_projects.service_layer.investment_rules import load_catalogue
from corridor_projects.settings import Settings

MIGRATIONS = Path(__file__).parent / "migrations"
log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def build_runtime(settings: Settings) -> ServiceRuntime:
    runtime = ServiceRuntime.build(settings, migrations=MIGRATIONS)
    prefix = settings.consumer_group_prefix
    runtime.subscribe([IDENTITY_ORGANIZATION, IDENTITY_USER], DIRECTORY_HANDLERS, group=f"{prefix}.directory")
    runtime.subscribe([REQUESTS_REQUEST, SLA_CLOCK], REQUEST_PROGRESS_HANDLERS, group=f"{prefix}.request-progress")
    return runtime


def build_app(settings: Settings | None = None, *, clock: Clock = utc_now) -> FastAPI:
    settings = settings or Settings()
    catalogue = parse_catalogue(settings.investment_rules_file.read_text(encoding="utf-8"))  # a bad file fails now
    runtime = build_runtime(settings)
    app = create_service_app(runtime, title="Projects: passports, review and roadmaps", routers=ROUTERS,
                             description="Investment project passports, the agency's review, and roadmaps "
                                         "built from the region's investment rules (СИП).")
    app.state.clock = clock
    app.state.calendar = PlanningCalendar(settings.calendar_overrides, time_zone=settings.region_time_zone)
    runtime.add_startup_step("investment rules", _catalogue_loader(runtime, catalogue, clock))
    return app


def _catalogue_loader(runtime: ServiceRuntime, catalogue: Catalogue, clock: Clock) -> Callable[[], Awaitable[None]]:
    """Once the store is migrated, bring the catalogue up to date."""

    async def load() -> None:
        try:
            async with runtime.session_factory.begin() as session:
                if await load_catalogue(session=session, catalogue=catalogue, now=clock()):
                    log.info("loaded investment rules %s version %d", catalogue.catalogue, catalogue.version)
        except IntegrityError:
            log.info("another replica loaded investment rules %s meanwhile", catalogue.catalogue)

    return load
