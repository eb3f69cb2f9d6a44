"""Liveness, readiness (can the web app reach every service?) and Prometheus metrics."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from corridor_web.adapters.backends import SERVICES, Backends

router = APIRouter(tags=["operations"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok", "service": "web"}


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    backends: Backends = request.app.state.backends

    async def answers(service: str) -> bool:
        try:
            await backends.send(service, "GET", "/healthz")
            return True
        except Exception:  # noqa: BLE001 - any failure means "not ready"
            return False

    results = await asyncio.gather(*(answers(service) for service in SERVICES))
    checks = dict(zip(SERVICES, results, strict=True))
    ready = all(checks.values())
    return JSONResponse({"status": "ready" if ready else "not-ready", "service": "web", "checks": checks},
                        status_code=200 if ready else 503)


@router.get("/metrics", include_in_schema=False)
async def metrics() -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
