"""Settings of the sla service (environment variables prefixed GC_), validated at start."""

from __future__ import annotations

import uuid
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator, model_validator

from corridor_chassis.settings import ServiceSettings
from corridor_contracts.topics import REQUESTS_REQUEST
from corridor_sla.domain.calendar import DEFAULT_TIME_ZONE
from corridor_sla.domain.policy import DEFAULT_TARGET_WORKING_DAYS, MAX_TARGET_WORKING_DAYS, MIN_TARGET_WORKING_DAYS

# Stands in for the agency in development only, so that a local run escalates without configuration.
DEVELOPMENT_AGENCY_ID = uuid.uuid5(uuid.NAMESPACE_URL, "urn:green-corridor:development-agency")


class Settings(ServiceSettings):
    service_name: str = "sla"
    http_port: int = 8004
    sla_time_zone: str = Field(default=DEFAULT_TIME_ZONE, description="The region's time zone (IANA name).")
    sla_default_target_working_days: int = Field(
        default=DEFAULT_TARGET_WORKING_DAYS, ge=MIN_TARGET_WORKING_DAYS, le=MAX_TARGET_WORKING_DAYS,
        description="Target of request types without a policy of their own.")
    sla_agency_organization_id: uuid.UUID | None = Field(
        default=None, description="The development agency: escalation levels 2 and 3 go to its manager and head.")
    sla_stream_id: str = Field(default="sla", pattern=r"^[a-z0-9][a-z0-9._-]{0,99}$",
                               description="Faust app id: consumer group and prefix of the changelog topics.")
    sla_source_topic: str = Field(default=REQUESTS_REQUEST, description="Where request lifecycle events come from.")
    sla_timer_seconds: float = Field(default=10.0, gt=0, description="How often open clocks are checked.")
    sla_metrics_refresh_seconds: float = Field(default=30.0, gt=0)
    sla_metrics_window_days: int = Field(default=90, ge=1, le=3660,
                                         description="Closed clocks registered this recently feed the gauges.")
    sla_topic_replication_factor: int = Field(default=1, ge=1, le=5)
    sla_clock_offset_seconds: float = Field(
        default=0, description="Test hook: the service's clock runs this far ahead of the system clock, so an "
                               "end-to-end test in other processes can reach a deadline; development and test only.")

    @field_validator("sla_time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @model_validator(mode="after")
    def _agency_outside_development(self) -> "Settings":
        if self.sla_agency_organization_id is None:
            if not self.is_development:
                raise ValueError("GC_SLA_AGENCY_ORGANIZATION_ID must be set when "
                                 f"GC_ENVIRONMENT={self.environment}")
            self.sla_agency_organization_id = DEVELOPMENT_AGENCY_ID
        if self.sla_clock_offset_seconds and not self.is_development:
            raise ValueError(f"GC_SLA_CLOCK_OFFSET_SECONDS is a test hook, refused when GC_ENVIRONMENT={self.environment}")
        return self
