"""The web app's routers: one module per cabinet area."""

from fastapi import APIRouter

from corridor_web.entrypoints import (
    auth_pages, dashboard_pages, health, notification_pages, project_pages, request_pages,
)


def routers() -> list[APIRouter]:
    return [health.router, auth_pages.router, project_pages.router, request_pages.router,
            notification_pages.router, dashboard_pages.router]
