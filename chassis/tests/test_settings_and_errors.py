"""Settings are validated at start; every error a client sees is problem+json."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI
from pydantic import BaseModel, Field, ValidationError

from corridor_chassis.errors import Conflict, install_problem_handlers
from corridor_chassis.settings import ServiceSettings, require_secret


def test_the_default_store_is_a_sqlite_file_per_service(tmp_path) -> None:
    settings = ServiceSettings(service_name="projects", data_dir=tmp_path)
    assert settings.database_url == f"sqlite+aiosqlite:///{tmp_path.resolve() / 'projects.db'}"


def test_settings_come_from_the_environment_and_are_validated(monkeypatch) -> None:
    monkeypatch.setenv("GC_HTTP_PORT", "70000")
    with pytest.raises(ValidationError, match="http_port"):
        ServiceSettings(service_name="projects")
    monkeypatch.setenv("GC_HTTP_PORT", "8100")
    monkeypatch.setenv("GC_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
    settings = ServiceSettings(service_name="projects")
    assert (settings.http_port, settings.kafka_bootstrap_servers) == (8100, "kafka:9092")


def test_a_development_secret_is_refused_outside_development() -> None:
    dev = ServiceSettings(service_name="identity", environment="development")
    prod = ServiceSettings(service_name="identity", environment="production")
    assert require_secret(None, name="GC_KEY_SECRET", settings=dev, dev_default="dev") == "dev"
    with pytest.raises(ValueError, match="GC_KEY_SECRET"):
        require_secret(None, name="GC_KEY_SECRET", settings=prod, dev_default="dev")
    with pytest.raises(ValueError):
        require_secret("dev", name="GC_KEY_SECRET", settings=prod, dev_default="dev")
    assert require_secret("s3cr3t-from-vault", name="GC_KEY_SECRET", settings=prod, dev_default="dev")


class Parcel(BaseModel):
    label: str = Field(min_length=1)
    weight_kg: float = Field(gt=0)


def problem_app() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)

    @app.post("/parcels")
    async def create(parcel: Parcel) -> dict:
        if parcel.label == "twice":
            raise Conflict("A parcel with this label is already registered", slug="parcel-exists")
        if parcel.label == "boom":
            raise RuntimeError("secret internals")
        return {"ok": True}

    return app


@pytest.fixture
def client() -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=problem_app(), raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://test")


async def test_invalid_input_is_a_422_problem_listing_each_field(client) -> None:
    response = await client.post("/parcels", json={"label": "", "weight_kg": "heavy"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "urn:green-corridor:problem:validation-error"
    assert {tuple(error["loc"]) for error in body["errors"]} == {("body", "label"), ("body", "weight_kg")}


async def test_malformed_json_is_a_422_problem_not_a_500(client) -> None:
    response = await client.post("/parcels", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422 and response.json()["type"].endswith("validation-error")


async def test_a_domain_conflict_keeps_its_stable_type(client) -> None:
    response = await client.post("/parcels", json={"label": "twice", "weight_kg": 1})
    assert response.status_code == 409
    assert response.json() == {"type": "urn:green-corridor:problem:parcel-exists", "title": "Conflict with the current state",
                               "status": 409, "detail": "A parcel with this label is already registered",
                               "instance": "/parcels"}


async def test_an_unexpected_error_is_a_500_problem_without_internals(client) -> None:
    response = await client.post("/parcels", json={"label": "boom", "weight_kg": 1})
    assert response.status_code == 500
    assert response.json()["type"] == "urn:green-corridor:problem:internal-error"
    assert "secret internals" not in response.text


async def test_a_wrong_method_is_a_405_problem(client) -> None:
    response = await client.delete("/parcels")
    assert response.status_code == 405 and response.json()["type"].endswith("method-not-allowed")
