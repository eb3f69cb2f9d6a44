"""ASGI entry point: `uvicorn corridor_sla.main:app --factory`."""

from fastapi import FastAPI

from corridor_sla.bootstrap import build_app


def app() -> FastAPI:
    return build_app()
