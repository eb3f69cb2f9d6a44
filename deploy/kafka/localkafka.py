"""Run a real single-node Apache Kafka broker (KRaft) from Maven Central jars.

Why: this machine class has Java and Maven but no Docker engine. The local run (Procfile), the test
fixtures and CI all start the broker through this one launcher, so there is exactly one way the broker
is configured. Standard library only, so it works before any virtualenv exists.

    python deploy/kafka/localkafka.py fetch                 # resolve the jars into the cache once
    python deploy/kafka/localkafka.py run   [--port 9092]   # foreground; Ctrl-C / SIGTERM stops it
    python deploy/kafka/localkafka.py start [--port 9092]   # background; prints the bootstrap address
    python deploy/kafka/localkafka.py stop                  # stops a background broker

Secured mode (for tests of Kafka ACLs): `LocalKafka(..., scram_users={"admin": "…", "supplier-x": "…"},
acls=True)` serves clients on a SASL_PLAINTEXT listener with SCRAM-SHA-512 users created at format time,
authorises with the KRaft StandardAuthorizer (the first user, or `super_user`, is a super user), and
`add_acls(...)` runs Kafka's own AclCommand against it. `client_options(user)` gives aiokafka's arguments.
"""

from __future__ import annotations

import argparse
import base64
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
POM = HERE / "pom.xml"
REPO_ROOT = HERE.parent.parent
CACHE_ROOT = Path(os.environ.get("GC_CACHE_DIR", Path.home() / ".cache" / "green-corridor"))

LOG4J2 = """\
status = warn
appender.out.type = Console
appender.out.name = out
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [kafka %d{HH:mm:ss}] %p %c{1} - %m%n
rootLogger.level = {level}
rootLogger.appenderRef.out.ref = out
logger.kafka.name = kafka
logger.kafka.level = {level}
logger.state.name = state.change.logger
logger.state.level = warn
"""


def kafka_version() -> str:
    match = re.search(r"<kafka\.version>([^<]+)</kafka\.version>", POM.read_text())
    if not match:
        raise SystemExit(f"{POM} does not pin <kafka.version>")
    return match.group(1)


def resolve_jars() -> Path:
    """Copy the broker's runtime classpath from Maven Central into the cache (once per version)."""
    libs = CACHE_ROOT / f"kafka-{kafka_version()}" / "libs"
    done = libs / ".complete"
    if done.exists():
        return libs
    if shutil.which("mvn") is None:
        raise SystemExit("Maven (mvn) is needed once to fetch the Kafka jars; install it and retry")
    partial = libs.with_name("libs.partial")
    shutil.rmtree(partial, ignore_errors=True)
    print(f"[localkafka] resolving Apache Kafka {kafka_version()} jars into {libs} ...", flush=True)
    subprocess.run(
        ["mvn", "-q", "-B", "-f", str(POM), "dependency:copy-dependencies",
         f"-DoutputDirectory={partial}", "-DincludeScope=runtime"],
        check=True,
    )
    shutil.rmtree(libs, ignore_errors=True)
    partial.rename(libs)
    done.touch()
    return libs


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def metadata_answers(host: str, port: int, timeout: float = 2.0) -> bool:
    """Send a Kafka Metadata v4 request and check that a broker list comes back."""
    client_id = b"localkafka"
    body = struct.pack(">hhih", 3, 4, 7, len(client_id)) + client_id + struct.pack(">i?", -1, False)
    response = _exchange(host, port, body, timeout)
    if response is None:
        return False
    correlation_id, _throttle, brokers = struct.unpack(">iii", response[:12])
    return correlation_id == 7 and brokers >= 1


def api_versions_answers(host: str, port: int, timeout: float = 2.0) -> bool:
    """Send an ApiVersions v0 request, which a SASL listener answers before authentication."""
    client_id = b"localkafka"
    response = _exchange(host, port, struct.pack(">hhih", 18, 0, 9, len(client_id)) + client_id, timeout)
    if response is None:
        return False
    correlation_id, error_code = struct.unpack(">ih", response[:6])
    return correlation_id == 9 and error_code == 0


def _exchange(host: str, port: int, body: bytes, timeout: float) -> bytes | None:
    """One size-prefixed request and its response, or None if the broker does not answer."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.sendall(struct.pack(">i", len(body)) + body)
            size = struct.unpack(">i", _read_exactly(sock, 4))[0]
            return _read_exactly(sock, size)
    except OSError:
        return None


def _read_exactly(sock: socket.socket, size: int) -> bytes:
    chunks = b""
    while len(chunks) < size:
        chunk = sock.recv(size - len(chunks))
        if not chunk:
            raise OSError("connection closed")
        chunks += chunk
    return chunks


class LocalKafka:
    """One broker process with its data directory; `start()` returns once it answers metadata."""

    def __init__(self, data_dir: Path, port: int = 9092, controller_port: int | None = None,
                 log_level: str = "WARN", *, scram_users: dict[str, str] | None = None, acls: bool = False,
                 super_user: str | None = None) -> None:
        self.data_dir = Path(data_dir).resolve()
        self.port = port
        self.controller_port = controller_port or free_port()
        self.log_level = log_level
        self.process: subprocess.Popen[bytes] | None = None
        self.scram_users = dict(scram_users or {})
        self.acls = acls
        self.super_user = super_user or next(iter(self.scram_users), None)
        if acls and not self.scram_users:
            raise ValueError("ACLs need authenticated principals: pass scram_users")
        if self.super_user is not None and self.super_user not in self.scram_users:
            raise ValueError(f"the super user {self.super_user!r} must be one of scram_users")

    @property
    def secured(self) -> bool:
        return bool(self.scram_users)

    def client_options(self, user: str | None = None) -> dict[str, object]:
        """aiokafka keyword arguments for connecting, as `user` when the broker is secured."""
        options: dict[str, object] = {"bootstrap_servers": self.bootstrap_servers}
        if self.secured:
            user = user or self.super_user
            options |= {"security_protocol": "SASL_PLAINTEXT", "sasl_mechanism": "SCRAM-SHA-512",
                        "sasl_plain_username": user, "sasl_plain_password": self.scram_users[user]}
        return options

    @property
    def bootstrap_servers(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def pid_file(self) -> Path:
        return self.data_dir / "broker.pid"

    def _write_config(self) -> Path:
        logs = self.data_dir / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        config = self.data_dir / "server.properties"
        listener = "SASL_PLAINTEXT" if self.secured else "PLAINTEXT"
        config.write_text("\n".join([
            "process.roles=broker,controller",
            "node.id=1",
            f"controller.quorum.voters=1@127.0.0.1:{self.controller_port}",
            f"listeners={listener}://127.0.0.1:{self.port},CONTROLLER://127.0.0.1:{self.controller_port}",
            f"advertised.listeners={listener}://127.0.0.1:{self.port}",
            "controller.listener.names=CONTROLLER",
            f"inter.broker.listener.name={listener}",
            f"listener.security.protocol.map=CONTROLLER:PLAINTEXT,{listener}:{listener}",
            *self._security_config(),
            f"log.dirs={logs}",
            "num.partitions=3",
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=5",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            # One node has nobody to hand leadership to; a controlled shutdown only waits.
            "controlled.shutdown.enable=false",
            "auto.create.topics.enable=true",
            "",
        ]))
        (self.data_dir / "log4j2.properties").write_text(LOG4J2.replace("{level}", self.log_level))
        return config

    def _security_config(self) -> list[str]:
        if not self.secured:
            return []
        admin, password = self.super_user, self.scram_users[self.super_user]
        lines = [
            "sasl.enabled.mechanisms=SCRAM-SHA-512",
            "sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512",
            "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config="
            "org.apache.kafka.common.security.scram.ScramLoginModule required "
            f'username="{admin}" password="{password}";',
        ]
        if self.acls:
            # The controller listener is plaintext on loopback; its peer (this same node) is User:ANONYMOUS.
            lines += ["authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                      f"super.users=User:{admin};User:ANONYMOUS", "allow.everyone.if.no.acl.found=false"]
        return lines

    def _admin_properties(self) -> Path:
        path = self.data_dir / "admin.properties"
        path.write_text("\n".join([
            "security.protocol=SASL_PLAINTEXT", "sasl.mechanism=SCRAM-SHA-512",
            "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required "
            f'username="{self.super_user}" password="{self.scram_users[self.super_user]}";', ""]))
        return path

    def add_acls(self, *arguments: str) -> None:
        """`kafka-acls --add <arguments>` as the super user, e.g. ("--allow-principal", "User:x", ...)."""
        if not self.acls:
            raise RuntimeError("this broker was started without ACLs")
        subprocess.run(
            self._java(resolve_jars(), "org.apache.kafka.tools.AclCommand", "--bootstrap-server",
                       self.bootstrap_servers, "--command-config", str(self._admin_properties()), "--add",
                       *arguments),
            check=True, stdout=subprocess.DEVNULL)

    def _java(self, libs: Path, main: str, *args: str) -> list[str]:
        return [
            os.environ.get("JAVA", "java"), "-Xms256m", "-Xmx768m", "-XX:+UseG1GC",
            "-Djava.awt.headless=true",
            f"-Dlog4j2.configurationFile={self.data_dir / 'log4j2.properties'}",
            "-cp", f"{libs}/*", main, *args,
        ]

    def _format_storage(self, libs: Path, config: Path) -> None:
        if (self.data_dir / "logs" / "meta.properties").exists():
            return
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        scram = [argument for user, password in self.scram_users.items()
                 for argument in ("--add-scram", f"SCRAM-SHA-512=[name={user},password={password}]")]
        subprocess.run(
            self._java(libs, "kafka.tools.StorageTool", "format", "-t", cluster_id, "-c", str(config), *scram),
            check=True, stdout=subprocess.DEVNULL,
        )

    def start(self, timeout: float = 90.0, stdout=None) -> "LocalKafka":
        libs = resolve_jars()
        config = self._write_config()
        self._format_storage(libs, config)
        self.process = subprocess.Popen(
            self._java(libs, "kafka.Kafka", str(config)), stdout=stdout, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.pid_file.write_text(str(self.process.pid))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Kafka exited with {self.process.returncode} during start-up")
            answers = api_versions_answers if self.secured else metadata_answers
            if answers("127.0.0.1", self.port):
                return self
            time.sleep(0.3)
        self.stop()
        raise TimeoutError(f"Kafka did not answer metadata on {self.bootstrap_servers} in {timeout}s")

    def stop(self, timeout: float = 30.0) -> None:
        if self.process is not None:
            # Our own child: wait on it (a polled pid would stay alive as a zombie until reaped).
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        elif (pid := _read_pid(self.pid_file)) is not None:
            _terminate(pid, timeout)
        self.pid_file.unlink(missing_ok=True)

    def kill(self) -> None:
        """SIGKILL, as a crash would: for fault-injection tests."""
        if self.process:
            self.process.kill()
            self.process.wait()


def _read_pid(pid_file: Path) -> int | None:
    try:
        return int(pid_file.read_text())
    except (OSError, ValueError):
        return None


def _terminate(pid: int, timeout: float) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.kill(pid, signal.SIGKILL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["fetch", "run", "start", "stop"])
    parser.add_argument("--port", type=int, default=int(os.environ.get("KAFKA_PORT", 9092)))
    parser.add_argument("--controller-port", type=int, default=int(os.environ.get("KAFKA_CONTROLLER_PORT", 9093)))
    parser.add_argument("--data-dir", type=Path, default=REPO_ROOT / "var" / "kafka")
    parser.add_argument("--log-level", default=os.environ.get("KAFKA_LOG_LEVEL", "WARN"))
    args = parser.parse_args(argv)

    if args.command == "fetch":
        print(resolve_jars())
        return 0
    broker = LocalKafka(args.data_dir, args.port, args.controller_port, args.log_level)
    if args.command == "stop":
        broker.stop()
        return 0
    if args.command == "start":
        with open(args.data_dir / "broker.out", "ab") if args.data_dir.exists() else _opened(args.data_dir) as out:
            broker.start(stdout=out)
        print(broker.bootstrap_servers)
        return 0
    # run: foreground, for a process runner; the broker's own log goes to our stdout
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        broker.start(stdout=None)
        print(f"[localkafka] Apache Kafka {kafka_version()} ready on {broker.bootstrap_servers}", flush=True)
        broker.process.wait()
        return broker.process.returncode
    except KeyboardInterrupt:
        broker.stop()
        return 0


def _opened(data_dir: Path):
    data_dir.mkdir(parents=True, exist_ok=True)
    return open(data_dir / "broker.out", "ab")


if __name__ == "__main__":
    sys.exit(main())
