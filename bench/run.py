"""One command for the benchmarks: `./corridor bench` (or `.venv/bin/python bench/run.py`).

It starts its own broker, measures the machine's ceilings, and writes the results to
bench/results/<timestamp>.json and a summary to stdout.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import os
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "deploy" / "kafka"))

import ceilings  # noqa: E402
import localkafka  # noqa: E402
from measure import free_port  # noqa: E402


def machine() -> dict:
    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), "?")
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return {"cpus": os.cpu_count(), "cpu": cpu, "memory_mib": int(memory) // 1024 if memory != "?" else None,
            "python": platform.python_version(), "kernel": platform.release()}


async def measure(args: argparse.Namespace, bootstrap: str, data_dir: Path) -> dict:
    results: dict = {"machine": machine(), "started_at": datetime.now(timezone.utc).isoformat()}
    results["kafka_ceiling"] = await ceilings.kafka_round_trips(
        bootstrap, messages=args.messages, concurrency=args.concurrency)
    server, port = ceilings.bare_insert_server(f"sqlite+aiosqlite:///{data_dir / 'ceiling.db'}")
    try:
        results["http_insert_ceiling"] = await ceilings.http_inserts(
            port, requests=args.messages, concurrency=args.concurrency)
    finally:
        server.terminate()
        server.wait()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gc-bench-") as tmp:
        data_dir = Path(tmp)
        broker = localkafka.LocalKafka(data_dir / "kafka", port=free_port())
        with open(data_dir / "broker.out", "wb") as log:
            broker.start(stdout=log)
            try:
                results = asyncio.run(measure(args, broker.bootstrap_servers, data_dir))
            finally:
                broker.stop()
    out = HERE / "results" / f"{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(json.dumps(results, indent=2, ensure_ascii=False))
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
