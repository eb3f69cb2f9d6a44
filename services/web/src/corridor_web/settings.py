"""Settings of the web cabinets (environment variables prefixed GC_), validated at start.

The web app reuses the chassis' settings for logging, telemetry and the environment; it keeps no
store of its own (the database settings it inherits are unused): sessions live in an encrypted cookie.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from corridor_chassis.settings import ServiceSettings, require_secret

DEV_SESSION_SECRET = "development-only-web-session-secret"


class Settings(ServiceSettings):
    service_name: str = "web"
    http_port: int = 8080

    identity_url: str = Field(default="http://127.0.0.1:8001", description="Base URL of the identity service.")
    projects_url: str = Field(default="http://127.0.0.1:8002", description="Base URL of the projects service.")
    requests_url: str = Field(default="http://127.0.0.1:8003", description="Base URL of the requests service.")
    sla_url: str = Field(default="http://127.0.0.1:8004", description="Base URL of the sla service.")
    notifications_url: str = Field(default="http://127.0.0.1:8005",
                                   description="Base URL of the notifications service.")
    session_secret: str | None = Field(default=None, description="Encrypts and signs the session cookie.")
    session_max_age_seconds: int = Field(default=14 * 24 * 3600, ge=300, le=90 * 24 * 3600,
                                         description="A session cookie older than this is ignored.")
    cookie_secure: Literal["auto", "always", "never"] = Field(
        default="auto", description="Secure cookies: `auto` when the request came over https (behind the "
                                    "gateway: X-Forwarded-Proto with uvicorn --proxy-headers).")
    backend_timeout_seconds: float = Field(default=15, gt=0, le=120)
    max_upload_bytes: int = Field(default=20 * 1024 * 1024, ge=1024,
                                  description="Largest document the forms accept (the requests service decides).")

    @model_validator(mode="after")
    def _secret_fits_the_environment(self) -> "Settings":
        self.session_secret = require_secret(self.session_secret, name="GC_SESSION_SECRET", settings=self,
                                             dev_default=DEV_SESSION_SECRET)
        return self

    def backend_urls(self) -> dict[str, str]:
        return {"identity": self.identity_url, "projects": self.projects_url, "requests": self.requests_url,
                "sla": self.sla_url, "notifications": self.notifications_url}
