"""Replay a dead-letter topic onto its original topic, after the cause has been fixed.

    python -m corridor_chassis.messaging.replay requests.request.v1.dlq [--bootstrap 127.0.0.1:9092]

The replay reads with its own consumer group, so each dead letter is replayed once; consumers drop
any event they already applied through their inbox.
"""

from __future__ import annotations

import argparse
import asyncio
import os

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer


async def replay(dead_letter_topic: str, bootstrap: str, *, idle_seconds: float = 3.0) -> int:
    if not dead_letter_topic.endswith(".dlq"):
        raise SystemExit(f"{dead_letter_topic} is not a dead-letter topic (<topic>.dlq)")
    consumer = AIOKafkaConsumer(dead_letter_topic, bootstrap_servers=bootstrap, group_id="gc-dlq-replay",
                                enable_auto_commit=False, auto_offset_reset="earliest")
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=True, acks="all")
    await consumer.start()
    await producer.start()
    replayed = 0
    try:
        while True:
            batches = await consumer.getmany(timeout_ms=int(idle_seconds * 1000), max_records=500)
            if not batches:
                return replayed
            for partition, records in batches.items():
                for record in records:
                    headers = dict(record.headers or ())
                    target = headers.get("x-dlq-topic", dead_letter_topic.removesuffix(".dlq").encode()).decode()
                    clean = [(k, v) for k, v in (record.headers or ()) if not k.startswith("x-dlq-")]
                    await producer.send_and_wait(target, value=record.value, key=record.key, headers=clean)
                    replayed += 1
                await consumer.commit({partition: records[-1].offset + 1})
    finally:
        await consumer.stop()
        await producer.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("topic")
    parser.add_argument("--bootstrap", default=os.environ.get("GC_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"))
    args = parser.parse_args()
    count = asyncio.run(replay(args.topic, args.bootstrap))
    print(f"replayed {count} record(s) from {args.topic}")


if __name__ == "__main__":
    main()
