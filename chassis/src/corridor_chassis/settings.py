"""Typed settings every service reads from its environment (prefix `GC_`), validated at start."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class ServiceSettings(BaseSettings):
    """Settings common to all services; a service subclasses it to add its own."""

    model_config = SettingsConfigDict(env_prefix="GC_", extra="ignore", validate_default=True)

    service_name: str
    environment: Literal["development", "test", "production"] = "development"
    data_dir: Path = Path("var")
    database_url: str = Field(default="", description="SQLAlchemy async URL; default: a SQLite file per service")
    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    kafka_security_protocol: Literal["PLAINTEXT", "SASL_PLAINTEXT", "SASL_SSL", "SSL"] = "PLAINTEXT"
    kafka_sasl_mechanism: str | None = None
    kafka_sasl_username: str | None = None
    kafka_sasl_password: str | None = None
    http_host: str = "127.0.0.1"
    http_port: int = Field(default=8000, ge=1, le=65535)
    log_level: str = "INFO"
    log_json: bool = True
    otlp_endpoint: str | None = Field(default=None, description="OTLP/HTTP collector, e.g. http://otel:4318")
    relay_batch_size: int = Field(default=200, ge=1, le=10_000)
    relay_poll_seconds: float = Field(default=0.5, gt=0)
    consumer_max_attempts: int = Field(default=5, ge=1, le=100)
    consumer_retry_base_seconds: float = Field(default=0.2, ge=0)
    kafka_startup_timeout_seconds: float = Field(default=120, ge=0)
    migrate_on_start: bool = True

    @model_validator(mode="after")
    def _default_database(self) -> "ServiceSettings":
        if not self.database_url:
            path = (self.data_dir / f"{self.service_name}.db").resolve()
            self.database_url = f"sqlite+aiosqlite:///{path}"
        return self

    @property
    def is_development(self) -> bool:
        return self.environment in ("development", "test")

    def kafka_client_options(self) -> dict[str, object]:
        """Keyword arguments shared by every aiokafka client this service creates."""
        options: dict[str, object] = {
            "bootstrap_servers": self.kafka_bootstrap_servers,
            "security_protocol": self.kafka_security_protocol,
        }
        if self.kafka_sasl_mechanism:
            options |= {
                "sasl_mechanism": self.kafka_sasl_mechanism,
                "sasl_plain_username": self.kafka_sasl_username,
                "sasl_plain_password": self.kafka_sasl_password,
            }
        return options


def require_secret(value: str | None, *, name: str, settings: ServiceSettings, dev_default: str) -> str:
    """Return a secret, refusing a missing or development default outside development."""
    if value and value != dev_default:
        return value
    if settings.is_development:
        return value or dev_default
    raise ValueError(f"{name} must be set to a real secret when GC_ENVIRONMENT={settings.environment}")
