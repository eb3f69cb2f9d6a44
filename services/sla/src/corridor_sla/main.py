"""ASGI entry point: `uvicorn corridor_sla.main:app --factory`."""

from fastapi import FastAPI

from corridor_sla.bootstrap import build_app, clock_for
from corridor_sla.settings import Settings


def app() -> FastAPI:
    settings = Settings()
    return build_app(settings, now=clock_for(settings))
