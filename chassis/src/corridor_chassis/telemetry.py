"""Traces, metrics and JSON logs, set up the same way in every service.

Traces: OpenTelemetry SDK with FastAPI and SQLAlchemy instrumentation; Kafka hops carry the W3C
trace context in headers (outbox.enqueue injects, the consumer extracts). Exported over OTLP/HTTP
when GC_OTLP_ENDPOINT is set. Metrics: OpenTelemetry's Prometheus reader plus prometheus_client
counters, both served at /metrics. Logs: one JSON object a line carrying trace and span ids.
"""

from __future__ import annotations

import logging
import sys

from fastapi import FastAPI
from opentelemetry import metrics, trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from pythonjsonlogger.json import JsonFormatter
from sqlalchemy.ext.asyncio import AsyncEngine

from corridor_chassis.settings import ServiceSettings

_configured = False


class TraceContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        context = trace.get_current_span().get_span_context()
        record.trace_id = format(context.trace_id, "032x") if context.is_valid else None
        record.span_id = format(context.span_id, "016x") if context.is_valid else None
        return True


def configure_logging(settings: ServiceSettings) -> None:
    handler = logging.StreamHandler(sys.stdout)
    if settings.log_json:
        handler.setFormatter(JsonFormatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s %(trace_id)s %(span_id)s",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            static_fields={"service": settings.service_name},
        ))
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(trace_id)s] %(message)s"))
    handler.addFilter(TraceContextFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level.upper())
    logging.getLogger("aiokafka").setLevel(max(logging.WARNING, root.level))


def configure_telemetry(settings: ServiceSettings) -> None:
    """Install the tracer and meter providers once per process."""
    global _configured
    if _configured:
        return
    _configured = True
    from opentelemetry.exporter.prometheus import PrometheusMetricReader

    resource = Resource.create({"service.name": f"gc-{settings.service_name}",
                                "deployment.environment": settings.environment})
    provider = TracerProvider(resource=resource)
    if settings.otlp_endpoint:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        provider.add_span_processor(
            BatchSpanProcessor(OTLPSpanExporter(endpoint=f"{settings.otlp_endpoint.rstrip('/')}/v1/traces")))
    trace.set_tracer_provider(provider)
    metrics.set_meter_provider(MeterProvider(resource=resource, metric_readers=[PrometheusMetricReader()]))


def instrument(app: FastAPI, engine: AsyncEngine) -> None:
    from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
    from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor

    FastAPIInstrumentor.instrument_app(app, excluded_urls="healthz,readyz,metrics")
    SQLAlchemyInstrumentor().instrument(engine=engine.sync_engine)
