"""The gateway (deploy/gateway/nginx.conf): nginx's own validator accepts it, it routes / to the web
app and /api/<service>/ to every service with the prefix stripped, and docker-compose runs it.

`nginx -t` is run on the file as docker-compose mounts it (its upstreams are resolved at request time,
so the test needs no compose network) and on the local variant that the local run and the browser
tests use. The routing itself is exercised through a running gateway here (metrics kept private) and in
services/web/tests/browser.
"""

from __future__ import annotations

import http.server
import importlib.util
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "deploy" / "gateway" / "nginx.conf"
SERVICES = sorted(p.name for p in (ROOT / "services").iterdir() if (p / "alembic.ini").exists())
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def _localgateway():
    spec = importlib.util.spec_from_file_location("localgateway", ROOT / "deploy" / "gateway" / "localgateway.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("localgateway", module)
    spec.loader.exec_module(module)
    return module


def nginx_test(config: Path, prefix: Path) -> subprocess.CompletedProcess:
    assert Path(NGINX).exists(), "nginx is needed to validate the gateway: apt-get install nginx (.ci/run does)"
    return subprocess.run([NGINX, "-t", "-c", str(config), "-p", str(prefix), "-e", "stderr"],
                          capture_output=True, text=True, timeout=30)


def test_nginx_accepts_the_gateway_config_as_compose_mounts_it(tmp_path: Path) -> None:
    checked = nginx_test(CONFIG, tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr


def test_nginx_accepts_the_local_variant_and_only_addresses_and_paths_differ(tmp_path: Path) -> None:
    local = _localgateway()
    ports = {name: 9000 + index for index, name in enumerate(["web", *SERVICES])}
    config = local.write_config(ports=ports, listen=9100, runtime_dir=tmp_path)
    checked = nginx_test(config, tmp_path)
    assert checked.returncode == 0, checked.stderr
    text = config.read_text()
    for name, port in ports.items():
        assert f"set $upstream_{name} http://127.0.0.1:{port};" in text
    assert "listen 127.0.0.1:9100;" in text and str(tmp_path) in text
    routing = [line for line in text.splitlines() if "location" in line or "rewrite" in line or "proxy_pass" in line]
    original = [line for line in CONFIG.read_text().splitlines()
                if "location" in line or "rewrite" in line or "proxy_pass" in line]
    assert routing == original


def test_every_service_api_is_routed_with_its_prefix_stripped_and_the_rest_goes_to_the_web_app() -> None:
    text = CONFIG.read_text()
    for service in SERVICES:
        block = re.search(rf"location /api/{service}/ \{{(.*?)\}}", text, re.DOTALL)
        assert block, f"no route for /api/{service}/"
        assert f"rewrite ^/api/{service}/(.*)$ /$1 break;" in block[1]
        assert f"proxy_pass $upstream_{service};" in block[1]
        assert f"set $upstream_{service} http://{service}:8000;" in text
    assert re.search(r"location / \{\s*proxy_pass \$upstream_web;", text)
    assert "client_max_body_size 25m;" in text  # documents up to 20 MiB plus the multipart envelope


def test_server_sent_events_pass_unbuffered_with_long_reads() -> None:
    text = CONFIG.read_text()
    for path in ("/notifications/stream", "/api/notifications/feed/stream"):
        block = re.search(rf"location = {re.escape(path)} \{{(.*?)\}}", text, re.DOTALL)
        assert block and "proxy_buffering off;" in block[1] and "proxy_read_timeout 1h;" in block[1], path


def test_docker_compose_runs_the_gateway_with_this_config_in_front_of_the_web_app() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    gateway = compose["services"]["gateway"]
    assert gateway["image"].startswith("nginx:")
    assert "./deploy/gateway/nginx.conf:/etc/nginx/nginx.conf:ro" in gateway["volumes"]
    assert gateway["ports"] == ["8080:8080"] and "web" in gateway["depends_on"]
    assert "ports" not in compose["services"]["web"]  # the cabinets are reached through the gateway only


def test_metrics_are_not_served_to_the_public_but_the_apis_are(tmp_path: Path) -> None:
    """Through a running gateway whose upstreams all answer 200: only the metrics paths are refused."""
    local = _localgateway()

    class Upstream(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the standard library's name
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(f"upstream saw {self.path}".encode())

        def log_message(self, *_args) -> None:
            pass

    upstream = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        listen = probe.getsockname()[1]
    config = local.write_config(ports={name: upstream.server_port for name in ["web", *SERVICES]},
                                listen=listen, runtime_dir=tmp_path)
    gateway = subprocess.Popen(local.nginx_command(config, tmp_path), stderr=subprocess.PIPE)
    try:
        def status(path: str) -> tuple[int, str]:
            for _ in range(100):
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{listen}{path}", timeout=5) as answer:
                        return answer.status, answer.read().decode()
                except urllib.error.HTTPError as refused:
                    return refused.code, ""
                except urllib.error.URLError:
                    time.sleep(0.05)  # nginx is still starting
            raise AssertionError("the gateway never answered")

        assert status("/metrics")[0] == 404
        for service in SERVICES:
            assert status(f"/api/{service}/metrics")[0] == 404
            assert status(f"/api/{service}/healthz") == (200, "upstream saw /healthz")
        assert status("/projects/1") == (200, "upstream saw /projects/1")
    finally:
        gateway.terminate()
        gateway.wait(timeout=10)
        upstream.shutdown()
