"""Fixtures: the web app in process in front of the stand-in backends of stand_ins.py."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

_spec = importlib.util.spec_from_file_location("web_stand_ins", Path(__file__).with_name("stand_ins.py"))
stand_ins = importlib.util.module_from_spec(_spec)
sys.modules["web_stand_ins"] = stand_ins
_spec.loader.exec_module(stand_ins)

from corridor_web.bootstrap import build_app  # noqa: E402


@pytest.fixture
def backends() -> stand_ins.Backends:
    return stand_ins.standard_backends()


@pytest.fixture
async def web(backends: stand_ins.Backends) -> AsyncIterator[httpx.AsyncClient]:
    app = build_app(stand_ins.settings(), transport=httpx.MockTransport(backends))
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://web.test") as client:
            yield client
