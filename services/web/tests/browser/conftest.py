"""Fixtures of the browser suite: the running corridor, people to act as, a real headless Chromium
(Debian's, by its path: no browser download), screenshots and the axe-core accessibility check.

Module-scoped, not session-scoped: Playwright's sync API drives its own event loop, which must be
gone before the asyncio tests of other modules run, and the corridor's processes need not outlive
the story."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("web_browser_suite", HERE / "suite.py")
suite = importlib.util.module_from_spec(_spec)
sys.modules["web_browser_suite"] = suite
_spec.loader.exec_module(suite)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = suite.SCREENSHOTS



@pytest.fixture(scope="module")
def corridor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[suite.Corridor]:
    import localkafka  # the root conftest loads deploy/kafka/localkafka.py under this name

    assert suite.localgateway.shutil.which("nginx") or Path("/usr/sbin/nginx").exists(), \
        "the browser suite runs behind the gateway: apt-get install nginx (.ci/run does)"
    data_dir = tmp_path_factory.mktemp("corridor")
    broker = localkafka.LocalKafka(data_dir / "kafka", port=localkafka.free_port())
    broker_log = open(data_dir / "kafka.log", "ab")
    broker.start(stdout=broker_log)
    running = suite.Corridor(data_dir=data_dir, kafka=broker.bootstrap_servers)
    try:
        running.start_all()
        running.wait_ready()
        yield running
    finally:
        running.stop()
        broker.stop()
        broker_log.close()


@pytest.fixture(scope="module")
def people(corridor: suite.Corridor) -> suite.People:
    cast = suite.People()
    admin = corridor.token(suite.ADMIN_EMAIL)
    agency = corridor.organization(admin, kind="agency", inn="4799000017")
    lenenergo = corridor.organization(admin, kind="supplier", short_code="lenenergo")
    corridor.accept(corridor.invite(admin, email=cast.agency_head, organization_id=agency["id"],
                                    roles=["agency_head", "manager"]), "Петрова Анна Сергеевна")
    corridor.accept(corridor.invite(admin, email=cast.manager, organization_id=agency["id"], roles=["manager"]),
                    "Соколов Игорь Викторович")
    corridor.accept(corridor.invite(admin, email=cast.operator, organization_id=agency["id"], roles=["operator"]),
                    "Смирнов Олег Игоревич")
    cast.official_invitation = corridor.invite(admin, email=cast.official, organization_id=lenenergo["id"],
                                               roles=["official"])
    return cast


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), "the browser suite needs Debian's chromium: apt-get install chromium (.ci/run does)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def story() -> dict:
    """What one step of the story leaves for the next (the project, the request …)."""
    return {}


def pytest_configure(config: pytest.Config) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
