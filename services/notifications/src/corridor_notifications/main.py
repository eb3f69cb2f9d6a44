"""ASGI entry point: `uvicorn corridor_notifications.main:app --factory`."""

from fastapi import FastAPI

from corridor_notifications.bootstrap import build_app


def app() -> FastAPI:
    return build_app()
