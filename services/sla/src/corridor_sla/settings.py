"""Settings of the sla service (environment variables prefixed GC_)."""

from __future__ import annotations

from corridor_chassis.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "sla"
    http_port: int = 8004
