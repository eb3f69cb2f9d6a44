"""Counting what a set of requests produced, as an idempotent consumer and an e-mail reader would see it.

Per request the corridor must produce, exactly once: the SupplierRequestDispatched on the supplier's
topic, the SLA clock (SlaClockStarted), and one notification per recipient and channel — "request
routed" for the supplier's official and "request answered" for the investor, each by e-mail and in the
feed. "Once" is judged the way a consumer applies events: by CloudEvents id (a second record with the
same id is a redelivery the inbox drops; a second id for the same fact would be applied twice) and, for
e-mail, by Message-ID (which notifications keeps stable across retries so readers drop repeats).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from email.message import Message

from bench.observe import TopicWatch
from bench.suite import Suite, body_of, subject_of
from corridor_contracts import (
    NotificationDelivered, RequestAnswered, RequestRouted, SlaClockStarted, SupplierRequestDispatched,
)

NOTIFICATIONS_PER_REQUEST = 4  # routed → the supplier's official, answered → the investor; e-mail and feed each
EMAILS_PER_REQUEST = 2
_REQUEST_LINK = re.compile(r"/requests/([0-9a-f-]{36})")


@dataclass
class Tally:
    phase: str
    submitted: int = 0
    delivered: int = 0  # requests on the supplier's topic
    duplicates_applied: int = 0  # a second distinct event for the same fact, anywhere below
    lost: int = 0
    sla_clocks: int = 0
    notifications_expected: int = 0
    notifications: int = 0  # distinct (cause, recipient, channel) delivered
    emails_expected: int = 0
    emails: int = 0  # distinct Message-IDs about these requests in the sink
    redelivered_copies: int = 0  # records or e-mails repeated with the same id: dropped by an idempotent reader
    resubmitted: int = 0  # submissions whose answer was lost and which the client looked up before retrying
    seconds_to_recover: float = 0.0
    notes: list[str] = field(default_factory=list)

    def row(self) -> dict[str, object]:
        return {key: value for key, value in asdict(self).items() if key != "notes"}


def tally(phase: str, request_ids: Iterable[str], watch: TopicWatch, suite: Suite, topic: str) -> Tally:
    """The counts for these requests, whose supplier's topic is `topic`."""
    ids = set(request_ids)
    result = Tally(phase, submitted=len(ids), notifications_expected=NOTIFICATIONS_PER_REQUEST * len(ids),
                   emails_expected=EMAILS_PER_REQUEST * len(ids))
    causes: dict[str, str] = {}  # cause event id → request id
    for request_id in ids:
        dispatched = [a for a in watch.events(request_id, SupplierRequestDispatched) if a.topic == topic]
        clocks = watch.events(request_id, SlaClockStarted)
        result.delivered += bool(dispatched)
        result.sla_clocks += bool(clocks)
        result.duplicates_applied += max(len(dispatched) - 1, 0) + max(len(clocks) - 1, 0)
        for arrival in (*dispatched, *clocks):
            result.redelivered_copies += arrival.copies - 1
        for arrival in watch.events(request_id, (RequestRouted, RequestAnswered)):
            causes[arrival.envelope.id] = request_id
    result.lost = result.submitted - result.delivered

    deliveries: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for arrival in watch.all(NotificationDelivered):
        event = arrival.data
        if event.cause_event_id in causes:
            deliveries[(event.cause_event_id, str(event.recipient_user_id), event.channel.value)].add(
                str(event.notification_id))
    result.notifications = len(deliveries)
    result.duplicates_applied += sum(len(notifications) - 1 for notifications in deliveries.values())

    messages = _emails_about(suite.mails(), ids)
    for message_ids in messages.values():
        result.redelivered_copies += len(message_ids) - len(set(message_ids))
        result.emails += len(set(message_ids))
        result.duplicates_applied += len(set(message_ids)) - 1
    return result


def _emails_about(mails: list[Message], ids: set[str]) -> dict[tuple[str, str, str], list[str]]:
    found: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for message in mails:
        link = _REQUEST_LINK.search(body_of(message))
        if link and link.group(1) in ids:
            found[(link.group(1), str(message["To"]), subject_of(message))].append(str(message["Message-ID"]))
    return found


def markdown(tallies: list[Tally]) -> str:
    head = ("| phase | submitted | delivered | duplicates applied | lost | SLA clocks | notifications "
            "(expected) | e-mails (expected) | redelivered copies dropped | resubmissions looked up | recovered in |")
    lines = [head, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for t in tallies:
        lines.append(f"| {t.phase} | {t.submitted} | {t.delivered} | {t.duplicates_applied} | {t.lost} | {t.sla_clocks} "
                     f"| {t.notifications} ({t.notifications_expected}) | {t.emails} ({t.emails_expected}) | {t.redelivered_copies} "
                     f"| {t.resubmitted} | {t.seconds_to_recover:.0f} s |")
    return "\n".join(lines)
