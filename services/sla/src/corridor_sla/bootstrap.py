"""Composition root of the sla service: builds the runtime, consumers and the HTTP app."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from corridor_chassis.runtime import ServiceRuntime, create_service_app
from corridor_sla.settings import Settings

MIGRATIONS = Path(__file__).parent / "migrations"


def build_runtime(settings: Settings) -> ServiceRuntime:
    return ServiceRuntime.build(settings, migrations=MIGRATIONS)


def build_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    runtime = build_runtime(settings)
    return create_service_app(runtime, title="SLA: working-day clocks and compliance")
