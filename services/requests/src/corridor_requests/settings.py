"""Settings of the requests service (environment variables prefixed GC_)."""

from __future__ import annotations

from corridor_chassis.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "requests"
    http_port: int = 8003
