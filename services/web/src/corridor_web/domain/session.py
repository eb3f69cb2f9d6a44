"""What the web app remembers about a browser between requests, and which cabinet a person sees.

Why a value object: the session travels in an encrypted cookie (adapters/session_cookie.py), so it
must be small, plain data — the tokens identity issued, who the person is (for the header and the
menu), the CSRF token of its forms and the flash messages waiting to be shown once.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass, field
from typing import Any

REFRESH_MARGIN_SECONDS = 30  # refresh a little early, so a token does not expire on its way to a service


@dataclass
class Person:
    user_id: str
    full_name: str
    email: str
    roles: list[str]
    organization_id: str | None
    organization_kind: str | None
    organization_name: str | None = None

    def has(self, *roles: str) -> bool:
        return bool(set(self.roles) & set(roles))

    @property
    def is_investor(self) -> bool:
        return self.has("investor")

    @property
    def is_agency(self) -> bool:
        return self.has("manager", "agency_head")

    @property
    def is_head(self) -> bool:
        return self.has("agency_head")

    @property
    def is_official(self) -> bool:
        return self.has("official")

    @property
    def is_operator(self) -> bool:
        return self.has("operator", "administrator", "agency_head")

    @property
    def home(self) -> str:
        """The first page after signing in: the cabinet of the person's main role."""
        if self.is_investor or self.is_agency:
            return "/projects"
        if self.is_official:
            return "/inbox"
        if self.is_operator:
            return "/dashboard"
        return "/notifications"


@dataclass
class Session:
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    access_token: str | None = None
    refresh_token: str | None = None
    access_expires_at: float = 0.0
    person: Person | None = None
    flashes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def signed_in(self) -> bool:
        return bool(self.person and self.access_token and self.refresh_token)

    def access_expired(self, now: float) -> bool:
        return now >= self.access_expires_at - REFRESH_MARGIN_SECONDS

    def flash(self, kind: str, text: str) -> None:
        self.flashes.append((kind, text))

    def take_flashes(self) -> list[tuple[str, str]]:
        taken, self.flashes = self.flashes, []
        return taken

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Session":
        person = data.get("person")
        return cls(csrf=data["csrf"], access_token=data.get("access_token"), refresh_token=data.get("refresh_token"),
                   access_expires_at=float(data.get("access_expires_at", 0)),
                   person=Person(**person) if person else None,
                   flashes=[(kind, text) for kind, text in data.get("flashes", [])])

    @classmethod
    def signed_in_as(cls, person: Person, *, access_token: str, refresh_token: str, expires_at: float) -> "Session":
        """A new session (a new CSRF token too: nothing of the anonymous session carries over)."""
        return cls(access_token=access_token, refresh_token=refresh_token, access_expires_at=expires_at,
                   person=person)
