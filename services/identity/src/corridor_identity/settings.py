"""Settings of the identity service (environment variables prefixed GC_), validated at start."""

from __future__ import annotations

from pydantic import Field, model_validator

from corridor_chassis.auth import AUDIENCE, ISSUER
from corridor_chassis.settings import ServiceSettings, require_secret

DEV_KEY_ENCRYPTION_SECRET = "development-only-key-encryption-secret"
# OWASP's floor for argon2id memory; below it a stolen hash table is cheap to attack.
MIN_PRODUCTION_ARGON2_MEMORY_KIB = 19 * 1024


class Settings(ServiceSettings):
    service_name: str = "identity"
    http_port: int = 8001

    key_encryption_secret: str | None = Field(
        default=None, description="Passphrase the signing keys' private halves are encrypted with at rest.")
    token_issuer: str = Field(
        default=ISSUER, min_length=1, max_length=200,
        description="The `iss` of access tokens. Other services accept only the chassis' issuer; tests give "
                    "each identity its own so that its keys never reach services following the shared broker.")
    token_audience: str = AUDIENCE
    access_token_ttl_seconds: int = Field(default=600, ge=60, le=3600)
    refresh_token_ttl_days: int = Field(default=14, ge=1, le=90)
    refresh_session_ttl_days: int = Field(default=30, ge=1, le=365)
    invitation_ttl_days: int = Field(default=7, ge=1, le=30)
    # RFC 9106's low-memory profile (t=3, 64 MiB, p=4) unless configured otherwise.
    argon2_time_cost: int = Field(default=3, ge=1, le=20)
    argon2_memory_kib: int = Field(default=64 * 1024, ge=8, le=4 * 1024 * 1024)
    argon2_parallelism: int = Field(default=4, ge=1, le=64)

    @model_validator(mode="after")
    def _secrets_and_hashing_fit_the_environment(self) -> "Settings":
        self.key_encryption_secret = require_secret(
            self.key_encryption_secret, name="GC_KEY_ENCRYPTION_SECRET", settings=self,
            dev_default=DEV_KEY_ENCRYPTION_SECRET)
        if not self.is_development and self.argon2_memory_kib < MIN_PRODUCTION_ARGON2_MEMORY_KIB:
            raise ValueError(f"GC_ARGON2_MEMORY_KIB must be at least {MIN_PRODUCTION_ARGON2_MEMORY_KIB} "
                             f"when GC_ENVIRONMENT={self.environment}")
        return self
