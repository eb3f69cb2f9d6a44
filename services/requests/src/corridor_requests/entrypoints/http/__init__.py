"""The HTTP API of the requests service: thin routers over the use cases."""

from __future__ import annotations

from fastapi import APIRouter

from corridor_requests.entrypoints.http import catalogue, documents, operations, requests


def routers() -> list[APIRouter]:
    return [requests.router, documents.router, catalogue.router, operations.router]
