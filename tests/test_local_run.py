"""The README's local run: honcho starts the broker, the SMTP sink and all five services; Ctrl-C stops all."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ["identity", "projects", "requests", "sla", "notifications"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ready(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.mark.kafka
def test_the_local_run_brings_every_service_up_and_ctrl_c_stops_everything(tmp_path: Path) -> None:
    kafka_port = free_port()
    ports = {service: free_port() for service in SERVICES}
    env = {
        **os.environ,
        "KAFKA_PORT": str(kafka_port), "KAFKA_CONTROLLER_PORT": str(free_port()), "SMTP_PORT": str(free_port()),
        "GC_DATA_DIR": str(tmp_path), "GC_KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{kafka_port}",
        **{f"{service.upper()}_PORT": str(port) for service, port in ports.items()},
    }
    env.pop("GC_DATABASE_URL", None)
    (tmp_path / "mail").mkdir()
    runner = subprocess.Popen([str(ROOT / ".venv/bin/honcho"), "start", "-f", "Procfile", "--no-prefix"], cwd=ROOT,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not all(ready(port) for port in ports.values()):
            assert runner.poll() is None, runner.stdout.read().decode(errors="replace")[-4000:]
            time.sleep(0.5)
        assert {service: ready(port) for service, port in ports.items()} == {service: True for service in SERVICES}
        assert all((tmp_path / f"{service}.db").exists() for service in SERVICES), "each service has its own store"
    finally:
        runner.send_signal(signal.SIGINT)
        try:
            runner.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(runner.pid, signal.SIGKILL)
            raise
    leftovers = subprocess.run(["pgrep", "-f", str(tmp_path)], capture_output=True, text=True).stdout.split()
    assert leftovers == [], "Ctrl-C left processes running"
    assert not any(ready(port) for port in ports.values())
