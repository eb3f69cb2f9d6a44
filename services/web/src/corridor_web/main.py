"""ASGI entry point: `uvicorn corridor_web.main:app --factory`."""

from __future__ import annotations

from fastapi import FastAPI

from corridor_web.bootstrap import build_app
from corridor_web.settings import Settings


def app() -> FastAPI:
    return build_app(Settings())
