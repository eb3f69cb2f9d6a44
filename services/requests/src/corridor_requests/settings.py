"""Settings of the requests service (environment variables prefixed GC_)."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator

from corridor_chassis.settings import ServiceSettings

MIB = 1024 * 1024


class Settings(ServiceSettings):
    service_name: str = "requests"
    http_port: int = 8003
    public_base_url: str = Field(default="http://127.0.0.1:8003", pattern=r"^https?://",
                                 description="Base URL in document links sent to investors, officials, suppliers")
    max_document_bytes: int = Field(default=20 * MIB, ge=1024, le=512 * MIB)
    region_time_zone: str = "Europe/Moscow"
    fallback_organization_short_code: str | None = Field(
        default=None, description="The agency whose queue gets unrouted requests; default: the only agency")
    consumer_group_prefix: str = Field(default="requests", pattern=r"^[a-z0-9][a-z0-9._-]{0,99}$",
                                       description="Consumer groups are <prefix>.<purpose>")

    @field_validator("region_time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value
