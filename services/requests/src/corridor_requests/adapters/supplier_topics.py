"""Each supplier organisation's own request topic, created when the supplier becomes known.

Why: the outbox relay publishes a dispatched request to `requests.supplier.<short_code>.v1`; that topic
must exist with its registered shape (partitions, retention) before the first dispatch, because a
broker with auto-creation off would make the relay retry forever, and auto-creation would pick
defaults. Creation is idempotent, so doing it again after a restart or a redelivery is harmless.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from corridor_contracts.topics import supplier_topic, supplier_topic_spec
from corridor_chassis.messaging.admin import ensure_topics


class SupplierTopics:
    def __init__(self, kafka_options: Mapping[str, object]) -> None:
        self.kafka_options = dict(kafka_options)
        self._known: set[str] = set()

    async def ensure(self, short_codes: Iterable[str]) -> None:
        missing = sorted({code for code in short_codes if supplier_topic(code) not in self._known})
        if not missing:
            return
        await ensure_topics(self.kafka_options, [supplier_topic_spec(code) for code in missing],
                            with_dead_letters=False)  # suppliers read it; our consumers never do
        self._known.update(supplier_topic(code) for code in missing)
