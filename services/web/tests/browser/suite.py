"""The whole corridor as separate processes for the browser tests: a private Kafka broker, an SMTP
sink, the five services, the web app and the gateway (nginx) in front of it.

Why a private broker rather than the shared one: the services consume with fixed consumer-group names
and follow the one signing-keys topic, so another suite's services on the same broker would take our
events and replace our keys. Everything else is exactly the local run: the same uvicorn commands, the
identity CLI for the first administrator, deploy/gateway/nginx.conf rendered for local ports.
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import socket
import subprocess
import sys
import time
import uuid
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
VENV = ROOT / ".venv" / "bin"
SERVICES = ("identity", "projects", "requests", "sla", "notifications")
ADMIN_EMAIL = "admin@aerlo.example"
PASSWORD = "Corridor-Browser-2026!"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


def _email(who: str) -> str:
    return f"{who}-{uuid.uuid4().hex[:8]}@corridor.example"


def company_numbers() -> tuple[str, str, str]:
    """A fresh INN, OGRN and KPP with valid check digits (each run registers a new company)."""
    rng = random.Random()
    body = f"47{rng.randrange(10**7):07d}"
    inn = body + str(sum(int(d) * w for d, w in zip(body, (2, 4, 10, 3, 5, 9, 4, 6, 8), strict=True)) % 11 % 10)
    first = f"1{rng.randrange(10**11):011d}"
    return inn, first + str(int(first) % 11 % 10), f"{inn[:4]}01001"


@dataclass
class People:
    """Who acts in the story; the investor registers in the browser, the others are invited."""

    agency_head: str = field(default_factory=lambda: _email("head"))
    manager: str = field(default_factory=lambda: _email("manager"))
    operator: str = field(default_factory=lambda: _email("operator"))
    official: str = field(default_factory=lambda: _email("official"))
    investor: str = field(default_factory=lambda: _email("investor"))
    official_invitation: str = ""
    password: str = PASSWORD


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


localgateway = _load("localgateway", ROOT / "deploy" / "gateway" / "localgateway.py")


def http_json(method: str, url: str, body: dict | None = None, *, token: str | None = None,
              form: dict | None = None, timeout: float = 10) -> tuple[int, object]:
    headers = {"Accept": "application/json"}
    data = None
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    elif body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            return error.code, json.loads(raw)
        except ValueError:
            return error.code, raw.decode(errors="replace")
    except (urllib.error.URLError, OSError) as unreachable:
        return 0, str(unreachable)


@dataclass
class Corridor:
    data_dir: Path
    kafka: str
    ports: dict[str, int] = field(default_factory=dict)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}"

    @property
    def gateway(self) -> str:
        return self.url("gateway")

    def env(self, name: str) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if not key.startswith("GC_")}
        return env | {
            "GC_ENVIRONMENT": "test", "GC_DATA_DIR": str(self.data_dir), "GC_LOG_JSON": "false",
            "GC_LOG_LEVEL": "WARNING", "GC_KAFKA_BOOTSTRAP_SERVERS": self.kafka,
            "GC_ARGON2_MEMORY_KIB": "8192", "GC_ARGON2_TIME_COST": "1", "GC_ARGON2_PARALLELISM": "1",
            "GC_SMTP_PORT": str(self.ports["smtp"]), "GC_FEED_KEEPALIVE_SECONDS": "5",
            "GC_CABINET_BASE_URL": self.gateway, "GC_PUBLIC_BASE_URL": self.url("requests"),
            **{f"GC_{service.upper()}_URL": self.url(service) for service in SERVICES},
        }

    def start(self, name: str, command: list[str]) -> None:
        log = open(self.data_dir / f"{name}.log", "ab")
        self.processes[name] = subprocess.Popen(command, cwd=ROOT, env=self.env(name), stdout=log,
                                                stderr=subprocess.STDOUT, start_new_session=True)

    def start_all(self) -> None:
        for name in (*SERVICES, "web", "gateway", "smtp"):
            self.ports[name] = free_port()
        self.identity_cli("load-reference-data")
        self.identity_cli("create-admin", "--email", ADMIN_EMAIL, "--full-name", "Администратор АЭРЛО",
                          "--password", PASSWORD)
        self.start("smtp", [str(VENV / "python"), "-m", "aiosmtpd", "-n", "-l",
                            f"127.0.0.1:{self.ports['smtp']}", "-c", "aiosmtpd.handlers.Sink"])
        for name in (*SERVICES, "web"):
            module = f"corridor_{name}.main:app"
            self.start(name, [str(VENV / "uvicorn"), module, "--factory", "--host", "127.0.0.1",
                              "--port", str(self.ports[name]), "--no-access-log"])
        runtime = self.data_dir / "gateway"
        config = localgateway.write_config(ports={name: self.ports[name] for name in (*SERVICES, "web")},
                                           listen=self.ports["gateway"], runtime_dir=runtime)
        self.start("gateway", localgateway.nginx_command(config, runtime))

    def identity_cli(self, *arguments: str) -> str:
        done = subprocess.run([str(VENV / "corridor-identity"), *arguments], cwd=ROOT, env=self.env("identity"),
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr + done.stdout
        return done.stdout

    def wait_ready(self, timeout: float = 150) -> None:
        deadline = time.monotonic() + timeout
        pending = {*SERVICES, "web"}
        while pending and time.monotonic() < deadline:
            for name, process in self.processes.items():
                assert process.poll() is None, f"{name} exited:\n{self.log_tail(name)}"
            pending = {name for name in pending if http_json("GET", f"{self.url(name)}/readyz", timeout=3)[0] != 200}
            time.sleep(0.5)
        assert not pending, f"not ready: {pending}\n" + "\n".join(self.log_tail(name) for name in pending)
        assert http_json("GET", f"{self.gateway}/gateway/healthz")[0] == 200, self.log_tail("gateway")

    def log_tail(self, name: str, size: int = 3000) -> str:
        path = self.data_dir / f"{name}.log"
        return f"--- {name} ---\n" + (path.read_bytes()[-size:].decode(errors="replace") if path.exists() else "")

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
                process.wait()

    # --- seeding through the identity API, as an administrator would ------------------------------
    def token(self, email: str, password: str = PASSWORD) -> str:
        status, body = http_json("POST", f"{self.url('identity')}/token",
                                 form={"grant_type": "password", "username": email, "password": password})
        assert status == 200, body
        return body["access_token"]

    def organization(self, token: str, *, kind: str, short_code: str | None = None, inn: str | None = None) -> dict:
        status, found = http_json("GET", f"{self.url('identity')}/organizations?kind={kind}&limit=500", token=token)
        assert status == 200, found
        return next(o for o in found if (short_code and o["short_code"] == short_code) or (inn and o["inn"] == inn))

    def invite(self, admin_token: str, *, email: str, organization_id: str, roles: list[str]) -> str:
        status, body = http_json("POST", f"{self.url('identity')}/invitations", token=admin_token,
                                 body={"email": email, "organization_id": organization_id, "roles": roles})
        assert status == 201, body
        return body["token"]

    def accept(self, invitation: str, full_name: str) -> dict:
        status, body = http_json("POST", f"{self.url('identity')}/invitations/accept",
                                 body={"token": invitation, "full_name": full_name, "password": PASSWORD})
        assert status == 201, body
        return body
