"""The whole corridor as separate OS processes on free ports: broker, SMTP sink and the five services.

Why: the end-to-end test, the fault-injection suite and the benchmark all need the suite exactly as it
runs in production, one process per service, so that one can be killed with SIGKILL and started again
on the same store and environment while the others carry on, and the broker can die and come back
on the same data directory. Standard library plus the project's own launchers (deploy/kafka,
deploy/postgres); the SMTP sink is the Procfile's (aiosmtpd writing a Maildir).
"""

from __future__ import annotations

import mailbox
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Mapping
from email.header import decode_header, make_header
from email.message import Message
from pathlib import Path

from bench.measure import free_port, peak_rss_mib

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ("identity", "projects", "requests", "sla", "notifications")
sys.path.insert(0, str(ROOT / "deploy" / "kafka"))
sys.path.insert(0, str(ROOT / "deploy" / "postgres"))
import localkafka  # noqa: E402


def http_ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


class Process:
    """One child process with a log file; SIGKILL, SIGTERM and start again with the same command."""

    def __init__(self, name: str, command: list[str], *, env: Mapping[str, str], log_dir: Path,
                 cwd: Path = ROOT) -> None:
        self.name, self.command, self.env, self.cwd = name, command, dict(env), cwd
        self.log_path = log_dir / f"{name}.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0
        self.peak_rss_mib = 0.0  # the highest VmHWM of any incarnation

    def start(self) -> None:
        self.starts += 1
        with open(self.log_path, "ab") as log:
            log.write(f"\n===== start #{self.starts} at {time.strftime('%H:%M:%S')} =====\n".encode())
            log.flush()
            self.process = subprocess.Popen(self.command, env=self.env, cwd=self.cwd, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def sample_memory(self) -> float:
        if self.running and (rss := peak_rss_mib(self.process.pid)) is not None:
            self.peak_rss_mib = max(self.peak_rss_mib, rss)
        return self.peak_rss_mib

    def kill(self) -> None:
        """SIGKILL the whole process group, as a crash (or the OOM killer) would."""
        if self.running:
            self.sample_memory()
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self, timeout: float = 30.0) -> None:
        if self.running:
            self.sample_memory()
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()

    def tail(self, characters: int = 3000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-characters:]
        except OSError:
            return ""


class Service(Process):
    def __init__(self, name: str, *, port: int, env: Mapping[str, str], log_dir: Path) -> None:
        command = [sys.executable, "-m", "uvicorn", f"corridor_{name}.main:app", "--factory", "--host", "127.0.0.1",
                   "--port", str(port), "--no-access-log"]
        super().__init__(name, command, env=env, log_dir=log_dir)
        self.port = port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def ready(self) -> bool:
        return self.running and http_ready(f"{self.url}/readyz")


class Suite:
    """Broker, SMTP sink and services in `workdir`; `start()` returns when every service is ready.

    `database_urls` (service → URL) puts the stores on PostgreSQL; by default each is a SQLite file in
    `workdir`, as in the local run. `env` adds GC_* settings for every service, `service_env` per service.
    """

    def __init__(self, workdir: Path, *, env: Mapping[str, str] | None = None,
                 service_env: Mapping[str, Mapping[str, str]] | None = None,
                 database_urls: Mapping[str, str] | None = None, services: Iterable[str] = SERVICES) -> None:
        self.workdir = Path(workdir).resolve()
        self.logs = self.workdir / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.maildir = self.workdir / "mail"
        self._mails: dict[str, Message] = {}
        self.broker = localkafka.LocalKafka(self.workdir / "kafka", port=free_port(), controller_port=free_port())
        self.smtp_port = free_port()
        base = {key: value for key, value in os.environ.items() if not key.startswith("GC_")}
        base |= {"GC_DATA_DIR": str(self.workdir), "GC_KAFKA_BOOTSTRAP_SERVERS": self.broker.bootstrap_servers,
                 "GC_SMTP_HOST": "127.0.0.1", "GC_SMTP_PORT": str(self.smtp_port), "PYTHONUNBUFFERED": "1",
                 **(env or {})}
        self.mail = Process("mail", [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.smtp_port}",
                                     "-c", "aiosmtpd.handlers.Mailbox", str(self.maildir)], env=base, log_dir=self.logs)
        self.services: dict[str, Service] = {}
        self.suppliers: dict[str, Process] = {}
        for name in services:
            port = free_port()
            own = {"GC_PUBLIC_BASE_URL": f"http://127.0.0.1:{port}", **(service_env or {}).get(name, {})}
            if database_urls and name in database_urls:
                own["GC_DATABASE_URL"] = database_urls[name]
            self.services[name] = Service(name, port=port, env=base | own, log_dir=self.logs)

    # --- the whole suite ---------------------------------------------------------------------------
    def start(self, timeout: float = 180.0) -> "Suite":
        if not (self.broker.process and self.broker.process.poll() is None):
            self.start_broker()
        for part in ("cur", "new", "tmp"):  # a Maildir; aiosmtpd makes them only if the folder is new
            (self.maildir / part).mkdir(parents=True, exist_ok=True)
        self.mail.start()
        _wait_port(self.smtp_port, timeout=30)
        for service in self.services.values():
            service.start()
        self.wait_ready(timeout=timeout)
        return self

    def stop(self) -> None:
        for process in (*self.suppliers.values(), *self.services.values()):
            process.stop()
        self.mail.stop()
        self.broker.stop()

    def wait_ready(self, *names: str, timeout: float = 180.0) -> None:
        waiting = [self.services[name] for name in names or self.services]
        deadline = time.monotonic() + timeout
        while waiting and time.monotonic() < deadline:
            for service in waiting:
                if not service.running:
                    raise RuntimeError(f"{service.name} exited with {service.process.returncode}:\n{service.tail()}")
            waiting = [service for service in waiting if not service.ready()]
            time.sleep(0.3)
        if waiting:
            names = ", ".join(service.name for service in waiting)
            raise TimeoutError(f"not ready after {timeout:.0f}s: {names}\n" + "\n".join(
                f"--- {service.name}\n{service.tail()}" for service in waiting))

    def url(self, service: str) -> str:
        return self.services[service].url

    def __getitem__(self, service: str) -> Service:
        return self.services[service]

    def start_supplier(self, short_code: str, *, client_id: str, client_secret: str,
                       organization_id: str) -> Process:
        """The example supplier adapter (examples/supplier_adapter.py) as that supplier's system."""
        adapter = Process(f"supplier-{short_code}", [
            sys.executable, str(ROOT / "examples" / "supplier_adapter.py"), "--bootstrap", self.broker.bootstrap_servers,
            "--short-code", short_code, "--organization-id", organization_id, "--client-id", client_id,
            "--client-secret", client_secret, "--identity-url", self.url("identity")],
            env=self.mail.env, log_dir=self.logs)
        adapter.start()
        self.suppliers[short_code] = adapter
        return adapter

    # --- faults ------------------------------------------------------------------------------------
    def kill(self, service: str) -> None:
        self.services[service].kill()

    def restart(self, service: str, *, env: Mapping[str, str] | None = None, timeout: float = 180.0) -> None:
        """Start a killed (or stopped) service again on the same store, optionally with changed settings."""
        target = self.services[service]
        target.stop()
        target.env |= dict(env or {})
        target.start()
        self.wait_ready(service, timeout=timeout)

    def start_broker(self) -> None:
        with open(self.logs / "kafka.log", "ab") as log:
            self.broker.start(stdout=log)

    def kill_broker(self) -> None:
        self.broker.kill()

    # --- what it did ---------------------------------------------------------------------------------
    def peak_memory_mib(self) -> dict[str, float]:
        processes = {**self.services, "mail": self.mail}
        memory = {name: round(process.sample_memory(), 1) for name, process in processes.items()}
        if self.broker.process and (rss := peak_rss_mib(self.broker.process.pid)) is not None:
            memory["kafka"] = round(rss, 1)
        return memory

    def mails(self) -> list[Message]:
        """Every e-mail the sink received, in the order the sink stored them (each file parsed once)."""
        box = mailbox.Maildir(self.maildir, create=False)
        for key in box.keys():
            if key not in self._mails:
                self._mails[key] = box.get_message(key)
        return list(self._mails.values())

    def mails_to(self, address: str) -> list[Message]:
        return [m for m in self.mails() if address.lower() in str(m.get("To", "")).lower()]


def subject_of(message: Message) -> str:
    return str(make_header(decode_header(message.get("Subject", ""))))


def body_of(message: Message) -> str:
    """The plain-text part, decoded."""
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8", errors="replace")
    return ""


def _wait_port(port: int, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on {port}")
