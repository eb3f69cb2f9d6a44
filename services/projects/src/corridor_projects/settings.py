"""Settings of the projects service (environment variables prefixed GC_)."""

from __future__ import annotations

from corridor_chassis.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "projects"
    http_port: int = 8002
