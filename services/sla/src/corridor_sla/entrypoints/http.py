"""The sla service's HTTP API: calendar, policies, clocks and statistics (thin routers)."""

from __future__ import annotations

from fastapi import APIRouter

from corridor_sla.entrypoints import calendar_api, clocks_api, named_policies_api, policies_api


def routers() -> list[APIRouter]:
    return [calendar_api.router, policies_api.router, named_policies_api.router, clocks_api.router]
