"""Settings of the notifications service (environment variables prefixed GC_)."""

from __future__ import annotations

from pydantic import Field, model_validator

from corridor_chassis.settings import ServiceSettings, require_secret

_DEV_SMTP_PASSWORD = "dev-only"


class Settings(ServiceSettings):
    service_name: str = "notifications"
    http_port: int = 8005

    # E-mail: the local run's sink listens on 127.0.0.1:1025 (Procfile); production names a real relay.
    smtp_host: str = "127.0.0.1"
    smtp_port: int = Field(default=1025, ge=1, le=65535)
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    smtp_from: str = "Зелёный коридор <noreply@green-corridor.local>"
    smtp_timeout_seconds: float = Field(default=30, gt=0)
    smtp_connections: int = Field(default=8, ge=1, le=100, description="SMTP connections kept open and reused.")
    smtp_messages_per_connection: int = Field(
        default=100, ge=1, description="Messages sent on one SMTP connection before it is closed and replaced.")

    cabinet_base_url: str = Field(default="http://127.0.0.1:8080", description="Links in messages start here.")

    fan_out_group: str = Field(default="notifications.fan-out", description="Consumer group of the fan-out.")
    intent_window_hours: float = Field(
        default=24, gt=0, description="How long an event waits for projection rows naming its recipients.")

    delivery_max_attempts: int = Field(default=8, ge=1, le=50)
    delivery_backoff_base_seconds: float = Field(default=30, ge=0)
    delivery_backoff_cap_seconds: float = Field(default=3600, ge=0)
    delivery_poll_seconds: float = Field(default=1.0, gt=0)
    delivery_batch_size: int = Field(default=50, ge=1, le=1000)
    delivery_lease_seconds: float = Field(
        default=300, gt=0, description="A claimed delivery is another worker's to retry after this long.")
    webhook_timeout_seconds: float = Field(default=10, gt=0)

    feed_keepalive_seconds: float = Field(
        default=15, gt=0, description="The live stream sends a comment, and re-reads the feed, this often.")

    @model_validator(mode="after")
    def _smtp_secret(self) -> "Settings":
        if self.smtp_username:
            self.smtp_password = require_secret(self.smtp_password, name="GC_SMTP_PASSWORD", settings=self,
                                                dev_default=_DEV_SMTP_PASSWORD)
        return self

    @property
    def webhooks_need_https(self) -> bool:
        """Plain http endpoints only on a developer's machine or in tests (loopback receivers)."""
        return not self.is_development
