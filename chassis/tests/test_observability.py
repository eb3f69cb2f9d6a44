"""Trace context crosses Kafka hops; logs are JSON lines carrying the trace id."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import uuid

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from corridor_chassis.messaging.consumer import EventConsumer
from corridor_chassis.messaging.outbox import enqueue
from corridor_chassis.messaging.relay import OutboxRelay
from corridor_chassis.settings import ServiceSettings
from corridor_chassis.telemetry import TraceContextFilter, configure_logging

from .conftest import TOPIC, ParcelRegistered, applied, parcels

tracer = trace.get_tracer("test")


@pytest.fixture(scope="module")
def spans() -> InMemorySpanExporter:
    exporter = InMemorySpanExporter()
    provider = trace.get_tracer_provider()
    if not isinstance(provider, TracerProvider):
        provider = TracerProvider()
        trace.set_tracer_provider(provider)
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return exporter


@pytest.mark.kafka
async def test_the_consumer_continues_the_trace_of_the_request_that_caused_the_event(
        spans, producing_store, consuming_store, producer, kafka_bootstrap, unique) -> None:
    parcel_id = uuid.uuid4()
    with tracer.start_as_current_span("POST /parcels") as origin:
        async with producing_store.sessions() as session, session.begin():
            await session.execute(parcels.insert().values(parcel_id=str(parcel_id), label="traced"))
            await enqueue(session, ParcelRegistered(parcel_id=parcel_id, label="traced"))
    await OutboxRelay(service="test", engine=producing_store.engine, session_factory=producing_store.sessions,
                      producer=producer).publish_batch()

    seen_trace_ids: list[int] = []

    async def handler(session, envelope) -> None:
        if envelope.data.parcel_id == parcel_id:
            seen_trace_ids.append(trace.get_current_span().get_span_context().trace_id)
        await session.execute(applied.insert().values(event_id=envelope.id, parcel_id=str(envelope.data.parcel_id)))

    consumer = EventConsumer(name=f"trace-{unique}", topics=[TOPIC], handlers={ParcelRegistered: handler},
                             session_factory=consuming_store.sessions, producer=producer,
                             kafka_options={"bootstrap_servers": kafka_bootstrap})
    task = asyncio.create_task(consumer.run())
    try:
        for _ in range(300):
            if seen_trace_ids:
                break
            await asyncio.sleep(0.1)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    assert seen_trace_ids == [origin.get_span_context().trace_id]
    consume_spans = [s for s in spans.get_finished_spans() if s.name == "consume ParcelRegistered"
                     and s.context.trace_id == origin.get_span_context().trace_id]
    assert consume_spans and consume_spans[0].parent.span_id == origin.get_span_context().span_id


def test_logs_are_json_lines_with_the_trace_id(spans) -> None:
    configure_logging(ServiceSettings(service_name="parcels", log_json=True))
    stream = io.StringIO()
    root = logging.getLogger()
    root.handlers[0].setStream(stream)
    with tracer.start_as_current_span("work") as span:
        logging.getLogger("parcels").info("parcel registered")
    line = json.loads(stream.getvalue().strip().splitlines()[-1])
    assert line["message"] == "parcel registered" and line["service"] == "parcels" and line["level"] == "INFO"
    assert line["trace_id"] == format(span.get_span_context().trace_id, "032x")
    assert any(isinstance(f, TraceContextFilter) for f in root.handlers[0].filters)


async def test_database_calls_are_traced_inside_the_request_span(spans, tmp_path) -> None:
    from fastapi import FastAPI
    from sqlalchemy import text

    from corridor_chassis.database import create_engine
    from corridor_chassis.telemetry import instrument

    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'traced.db'}")
    instrument(FastAPI(), engine)
    try:
        with tracer.start_as_current_span("GET /parcels") as parent:
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 42"))
    finally:
        await engine.dispose()
    children = [s for s in spans.get_finished_spans()
                if s.parent is not None and s.parent.span_id == parent.get_span_context().span_id]
    assert any("SELECT" in s.name for s in children), [s.name for s in children]
