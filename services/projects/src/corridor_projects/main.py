"""ASGI entry point: `uvicorn corridor_projects.main:app --factory`."""

from fastapi import FastAPI

from corridor_projects.bootstrap import build_app


def app() -> FastAPI:
    return build_app()
