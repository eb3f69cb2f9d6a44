"""Settings of the projects service (environment variables prefixed GC_)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator

from corridor_chassis.settings import ServiceSettings

SHIPPED_RULES = Path(__file__).parent / "investment_rules" / "leningrad-2025.yaml"


class Settings(ServiceSettings):
    service_name: str = "projects"
    http_port: int = 8002
    investment_rules_file: Path = Field(
        default=SHIPPED_RULES, description="СИП catalogue loaded at start when its version is newer than the store's.")
    region_time_zone: str = Field(default="Europe/Moscow", description="Where 'today' is, for planned dates.")
    calendar_overrides: dict[date, bool] = Field(
        default_factory=dict, description='Days worked (true) or not (false) against the package\'s calendar, '
        'e.g. GC_CALENDAR_OVERRIDES=\'{"2027-01-09": false}\' for a decree newer than the installed release.')
    consumer_group_prefix: str = Field(
        default="projects", pattern=r"^[a-z0-9][a-z0-9._-]{0,100}$",
        description="Consumer groups are <prefix>.directory and <prefix>.request-progress.")

    @field_validator("region_time_zone")
    @classmethod
    def _known_time_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value
