"""The delivery worker: an asyncio task that sends due notifications through their channels.

It claims a batch and sends each (in-app: the row already is the feed item; e-mail over SMTP;
webhooks as signed POSTs) concurrently. Outcomes are recorded as they come, in groups: whatever
finished while the previous group was being written goes into the next transaction, so a fast
channel needs few transactions and a slow endpoint holds up nobody else's outcome. After an in-app
delivery commits it rings the feed broadcaster, so a connected live stream shows it at once.
Time and randomness are injected: tests move the clock to the next retry instead of sleeping.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from corridor_contracts.events.notifications import Channel
from corridor_notifications.adapters.broadcaster import FeedBroadcaster
from corridor_notifications.adapters.channels import DeliveryFailed, WebhookSender
from corridor_notifications.adapters.smtp import SmtpMailer
from corridor_notifications.domain.retry import RetryPolicy
from corridor_notifications.service_layer.delivery import Claim, Outcome, claim_due, record_outcomes
from corridor_notifications.service_layer.fan_out import delivery_wakeup, settle_expired_intents

log = logging.getLogger(__name__)


@dataclass
class DeliveryWorker:
    session_factory: async_sessionmaker[AsyncSession]
    mailer: SmtpMailer
    webhooks: WebhookSender
    broadcaster: FeedBroadcaster
    policy: RetryPolicy
    clock: Callable[[], datetime]
    random: Callable[[], float]
    poll_seconds: float = 1.0
    batch_size: int = 50
    lease: timedelta = timedelta(minutes=5)
    sweep_every: timedelta = timedelta(minutes=1)
    _next_sweep: datetime | None = field(default=None, init=False)

    async def serve(self) -> None:
        """Deliver until cancelled (the service stops), then close the pooled SMTP connections."""
        try:
            await self.run()
        finally:
            await self.mailer.close()

    async def run(self) -> None:
        while True:
            try:
                delivered = await self.deliver_due()
                await self.sweep_when_due()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("delivery worker failed; retrying in %.1fs", self.poll_seconds)
                delivered = 0
            if delivered < self.batch_size:
                delivery_wakeup.clear()
                try:
                    await asyncio.wait_for(delivery_wakeup.wait(), timeout=self.poll_seconds)
                except TimeoutError:
                    pass

    async def deliver_due(self) -> int:
        """Claim what is due now and try each once; returns how many were claimed."""
        async with self.session_factory() as session, session.begin():
            claims = await claim_due(session, now=self.clock(), lease=self.lease, limit=self.batch_size)
        attempts = {asyncio.create_task(self._attempt(claim)) for claim in claims}
        try:
            while attempts:
                finished, attempts = await asyncio.wait(attempts, return_when=asyncio.FIRST_COMPLETED)
                await self._record([task.result() for task in finished])
        finally:  # stopped, or the store failed: the unrecorded rows are retried after their lease
            for task in attempts:
                task.cancel()
            await asyncio.gather(*attempts, return_exceptions=True)
        return len(claims)

    async def sweep_when_due(self) -> None:
        """Housekeeping that shares the worker's rhythm: settle notification intents past their window."""
        now = self.clock()
        if self._next_sweep is not None and now < self._next_sweep:
            return
        async with self.session_factory() as session, session.begin():
            await settle_expired_intents(session, now=now)
        self._next_sweep = now + self.sweep_every

    async def _attempt(self, claim: Claim) -> Outcome:
        try:
            return Outcome(claim, await self._send(claim))
        except DeliveryFailed as exc:
            return Outcome(claim, str(exc), failed=True, permanent=exc.permanent)
        except Exception as exc:  # a bug or an unexpected library error must not stop the batch
            log.exception("delivering %s failed unexpectedly", claim.row.notification_id)
            return Outcome(claim, f"{exc.__class__.__name__}: {exc}"[:500], failed=True)

    async def _record(self, outcomes: list[Outcome]) -> None:
        async with self.session_factory() as session, session.begin():
            recorded = await record_outcomes(session, outcomes, now=self.clock(), policy=self.policy,
                                             random=self.random)
        for outcome in recorded:
            if not outcome.failed and outcome.claim.channel is Channel.IN_APP:
                self.broadcaster.ring(outcome.claim.row.user_id)

    async def _send(self, claim: Claim) -> str:
        row = claim.row
        if claim.channel is Channel.IN_APP:
            return "stored in the feed"
        if claim.channel is Channel.EMAIL:
            message = self.mailer.compose(to=row.address, subject=row.subject, text=row.body_text,
                                          html=row.body_html, message_id=str(row.notification_id))
            return await self.mailer.send(message)
        if row.webhook_deleted_at is not None:
            raise DeliveryFailed("the webhook subscription was deleted", permanent=True)
        return await self.webhooks.send(url=row.address, secret=row.secret, webhook_id=str(row.notification_id),
                                        timestamp=int(self.clock().timestamp()), body=row.body_text.encode())
