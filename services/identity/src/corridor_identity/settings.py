"""Settings of the identity service (environment variables prefixed GC_)."""

from __future__ import annotations

from corridor_chassis.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "identity"
    http_port: int = 8001
