"""The base every event in the catalogue derives from.

Why: an event is a past-tense fact that crosses a service boundary. Its schema is the contract, so
each event class names its CloudEvents type, its topic and its schema version in one place, and the
field that keys it (the aggregate id, so one aggregate's events stay in order on one partition).
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

TYPE_PREFIX = "ru.green-corridor"

_CATALOGUE: dict[str, type["Event"]] = {}


class Event(BaseModel):
    """A fact one service publishes. Subclasses set `topic` and `key_field`; the name is the event."""

    # Unknown fields are ignored so that a producer may add an optional field without breaking
    # consumers that still run the previous schema (the compatibility rule in contracts/README.md).
    model_config = ConfigDict(frozen=True, extra="ignore")

    topic: ClassVar[str]
    key_field: ClassVar[str]
    version: ClassVar[int] = 1

    def __init_subclass__(cls, abstract: bool = False, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)

    @classmethod
    def __pydantic_init_subclass__(cls, abstract: bool = False, **kwargs: Any) -> None:
        """Catalogue every concrete event; `class _Base(Event, abstract=True)` only shares fields and topic."""
        super().__pydantic_init_subclass__(**kwargs)
        if not abstract and getattr(cls, "topic", None) and getattr(cls, "key_field", None):
            event_type = cls.event_type()
            if event_type in _CATALOGUE and _CATALOGUE[event_type] is not cls:
                raise TypeError(f"event type {event_type} is declared twice")
            _CATALOGUE[event_type] = cls

    @classmethod
    def service(cls) -> str:
        return cls.topic.split(".", 1)[0]

    @classmethod
    def event_type(cls) -> str:
        """The CloudEvents `type`: reverse-DNS prefix, owning service, name, schema version."""
        return f"{TYPE_PREFIX}.{cls.service()}.{cls.__name__}.v{cls.version}"

    @classmethod
    def schema_id(cls) -> str:
        """The CloudEvents `dataschema`: the committed JSON Schema file of this event."""
        return f"urn:green-corridor:schema:{cls.service()}:{cls.__name__}:v{cls.version}"

    def aggregate_key(self) -> str:
        return str(getattr(self, self.key_field))

    def kafka_topic(self) -> str:
        """The topic this instance is published on: `topic`, unless the event is routed per recipient."""
        return self.topic


class DomainEvent(Event):
    """An event of the published catalogue: every fact says when it happened.

    `occurred_at` is the moment of the state change in the producer's store, which consumers order and
    report by; the envelope's `time` is only when the record was made. It lives here rather than on
    `Event` so that throwaway events in infrastructure tests need not carry it.
    """

    occurred_at: AwareDatetime = Field(description="When the fact happened in the producing service (timezone-aware).")


def event_class_for(event_type: str) -> type[Event] | None:
    return _CATALOGUE.get(event_type)


def catalogue() -> dict[str, type[Event]]:
    """Every event type declared so far (import `corridor_contracts` to load them all)."""
    return dict(_CATALOGUE)
