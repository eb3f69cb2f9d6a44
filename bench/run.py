"""One command for the benchmark: `./corridor bench` (or `.venv/bin/python -m bench.run`).

    ./corridor bench                       # SQLite stores (the embedded defaults), 16 clients for 60 s
    ./corridor bench --postgres            # the five stores on a throwaway PostgreSQL server
    ./corridor bench --clients 8 --seconds 30

In one run, on one broker it starts itself: first the machine's ceilings (raw aiokafka produce→consume
round trips; a bare FastAPI endpoint doing one INSERT into the same kind of store), then the suite as
separate processes on the same broker, seeded with the demo region's directory and CLIENTS investors,
under a sustained load of request submissions. It prints accepted requests per second, latency
percentiles from submission to the supplier's topic, to the SLA clock's start and to the e-mail
notification, each process's peak memory, and the ratios of our figures to the ceilings; the whole
result goes to bench/results/<timestamp>.json (and a Markdown summary beside it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench import ceilings  # noqa: E402
from bench.corridor import measure_suite  # noqa: E402
from bench.load import prepare_clients  # noqa: E402
from bench.observe import TopicWatch  # noqa: E402
from bench.report import markdown_summary, ratios  # noqa: E402
from bench.suite import SERVICES, Suite  # noqa: E402
from demo.client import Corridor  # noqa: E402
from demo.loader import load_directory  # noqa: E402

sys.path.insert(0, str(ROOT / "deploy" / "postgres"))
import localpg  # noqa: E402


def machine() -> dict:
    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), "?")
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return {"cpus": os.cpu_count(), "cpu": cpu, "memory_mib": int(memory) // 1024 if memory != "?" else None,
            "python": platform.python_version(), "kernel": platform.release()}


async def measure(args: argparse.Namespace, suite: Suite, store_url: str) -> dict:
    results: dict = {"machine": machine(), "started_at": datetime.now(timezone.utc).isoformat(),
                     "store": "postgresql" if args.postgres else "sqlite", "settings": vars(args)}
    bootstrap = suite.broker.bootstrap_servers
    print(f"ceilings: {args.messages} Kafka round trips, {args.messages} bare inserts, {args.clients} at a time")
    results["kafka_ceiling"] = await ceilings.kafka_round_trips(bootstrap, messages=args.messages,
                                                                concurrency=args.clients)
    server, port = ceilings.bare_insert_server(store_url)
    try:
        results["http_insert_ceiling"] = await ceilings.http_inserts(port, requests=args.messages,
                                                                     concurrency=args.clients)
    finally:
        server.terminate()
        server.wait()

    print("starting the suite: broker, SMTP sink, five services …")
    await asyncio.to_thread(suite.start)
    async with Corridor({name: service.url for name, service in suite.services.items()}) as corridor:
        region = await load_directory(corridor, identity_env=suite["identity"].env)
        clients = await prepare_clients(corridor, region, args.clients, tag="bench")
        watch = await TopicWatch(bootstrap, pattern=r"^(requests|sla|notifications)\..*").start()
        try:
            print(f"driving {args.clients} investor clients for {args.seconds:.0f} s …")
            results["suite"] = await measure_suite(corridor, clients, watch, seconds=args.seconds)
        finally:
            await watch.stop()
    results["peak_memory_mib"] = suite.peak_memory_mib()
    results["ratios"] = ratios(results)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(prog="./corridor bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (suite and ceilings)")
    parser.add_argument("--seconds", type=float, default=60, help="how long the suite is loaded")
    parser.add_argument("--messages", type=int, default=2000, help="round trips / inserts for the ceilings")
    parser.add_argument("--postgres", action="store_true", help="stores on PostgreSQL (deploy/postgres/localpg.py)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gc-bench-") as tmp:
        workdir = Path(tmp)
        postgres = localpg.LocalPostgres().start() if args.postgres else None
        try:
            urls = {name: postgres.create_database(name) for name in (*SERVICES, "ceiling")} if postgres else {}
            suite = Suite(workdir, env={"GC_ENVIRONMENT": "development", "GC_LOG_LEVEL": "WARNING"},
                          database_urls=urls)
            try:
                suite.start_broker()
                results = asyncio.run(measure(args, suite, urls.get("ceiling")
                                              or f"sqlite+aiosqlite:///{workdir / 'ceiling.db'}"))
            finally:
                suite.stop()
        finally:
            if postgres:
                postgres.stop()
    stamp = f"{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}"
    out = HERE / "results" / f"{stamp}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    summary = markdown_summary(results)
    out.with_suffix(".md").write_text(summary)
    print(summary)
    print(f"written to {out.relative_to(ROOT)} (and .md)")


if __name__ == "__main__":
    main()
