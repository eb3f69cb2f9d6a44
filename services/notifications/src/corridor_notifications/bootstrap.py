"""Composition root of the notifications service: the runtime, the fan-out consumer, the delivery
worker, the SMTP and webhook senders, the feed broadcaster and the HTTP app.

Nothing connects at import time. The chassis' lifespan migrates the store and starts the relay and
the consumer, then the delivery worker as a background task (stopped first, closing its SMTP and
webhook connections). `clock` and `random` are injected so tests control time and jitter.
"""

from __future__ import annotations

import random as random_numbers
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
from fastapi import FastAPI

from corridor_chassis.runtime import ServiceRuntime, create_service_app
from corridor_notifications.adapters.broadcaster import FeedBroadcaster
from corridor_notifications.adapters.channels import WebhookSender
from corridor_notifications.adapters.smtp import SmtpMailer
from corridor_notifications.adapters.templates import Renderer
from corridor_notifications.domain.retry import RetryPolicy
from corridor_notifications.entrypoints.consumers import FAN_OUT_TOPICS, fan_out_handlers
from corridor_notifications.entrypoints.delivery_worker import DeliveryWorker
from corridor_notifications.entrypoints.http import ROUTERS
from corridor_notifications.service_layer.fan_out import FanOut
from corridor_notifications.settings import Settings

MIGRATIONS = Path(__file__).parent / "migrations"

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def build_runtime(settings: Settings, clock: Clock) -> ServiceRuntime:
    runtime = ServiceRuntime.build(settings, migrations=MIGRATIONS)
    fan_out = FanOut(renderer=Renderer(), cabinet_base_url=settings.cabinet_base_url,
                     intent_window=timedelta(hours=settings.intent_window_hours))
    runtime.subscribe(FAN_OUT_TOPICS, fan_out_handlers(fan_out, clock), group=settings.fan_out_group, batch=True)
    return runtime


def build_worker(runtime: ServiceRuntime, settings: Settings, client: httpx.AsyncClient,
                 broadcaster: FeedBroadcaster, clock: Clock, random: Callable[[], float]) -> DeliveryWorker:
    mailer = SmtpMailer(host=settings.smtp_host, port=settings.smtp_port, sender=settings.smtp_from,
                        username=settings.smtp_username, password=settings.smtp_password,
                        starttls=settings.smtp_starttls, timeout=settings.smtp_timeout_seconds,
                        connections=settings.smtp_connections,
                        messages_per_connection=settings.smtp_messages_per_connection)
    policy = RetryPolicy(max_attempts=settings.delivery_max_attempts, base_seconds=settings.delivery_backoff_base_seconds,
                         cap_seconds=settings.delivery_backoff_cap_seconds)
    return DeliveryWorker(session_factory=runtime.session_factory, mailer=mailer, webhooks=WebhookSender(client),
                          broadcaster=broadcaster, policy=policy, clock=clock, random=random,
                          poll_seconds=settings.delivery_poll_seconds, batch_size=settings.delivery_batch_size,
                          lease=timedelta(seconds=settings.delivery_lease_seconds))


def build_app(settings: Settings | None = None, *, clock: Clock = utc_now,
              random: Callable[[], float] = random_numbers.random) -> FastAPI:
    settings = settings or Settings()
    runtime = build_runtime(settings, clock)
    broadcaster = FeedBroadcaster()
    app = create_service_app(runtime, title="Notifications: e-mail, feed and webhooks", routers=ROUTERS,
                             description="Who hears of what, on which channel; see services/notifications/README.md.")
    app.state.clock = clock
    app.state.broadcaster = broadcaster
    webhooks_client = httpx.AsyncClient(timeout=settings.webhook_timeout_seconds)  # connects on first use
    worker = build_worker(runtime, settings, webhooks_client, broadcaster, clock, random)

    async def deliver() -> None:
        async with webhooks_client:  # its connections close when the runtime stops the worker
            await worker.serve()

    runtime.add_background_task("delivery", deliver)
    return app
