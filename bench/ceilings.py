"""The machine's own ceilings, measured in the same run as the suite so ratios are meaningful.

1. Kafka: raw produce→consume round trips through aiokafka on the same broker (idempotent producer,
   acks=all, one consumer), as latency percentiles and sustained throughput.
2. HTTP + store: a bare FastAPI endpoint doing one INSERT into the same kind of store (SQLite file
   or PostgreSQL), served by uvicorn in its own process, driven by the same concurrent clients.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from bench.measure import free_port, percentiles, wait_http

HERE = Path(__file__).resolve().parent


async def kafka_round_trips(bootstrap: str, *, messages: int, concurrency: int) -> dict:
    topic = f"bench.ceiling.{uuid.uuid4().hex[:8]}"
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=True, acks="all", linger_ms=5)
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=None, auto_offset_reset="earliest")
    await producer.start()
    await producer.send_and_wait(topic, b"warm-up")
    await consumer.start()
    sent: dict[bytes, float] = {}
    latencies: list[float] = []
    done = asyncio.Event()

    async def consume() -> None:
        async for record in consumer:
            started = sent.pop(record.key, None) if record.key else None
            if started is not None:
                latencies.append(time.perf_counter() - started)
                if len(latencies) == messages:
                    done.set()
                    return

    reader = asyncio.create_task(consume())
    queue: asyncio.Queue[int] = asyncio.Queue()
    for n in range(messages):
        queue.put_nowait(n)

    async def client() -> None:
        while not queue.empty():
            queue.get_nowait()
            key = uuid.uuid4().bytes
            sent[key] = time.perf_counter()
            await producer.send_and_wait(topic, b"x" * 512, key=key)

    began = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(concurrency)))
    await asyncio.wait_for(done.wait(), timeout=120)
    elapsed = time.perf_counter() - began
    reader.cancel()
    await asyncio.gather(reader, return_exceptions=True)
    await consumer.stop()
    await producer.stop()
    return {"messages": messages, "per_second": messages / elapsed, "latency_s": percentiles(latencies)}


def bare_insert_server(database_url: str) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {**os.environ, "BENCH_DATABASE_URL": database_url}
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "bare_insert_app:app", "--port", str(port), "--log-level", "warning"],
        cwd=HERE, env=env)
    wait_http(f"http://127.0.0.1:{port}/healthz")
    return process, port


async def http_inserts(port: int, *, requests: int, concurrency: int) -> dict:
    latencies: list[float] = []
    queue: asyncio.Queue[int] = asyncio.Queue()
    for n in range(requests):
        queue.put_nowait(n)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
        async def worker() -> None:
            while not queue.empty():
                queue.get_nowait()
                started = time.perf_counter()
                response = await client.post("/items", json={"title": "ceiling", "body": "x" * 256})
                response.raise_for_status()
                latencies.append(time.perf_counter() - started)

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    return {"requests": requests, "per_second": requests / elapsed, "latency_s": percentiles(latencies)}
