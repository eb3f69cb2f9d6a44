"""What the stream worker does with each request event, each tick, and on each timer run.

Why a request event is evaluated as of its own time and a tick as of now: after an outage the
worker replays a backlog, and a request answered on day 3 must come out met even when the worker
reads it on day 10; only ticks, sent once the backlog is processed, look at the wall clock.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from corridor_contracts.envelope import Envelope
from corridor_sla.adapters.stream import ClockStream
from corridor_sla.domain.rules import SlaRules
from corridor_sla.domain.tracking import TrackedClock
from corridor_sla.service_layer.clocks import EscalationTargets, advance_clock
from corridor_sla.service_layer.rules import RuleDefaults, RuleSource, load_rule_source
from corridor_sla.service_layer.tracking import TRACKED_EVENTS, track

log = logging.getLogger(__name__)


class ClockWorker:
    def __init__(self, *, session_factory: async_sessionmaker[AsyncSession], defaults: RuleDefaults,
                 targets: EscalationTargets, now: Callable[[], datetime]) -> None:
        self.session_factory = session_factory
        self.defaults, self.targets, self.now = defaults, targets, now
        self.stream: ClockStream | None = None
        self._source: RuleSource | None = None
        self.rules: SlaRules | None = None

    async def load_rules(self) -> bool:
        """Read the operators' calendar and policies; True when they differ from those in use."""
        async with self.session_factory() as session:
            source = await load_rule_source(session)
        if source == self._source:
            return False
        self._source, self.rules = source, source.rules(self.defaults)
        return True

    async def handle(self, tracked: TrackedClock | None, envelope: Envelope | None) -> TrackedClock | None:
        """The stream's handler: apply a request event, or (envelope None) a tick, and advance the clock."""
        if envelope is not None:
            if not isinstance(envelope.data, TRACKED_EVENTS):
                return tracked
            applied = track(tracked, envelope, self.rules)
            if applied is tracked:
                return tracked  # delivered again
            tracked, at = applied, envelope.data.occurred_at
        elif tracked is None:
            return None  # a tick for a request this worker no longer holds
        else:
            at = self.now()
        if tracked.verdict is not None:
            return tracked  # closed, its verdict announced and recorded: nothing can change it
        async with self.session_factory() as session, session.begin():
            return await advance_clock(session, tracked=tracked, rules=self.rules, at=at, targets=self.targets,
                                       now=self.now())

    async def sweep(self, *, wait: bool = False) -> int | None:
        """The timer's job: tick every clock with something due (all open ones after a rules change).

        Returns how many clocks were ticked, or None when it skipped because request events are still
        being processed (see ClockStream.caught_up). Tests call it with `wait=True` under a controlled
        clock.
        """
        stream = self.stream
        rules_changed = await self.load_rules()
        if stream is None or not stream.ready or not await stream.caught_up():
            if rules_changed:
                self._source = None  # so that the next sweep re-evaluates against them
            return None
        now = self.now()
        due = [tracked.request_id for tracked in stream.tracked() if tracked.needs_check(now, rules_changed=rules_changed)]
        if due:
            log.info("evaluating %d clock(s)%s", len(due), " under new rules" if rules_changed else "")
            await stream.send_ticks(due, wait=wait)
        return len(due)
