"""The HTTP API of identity: thin routers that parse, authorise, call one use case and answer."""

from __future__ import annotations

from fastapi import APIRouter

from corridor_identity.entrypoints.http import audit, organizations, people, tokens


def routers() -> list[APIRouter]:
    return [tokens.router, people.router, organizations.router, audit.router]
