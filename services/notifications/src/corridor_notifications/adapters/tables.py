"""The notifications service's own tables (its store; no other service reads them).

Three groups: projections of other services' facts (who people are, which project and request
belongs to whom), the notification pipeline (intents waiting for recipients, one notification per
event × recipient × channel, the delivery log), and what people and organisations chose
(preferences, webhook subscriptions).
"""

from __future__ import annotations


from sqlalchemy import (
    JSON, BigInteger, Boolean, Column, ForeignKey, Index, Integer, MetaData, String, Table, Text,
    UniqueConstraint, Uuid,
)

from corridor_chassis.database import UtcDateTime

metadata = MetaData()

# BigInteger autoincrement does not work on SQLite; INTEGER PRIMARY KEY is its row id there.
_Position = BigInteger().with_variant(Integer(), "sqlite")



# --- projections -------------------------------------------------------------------------------

organization = Table(
    "organization", metadata,
    Column("organization_id", Uuid, primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("short_name", String(200), nullable=False),
)

person = Table(
    "person", metadata,
    Column("user_id", Uuid, primary_key=True),
    Column("organization_id", Uuid, nullable=False, index=True),
    Column("organization_kind", String(32), nullable=False),
    Column("email", String(320), nullable=False),
    Column("full_name", String(300), nullable=False),
    Column("locale", String(2), nullable=False),
    Column("roles", JSON, nullable=False),
    Column("active", Boolean, nullable=False),
)

project = Table(
    "project", metadata,
    Column("project_id", Uuid, primary_key=True),
    Column("name", String(500), nullable=True),
    Column("investor_organization_id", Uuid, nullable=True),
    Column("manager_user_id", Uuid, nullable=True),
)

request = Table(
    "request", metadata,
    Column("request_id", Uuid, primary_key=True),
    Column("project_id", Uuid, nullable=False),
    Column("investor_organization_id", Uuid, nullable=True),
    Column("recipient_organization_id", Uuid, nullable=True),
    Column("request_type_code", String(64), nullable=True),
    Column("subject", String(500), nullable=True),
    Column("status", String(32), nullable=False),
)

# --- the pipeline ------------------------------------------------------------------------------

# An event that calls for a notification, kept until every audience it names has been resolved to
# people (or the resolution window closed), so that an event arriving before the projection rows it
# needs still reaches its recipients when they arrive.
notification_intent = Table(
    "notification_intent", metadata,
    Column("cause_event_id", String(64), primary_key=True),
    Column("cause_event_type", String(200), nullable=False),
    Column("kind", String(64), nullable=False),
    Column("facts", JSON, nullable=False),  # the event's data: the plan is derived again from it
    Column("created_at", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False),
    Column("settled_at", UtcDateTime(), nullable=True),
    Index("ix_notification_intent_open", "settled_at", "expires_at"),
)

# What an unsettled intent waits for (`org:<id>`, `project:<id>`, `request:<id>`, `user:<id>`).
intent_wait = Table(
    "intent_wait", metadata,
    Column("cause_event_id", String(64), ForeignKey("notification_intent.cause_event_id", ondelete="CASCADE"),
           primary_key=True),
    Column("wait_key", String(100), primary_key=True),
    Index("ix_intent_wait_wait_key", "wait_key"),
)

notification = Table(
    "notification", metadata,
    Column("position", _Position, primary_key=True, autoincrement=True),  # the feed's order and SSE id
    Column("notification_id", Uuid, nullable=False, unique=True),
    Column("cause_event_id", String(64), nullable=False),
    Column("cause_event_type", String(200), nullable=False),
    Column("kind", String(64), nullable=False),
    Column("channel", String(16), nullable=False),
    # The user id for personal channels, the webhook id for webhooks: with the event and the channel
    # it is what "once per recipient and channel" means, whatever arrives twice.
    Column("recipient", String(64), nullable=False),
    Column("user_id", Uuid, nullable=False),
    Column("organization_id", Uuid, nullable=True),
    Column("webhook_id", Uuid, ForeignKey("webhook.webhook_id"), nullable=True),
    Column("locale", String(2), nullable=False),
    Column("address", String(2000), nullable=True),  # e-mail address or webhook URL at creation
    Column("subject", String(500), nullable=False),
    Column("body_text", Text, nullable=False),
    Column("body_html", Text, nullable=True),
    Column("link", String(2000), nullable=False),
    Column("status", String(16), nullable=False),  # pending, delivered, dead_lettered
    Column("attempts", Integer, nullable=False),  # since creation or the last replay
    Column("next_attempt_at", UtcDateTime(), nullable=True),
    Column("lease_id", String(36), nullable=True),
    Column("last_error", Text, nullable=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("delivered_at", UtcDateTime(), nullable=True),
    Column("dead_lettered_at", UtcDateTime(), nullable=True),
    Column("read_at", UtcDateTime(), nullable=True),
    UniqueConstraint("cause_event_id", "recipient", "channel", name="uq_notification_once"),
    Index("ix_notification_due", "status", "next_attempt_at"),
    Index("ix_notification_feed", "user_id", "channel", "position"),
)

delivery_attempt = Table(
    "delivery_attempt", metadata,
    Column("attempt_id", _Position, primary_key=True, autoincrement=True),
    Column("notification_id", Uuid, ForeignKey("notification.notification_id"), nullable=False, index=True),
    Column("at", UtcDateTime(), nullable=False),
    Column("outcome", String(16), nullable=False),  # delivered, failed, dead_lettered, replayed
    Column("detail", Text, nullable=True),
    Column("actor_id", Uuid, nullable=True),  # the operator who replayed it
)

# --- choices -----------------------------------------------------------------------------------

preference = Table(
    "preference", metadata,
    Column("user_id", Uuid, primary_key=True),
    Column("kind", String(64), primary_key=True),
    Column("channel", String(16), primary_key=True),
    Column("enabled", Boolean, nullable=False),
)

webhook = Table(
    "webhook", metadata,
    Column("webhook_id", Uuid, primary_key=True),
    Column("organization_id", Uuid, nullable=False, index=True),
    Column("url", String(2000), nullable=False),
    Column("secret", String(100), nullable=False),
    Column("event_kinds", JSON, nullable=False),
    Column("created_by", Uuid, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("deleted_at", UtcDateTime(), nullable=True),
)
