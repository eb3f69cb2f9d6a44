"""ASGI entry point: `uvicorn corridor_identity.main:app --factory`."""

from fastapi import FastAPI

from corridor_identity.bootstrap import build_app


def app() -> FastAPI:
    return build_app()
