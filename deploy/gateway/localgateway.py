#!/usr/bin/env python3
"""Run the gateway of deploy/gateway/nginx.conf on this machine, in front of the local run's ports.

Standard library only. The production config addresses the services by their docker-compose names;
this renders the same file with each `set $upstream_<name>` pointed at 127.0.0.1:<port>, its listen
port, pid and temporary paths moved into a runtime directory, and runs nginx in the foreground.
The browser tests use `render` to put their services behind the very same routing.

    python3 deploy/gateway/localgateway.py run [--port 8000] [--runtime-dir var/gateway]

Ports come from the same variables as the Procfile (WEB_PORT, IDENTITY_PORT, …). Without nginx
installed it says so and waits, so that the rest of the local run keeps going.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "nginx.conf"
DEFAULT_PORTS = {"web": 8080, "identity": 8001, "projects": 8002, "requests": 8003, "sla": 8004,
                 "notifications": 8005}
UPSTREAM = re.compile(r"set \$upstream_(\w+) http://[\w.-]+:\d+;")


def render(template: str, *, ports: dict[str, int], listen: int, runtime_dir: Path, host: str = "127.0.0.1") -> str:
    """The config with upstreams on `host:<port>`, listening on `listen`, writing only under runtime_dir."""
    missing = set(UPSTREAM.findall(template)) - set(ports)
    if missing:
        raise ValueError(f"no port for {sorted(missing)}")
    text = UPSTREAM.sub(lambda m: f"set $upstream_{m[1]} http://{host}:{ports[m[1]]};", template)
    text = re.sub(r"listen \d+;", f"listen {host}:{listen};", text)
    text = re.sub(r"^pid .*;$", f"pid {runtime_dir / 'nginx.pid'};", text, flags=re.MULTILINE)
    text = re.sub(r"(\w+_temp_path) /tmp/gc-gateway-(\w+);", lambda m: f"{m[1]} {runtime_dir / m[2]};", text)
    return text


def ports_from_environment() -> dict[str, int]:
    return {name: int(os.environ.get(f"{name.upper()}_PORT", default)) for name, default in DEFAULT_PORTS.items()}


def write_config(*, ports: dict[str, int], listen: int, runtime_dir: Path) -> Path:
    runtime_dir.mkdir(parents=True, exist_ok=True)
    config = runtime_dir / "nginx.conf"
    config.write_text(render(TEMPLATE.read_text(), ports=ports, listen=listen, runtime_dir=runtime_dir.resolve()))
    return config


def nginx_command(config: Path, runtime_dir: Path) -> list[str]:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    return [nginx, "-c", str(config), "-p", str(runtime_dir), "-e", "stderr", "-g", "daemon off;"]


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def idle(reason: str) -> None:
    """Say why there is no gateway and wait for Ctrl-C, so that the rest of the local run keeps going."""
    print(f"gateway: {reason}", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        signal.pause()
    except KeyboardInterrupt:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["run", "render"])
    parser.add_argument("--port", type=int, default=int(os.environ.get("GATEWAY_PORT", 8000)))
    parser.add_argument("--runtime-dir", type=Path,
                        default=Path(os.environ.get("GC_DATA_DIR", "var")) / "gateway")
    args = parser.parse_args()
    runtime_dir = args.runtime_dir.resolve()
    config = write_config(ports=ports_from_environment(), listen=args.port, runtime_dir=runtime_dir)
    if args.command == "render":
        print(config)
        return
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        return idle("nginx is not installed (apt-get install nginx); the cabinets are at the web port")
    if not port_is_free(args.port):
        return idle(f"port {args.port} is taken; set GATEWAY_PORT to run the gateway")
    print(f"gateway: http://127.0.0.1:{args.port}/ (config {config})", flush=True)
    command = nginx_command(config, runtime_dir)
    os.execv(command[0], command)


if __name__ == "__main__":
    sys.exit(main())
