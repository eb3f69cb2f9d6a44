"""In-process signals that a person's feed grew, for the live streams connected to this process.

Why only a signal: the feed itself is in the database, where every replica reads it. The delivery
worker rings the bell after it commits, so a client connected here hears at once; a stream also
re-reads on its keep-alive tick, which covers notifications another replica delivered.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager


class FeedBroadcaster:
    def __init__(self) -> None:
        self._listeners: dict[uuid.UUID, set[asyncio.Event]] = defaultdict(set)

    @contextmanager
    def listen(self, user_id: uuid.UUID) -> Iterator[asyncio.Event]:
        bell = asyncio.Event()
        self._listeners[user_id].add(bell)
        try:
            yield bell
        finally:
            self._listeners[user_id].discard(bell)
            if not self._listeners[user_id]:
                del self._listeners[user_id]

    def ring(self, user_id: uuid.UUID) -> None:
        for bell in self._listeners.get(user_id, ()):
            bell.set()

    @property
    def listeners(self) -> int:
        return sum(len(bells) for bells in self._listeners.values())
