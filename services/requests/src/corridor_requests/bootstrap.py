"""Composition root of the requests service: builds the runtime, consumers and the HTTP app.

Nothing connects here; the app's lifespan starts the runtime (migrations, topics, relay, consumers).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi import FastAPI

from corridor_chassis.runtime import create_service_app
from corridor_contracts.topics import IDENTITY_ORGANIZATION, PROJECTS_PROJECT, SLA_CLOCK
from corridor_requests.adapters.storage import LocalDiskStorage
from corridor_requests.adapters.supplier_topics import SupplierTopics
from corridor_requests.entrypoints.consumers import deadline_handlers, projection_handlers
from corridor_requests.entrypoints.http import routers
from corridor_requests.entrypoints.http.deps import Wiring
from corridor_requests.entrypoints.http.problems import install_domain_problems
from corridor_requests.entrypoints.supplier_responses import supplier_response_handler
from corridor_requests.runtime import RequestsRuntime, utc_now
from corridor_requests.service_layer.deployment import Deployment
from corridor_requests.settings import Settings

MIGRATIONS = Path(__file__).parent / "migrations"
DESCRIPTION = ("Investors' requests routed to the responsible body or supplier and answered in cabinets or, by "
               "supplier systems, over Kafka. Errors are RFC 9457 problem+json (urn:green-corridor:problem:<slug>).")


def build_deployment(settings: Settings) -> Deployment:
    return Deployment(public_base_url=settings.public_base_url, time_zone=ZoneInfo(settings.region_time_zone),
                      max_document_bytes=settings.max_document_bytes,
                      fallback_short_code=settings.fallback_organization_short_code)


def build_runtime(settings: Settings, deployment: Deployment, clock: Callable[[], datetime]) -> RequestsRuntime:
    runtime = RequestsRuntime.build(settings, migrations=MIGRATIONS)
    runtime.clock = clock
    runtime.supplier_topics = SupplierTopics(settings.kafka_client_options())
    prefix = settings.consumer_group_prefix
    runtime.subscribe([IDENTITY_ORGANIZATION, PROJECTS_PROJECT],
                      projection_handlers(deployment=deployment, supplier_topics=runtime.supplier_topics),
                      group=f"{prefix}.projections")
    runtime.subscribe([SLA_CLOCK], deadline_handlers(), group=f"{prefix}.sla-deadlines")
    runtime.supplier_response_group = f"{prefix}.supplier-responses"
    runtime.supplier_response_handler = supplier_response_handler(keyring=runtime.keyring, deployment=deployment,
                                                                  clock=clock)
    return runtime


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
