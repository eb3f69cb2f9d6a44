"""Liveness, readiness and metrics endpoints, the same in every service."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

if TYPE_CHECKING:
    from corridor_chassis.runtime import ServiceRuntime


def health_router(runtime: "ServiceRuntime") -> APIRouter:
    router = APIRouter(tags=["operations"])

    @router.get("/healthz", summary="The process is alive")
    async def healthz() -> dict[str, str]:
        return {"status": "ok", "service": runtime.service}

    @router.get("/readyz", summary="The store, the relay and the consumers are working")
    async def readyz() -> JSONResponse:
        checks = dict(runtime.readiness())
        try:
            async with runtime.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
            checks["database"] = True
        except Exception:
            checks["database"] = False
        ready = all(checks.values())
        return JSONResponse({"status": "ready" if ready else "not-ready", "service": runtime.service,
                             "checks": checks}, status_code=200 if ready else 503)

    @router.get("/metrics", summary="Prometheus metrics", include_in_schema=False)
    async def prometheus_metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return router
