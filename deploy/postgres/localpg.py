"""Run a throwaway PostgreSQL server from the Debian packages, for tests and the optional bench.

Why: the suite tests every store on PostgreSQL as well as SQLite, and this machine class has no
Docker engine. The server binaries come from Debian's `postgresql` package; the cluster lives in a
temporary directory, listens on loopback at a free port, and is removed on stop. As root, the server
runs as the `postgres` user the package creates (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def find_bin_dir() -> Path | None:
    configured = os.environ.get("GC_PG_BIN")
    candidates = [configured] if configured else sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").exists():
            return Path(candidate)
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LocalPostgres:
    def __init__(self, bin_dir: Path | None = None, port: int | None = None) -> None:
        found = bin_dir or find_bin_dir()
        if found is None:
            raise RuntimeError("PostgreSQL server binaries not found: apt-get install postgresql "
                               "(or set GC_PG_BIN, or GC_TEST_POSTGRES_URL to an existing server)")
        self.bin_dir = found
        self.port = port or _free_port()
        self.root = Path(tempfile.mkdtemp(prefix="gc-pg-"))
        self.data = self.root / "data"
        self.user = "postgres" if os.geteuid() == 0 else None

    def _run_as(self) -> list[str]:
        return ["runuser", "-u", self.user, "--"] if self.user else []

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/postgres"

    def url_for(self, database: str) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/{database}"

    def start(self, timeout: float = 60.0) -> "LocalPostgres":
        if self.user:
            shutil.chown(self.root, self.user, self.user)
        subprocess.run([*self._run_as(), str(self.bin_dir / "initdb"), "-D", str(self.data), "-U", "postgres",
                        "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
                       check=True, stdout=subprocess.DEVNULL)
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                   f"-c synchronous_commit=off -c full_page_writes=off -c max_connections=300")
        subprocess.run([*self._run_as(), str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-o", options,
                        "-l", str(self.root / "server.log"), "-w", "-t", str(int(timeout)), "start"],
                       check=True, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                time.sleep(0.2)
        raise TimeoutError("PostgreSQL did not start")

    def create_database(self, name: str) -> str:
        subprocess.run([str(self.bin_dir / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                        "-q", "-c", f'CREATE DATABASE "{name}"'], check=True, stdout=subprocess.DEVNULL)
        return self.url_for(name)

    def stop(self) -> None:
        subprocess.run([*self._run_as(), str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "fast",
                        "-w", "stop"], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(self.root, ignore_errors=True)
