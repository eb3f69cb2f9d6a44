"""Notification delivery events: what reached whom, and what did not.

Why: delivery is the one place an effect leaves the system (e-mail, webhook); an audit of it, and an
operator's view of failing channels, need the outcome as a fact with its cause event.
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from corridor_contracts.base import DomainEvent
from corridor_contracts.topics import NOTIFICATIONS_DELIVERY
from corridor_contracts.vocabulary import UserId


class Channel(StrEnum):
    IN_APP = "in_app"
    EMAIL = "email"
    WEBHOOK = "webhook"


class _DeliveryEvent(DomainEvent, abstract=True):
    topic: ClassVar[str] = NOTIFICATIONS_DELIVERY
    key_field: ClassVar[str] = "notification_id"

    notification_id: UUID = Field(description="The notification (aggregate id).")
    recipient_user_id: UserId = Field(
        description="The person notified; for the webhook channel, the user or service account that registered it.")
    channel: Channel
    template_code: str = Field(min_length=1, description="Template used, e.g. request-routed.")
    cause_event_id: str = Field(min_length=1, description="CloudEvents id of the event that caused it.")
    cause_event_type: str = Field(min_length=1, description="CloudEvents type of that event.")
    webhook_id: UUID | None = Field(
        default=None, description="The organisation's webhook endpoint, for the webhook channel; null otherwise.")


class NotificationDelivered(_DeliveryEvent):
    """The channel accepted the notification (SMTP accepted, webhook answered 2xx, feed stored)."""


class NotificationFailed(_DeliveryEvent):
    """A delivery attempt failed; `will_retry` says whether another attempt follows."""

    error: str = Field(min_length=1, description="What went wrong, without secrets.")
    attempts: int = Field(ge=1, description="Attempts made so far.")
    will_retry: bool = Field(description="False when the notification is given up on this channel.")
