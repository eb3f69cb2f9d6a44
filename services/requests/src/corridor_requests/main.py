"""ASGI entry point: `uvicorn corridor_requests.main:app --factory`."""

from fastapi import FastAPI

from corridor_requests.bootstrap import build_app


def app() -> FastAPI:
    return build_app()
