"""Composition root of the requests service: builds the runtime, consumers and the HTTP app.

Nothing connects here; the app's lifespan starts the runtime (migrations, topics, relay, consumers).
Its start-up steps bring the shipped catalogue into the store and make every known supplier's request
topic exist before the relay may publish to it. The supplier responses have a consumer of their own,
which reads the supplier's credential from the record headers (entrypoints/supplier_responses.py).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi import FastAPI
from sqlalchemy.exc import IntegrityError

from corridor_chassis.runtime import ServiceRuntime, create_service_app
from corridor_contracts.events.suppliers import SupplierResponded
from corridor_contracts.topics import IDENTITY_ORGANIZATION, PROJECTS_PROJECT, SLA_CLOCK, SUPPLIER_RESPONSES
from corridor_requests.adapters.catalogue_store import load_seed
from corridor_requests.adapters.directory import supplier_short_codes
from corridor_requests.adapters.storage import LocalDiskStorage
from corridor_requests.adapters.supplier_topics import SupplierTopics
from corridor_requests.entrypoints.consumers import deadline_handlers, projection_handlers
from corridor_requests.entrypoints.http import routers
from corridor_requests.entrypoints.http.deps import Wiring
from corridor_requests.entrypoints.http.problems import install_domain_problems
from corridor_requests.entrypoints.supplier_responses import SupplierResponseConsumer, supplier_response_handler
from corridor_requests.service_layer.deployment import Deployment
from corridor_requests.settings import Settings

MIGRATIONS = Path(__file__).parent / "migrations"
log = logging.getLogger(__name__)
DESCRIPTION = ("Investors' requests routed to the responsible body or supplier and answered in cabinets or, by "
               "supplier systems, over Kafka. Errors are RFC 9457 problem+json (urn:green-corridor:problem:<slug>).")


def build_deployment(settings: Settings) -> Deployment:
    return Deployment(public_base_url=settings.public_base_url, time_zone=ZoneInfo(settings.region_time_zone),
                      max_document_bytes=settings.max_document_bytes,
                      fallback_short_code=settings.fallback_organization_short_code)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def build_runtime(settings: Settings, deployment: Deployment, clock: Callable[[], datetime]) -> ServiceRuntime:
    runtime = ServiceRuntime.build(settings, migrations=MIGRATIONS)
    supplier_topics = SupplierTopics(settings.kafka_client_options())
    runtime.add_startup_step("request types catalogue", _catalogue_loader(runtime, clock))
    runtime.add_startup_step("supplier topics", _supplier_topics_creator(runtime, supplier_topics))
    prefix = settings.consumer_group_prefix
    runtime.subscribe([IDENTITY_ORGANIZATION, PROJECTS_PROJECT],
                      projection_handlers(deployment=deployment, supplier_topics=supplier_topics),
                      group=f"{prefix}.projections")
    runtime.subscribe([SLA_CLOCK], deadline_handlers(), group=f"{prefix}.sla-deadlines")
    runtime.subscribe([SUPPLIER_RESPONSES], {SupplierResponded: supplier_response_handler(
        keyring=runtime.keyring, deployment=deployment, clock=clock)},
        group=f"{prefix}.supplier-responses", consumer_class=SupplierResponseConsumer)
    return runtime


def _catalogue_loader(runtime: ServiceRuntime, clock: Callable[[], datetime]) -> Callable[[], Awaitable[None]]:
    async def load() -> None:
        try:
            async with runtime.session_factory() as session, session.begin():
                loaded = await load_seed(session, at=clock())
            if loaded.changed or loaded.kept_edited_types:
                log.info("request types catalogue: %s", loaded)
        except IntegrityError:
            log.info("another replica loaded the shipped catalogue first")

    return load


def _supplier_topics_creator(runtime: ServiceRuntime, topics: SupplierTopics) -> Callable[[], Awaitable[None]]:
    async def create() -> None:
        async with runtime.session_factory() as session:
            await topics.ensure(await supplier_short_codes(session))

    return create


def build_app(settings: Settings | None = None, *, clock: Callable[[], datetime] = utc_now) -> FastAPI:
    """`clock` is injectable so tests control time; whatever zone it answers in, the service works in UTC."""
    settings = settings or Settings()
    given_clock = clock

    def clock() -> datetime:
        return given_clock().astimezone(timezone.utc)

    deployment = build_deployment(settings)
    runtime = build_runtime(settings, deployment, clock)
    app = create_service_app(runtime, title="Requests: routing investors' requests to bodies and suppliers",
                             routers=routers(), description=DESCRIPTION)
    install_domain_problems(app)
    app.state.wiring = Wiring(deployment=deployment, storage=LocalDiskStorage(settings.data_dir / "requests-documents"),
                              clock=clock, session_factory=runtime.session_factory)
    return app
