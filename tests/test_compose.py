"""docker-compose.yml and the Procfile describe exactly the services in the tree."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SERVICES = sorted(p.name for p in (ROOT / "services").iterdir() if (p / "pyproject.toml").exists())
# Services with a store and a place on Kafka; the web app (a backend-for-frontend) has neither.
BACKENDS = sorted(p.name for p in (ROOT / "services").iterdir() if (p / "alembic.ini").exists())
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_every_service_has_a_compose_entry_built_from_its_own_dockerfile() -> None:
    for service in SERVICES:
        entry = COMPOSE["services"].get(service)
        assert entry, f"docker-compose.yml lacks {service}"
        assert entry["build"]["dockerfile"] == f"services/{service}/Dockerfile"
        assert (ROOT / entry["build"]["dockerfile"]).exists()


def test_every_service_has_its_own_postgres_database() -> None:
    databases = COMPOSE["services"]["postgres"]["environment"]["POSTGRES_MULTIPLE_DATABASES"].split(",")
    assert sorted(databases) == BACKENDS
    for service in BACKENDS:
        url = COMPOSE["services"][service]["environment"]["GC_DATABASE_URL"]
        assert url.startswith(f"postgresql+asyncpg://{service}:") and url.endswith(f"/{service}")


def test_every_service_reaches_kafka_in_kraft_mode_and_the_collector() -> None:
    kafka = COMPOSE["services"]["kafka"]["environment"]
    assert kafka["KAFKA_PROCESS_ROLES"] == "broker,controller"
    for service in BACKENDS:
        env = COMPOSE["services"][service]["environment"]
        assert env["GC_KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9092"
        assert env["GC_OTLP_ENDPOINT"].startswith("http://otel-collector")
        assert set(COMPOSE["services"][service]["depends_on"]) >= {"kafka", "postgres"}


def test_prometheus_scrapes_every_service_and_the_web_app_on_their_compose_ports() -> None:
    config = yaml.safe_load((ROOT / "deploy/prometheus/prometheus.yml").read_text())
    targets = {t for job in config["scrape_configs"] for c in job["static_configs"] for t in c["targets"]}
    assert targets == {f"{service}:8000" for service in SERVICES}
    assert all(job["metrics_path"] == "/metrics" for job in config["scrape_configs"])


def test_no_compose_entry_points_at_a_service_that_does_not_exist() -> None:
    for name, entry in COMPOSE["services"].items():
        if "build" in entry:
            assert name in SERVICES, f"compose builds {name}, which is not under services/"


def test_the_local_run_starts_every_service_and_the_broker() -> None:
    procfile = dict(line.split(":", 1) for line in (ROOT / "Procfile").read_text().splitlines()
                    if line.strip() and not line.startswith("#"))
    assert {"kafka", "mail"} <= set(procfile)
    for service in SERVICES:
        assert f"corridor_{service}.main:app" in procfile.get(service, ""), f"Procfile does not run {service}"


def test_the_web_app_reaches_each_service_by_its_compose_name_and_keeps_no_store() -> None:
    web = COMPOSE["services"]["web"]
    assert web["build"]["dockerfile"] == "services/web/Dockerfile"
    for service in BACKENDS:
        assert web["environment"][f"GC_{service.upper()}_URL"] == f"http://{service}:8000"
        assert service in web["depends_on"]
    assert web["environment"]["GC_SESSION_SECRET"]
    assert "GC_DATABASE_URL" not in web["environment"] and "kafka" not in web["depends_on"]


def test_the_local_run_points_the_web_app_at_the_services_ports() -> None:
    web = next(line for line in (ROOT / "Procfile").read_text().splitlines() if line.startswith("web:"))
    for service in BACKENDS:
        assert f"GC_{service.upper()}_URL=http://127.0.0.1:${{{service.upper()}_PORT:-" in web
    assert "--port ${WEB_PORT:-8080}" in web
