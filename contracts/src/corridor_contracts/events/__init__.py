"""The published event catalogue, one module per producing service (plus the supplier integration)."""

from __future__ import annotations

from corridor_contracts.base import Event, catalogue
# Importing the modules declares their events in the catalogue.
from corridor_contracts.events import identity, notifications, projects, requests, sla, suppliers  # noqa: F401


def published_events() -> list[type[Event]]:
    """Every event of the catalogue, ordered by service and name.

    Only classes declared in this package count: a test elsewhere may declare throwaway events in
    the same process, and they must not end up in the committed schemas.
    """
    owned = [cls for cls in catalogue().values() if cls.__module__.startswith(f"{__name__}.")]
    return sorted(owned, key=lambda cls: (cls.service(), cls.__name__, cls.version))
