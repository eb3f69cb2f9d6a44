"""The architecture's boundaries, checked on the source: services share only contracts and the chassis."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SERVICES = sorted(p.name for p in (ROOT / "services").iterdir() if (p / "pyproject.toml").exists())
# The web cabinets are a deployable too, but a backend-for-frontend: no store, no migrations, no Kafka.
STORELESS = {"web"}


def imported_modules(source_dir: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in source_dir.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(str(path.relative_to(ROOT)))
    return found


def test_the_tree_has_the_five_services_and_the_web_cabinets() -> None:
    assert SERVICES == ["identity", "notifications", "projects", "requests", "sla", "web"]


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_imports_no_other_service(service: str) -> None:
    imports = imported_modules(ROOT / "services" / service / "src")
    others = {f"corridor_{other}" for other in SERVICES if other != service}
    offenders = {module: files for module, files in imports.items() if module in others}
    assert not offenders, f"{service} imports another service: {offenders}"


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_test_suite_imports_no_other_service(service: str) -> None:
    imports = imported_modules(ROOT / "services" / service / "tests")
    others = {f"corridor_{other}" for other in SERVICES if other != service}
    assert not (set(imports) & others)


def test_the_chassis_knows_no_service() -> None:
    imports = imported_modules(ROOT / "chassis" / "src")
    assert not {f"corridor_{s}" for s in SERVICES} & set(imports)


def test_contracts_do_no_io_and_know_no_service_nor_the_chassis() -> None:
    imports = set(imported_modules(ROOT / "contracts" / "src"))
    forbidden = {f"corridor_{s}" for s in SERVICES} | {
        "corridor_chassis", "aiokafka", "sqlalchemy", "httpx", "requests", "fastapi", "socket", "asyncpg"}
    assert not imports & forbidden, imports & forbidden


@pytest.mark.parametrize("service", SERVICES)
def test_each_service_is_its_own_deployable(service: str) -> None:
    base = ROOT / "services" / service
    required = ["pyproject.toml", "Dockerfile", f"src/corridor_{service}/bootstrap.py"]
    if service not in STORELESS:
        required += ["alembic.ini", f"src/corridor_{service}/migrations/env.py"]
    for path in required:
        assert (base / path).exists(), f"{service} lacks {path}"
    if service not in STORELESS:
        assert list((base / f"src/corridor_{service}/migrations/versions").glob("*.py")), f"{service} has no migrations"
    pyproject = (base / "pyproject.toml").read_text()
    for other in SERVICES:
        if other != service:
            assert f'"corridor-{other}' not in pyproject, f"{service} depends on the {other} package"


def test_the_web_app_reaches_the_services_over_http_only() -> None:
    imports = imported_modules(ROOT / "services" / "web" / "src")
    assert not {"sqlalchemy", "aiokafka", "corridor_contracts"} & set(imports), \
        "the web app reads no store and no topic: it calls the services' APIs with the person's token"
