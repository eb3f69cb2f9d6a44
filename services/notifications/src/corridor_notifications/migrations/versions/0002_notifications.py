"""Projections, the notification pipeline, preferences and webhook subscriptions.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_Position = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_Aware = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "organization",
        sa.Column("organization_id", sa.Uuid, primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("short_name", sa.String(200), nullable=False),
    )
    op.create_table(
        "person",
        sa.Column("user_id", sa.Uuid, primary_key=True),
        sa.Column("organization_id", sa.Uuid, nullable=False),
        sa.Column("organization_kind", sa.String(32), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("full_name", sa.String(300), nullable=False),
        sa.Column("locale", sa.String(2), nullable=False),
        sa.Column("roles", sa.JSON, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
    )
    op.create_index("ix_person_organization_id", "person", ["organization_id"])
    op.create_table(
        "project",
        sa.Column("project_id", sa.Uuid, primary_key=True),
        sa.Column("name", sa.String(500), nullable=True),
        sa.Column("investor_organization_id", sa.Uuid, nullable=True),
        sa.Column("manager_user_id", sa.Uuid, nullable=True),
    )
    op.create_table(
        "request",
        sa.Column("request_id", sa.Uuid, primary_key=True),
        sa.Column("project_id", sa.Uuid, nullable=False),
        sa.Column("investor_organization_id", sa.Uuid, nullable=True),
        sa.Column("recipient_organization_id", sa.Uuid, nullable=True),
        sa.Column("request_type_code", sa.String(64), nullable=True),
        sa.Column("subject", sa.String(500), nullable=True),
        sa.Column("status", sa.String(32), nullable=False),
    )
    op.create_table(
        "notification_intent",
        sa.Column("cause_event_id", sa.String(64), primary_key=True),
        sa.Column("cause_event_type", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("facts", sa.JSON, nullable=False),
        sa.Column("created_at", _Aware, nullable=False),
        sa.Column("expires_at", _Aware, nullable=False),
        sa.Column("settled_at", _Aware, nullable=True),
    )
    op.create_index("ix_notification_intent_open", "notification_intent", ["settled_at", "expires_at"])
    op.create_table(
        "intent_wait",
        sa.Column("cause_event_id", sa.String(64),
                  sa.ForeignKey("notification_intent.cause_event_id", ondelete="CASCADE"), primary_key=True),
        sa.Column("wait_key", sa.String(100), primary_key=True),
    )
    op.create_index("ix_intent_wait_wait_key", "intent_wait", ["wait_key"])
    op.create_table(
        "webhook",
        sa.Column("webhook_id", sa.Uuid, primary_key=True),
        sa.Column("organization_id", sa.Uuid, nullable=False),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("secret", sa.String(100), nullable=False),
        sa.Column("event_kinds", sa.JSON, nullable=False),
        sa.Column("created_by", sa.Uuid, nullable=False),
        sa.Column("created_at", _Aware, nullable=False),
        sa.Column("deleted_at", _Aware, nullable=True),
    )
    op.create_index("ix_webhook_organization_id", "webhook", ["organization_id"])
    op.create_table(
        "notification",
        sa.Column("position", _Position, primary_key=True, autoincrement=True),
        sa.Column("notification_id", sa.Uuid, nullable=False, unique=True),
        sa.Column("cause_event_id", sa.String(64), nullable=False),
        sa.Column("cause_event_type", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("recipient", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Uuid, nullable=False),
        sa.Column("organization_id", sa.Uuid, nullable=True),
        sa.Column("webhook_id", sa.Uuid, sa.ForeignKey("webhook.webhook_id"), nullable=True),
        sa.Column("locale", sa.String(2), nullable=False),
        sa.Column("address", sa.String(2000), nullable=True),
        sa.Column("subject", sa.String(500), nullable=False),
        sa.Column("body_text", sa.Text, nullable=False),
        sa.Column("body_html", sa.Text, nullable=True),
        sa.Column("link", sa.String(2000), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", _Aware, nullable=True),
        sa.Column("lease_id", sa.String(36), nullable=True),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.Column("created_at", _Aware, nullable=False),
        sa.Column("delivered_at", _Aware, nullable=True),
        sa.Column("dead_lettered_at", _Aware, nullable=True),
        sa.Column("read_at", _Aware, nullable=True),
        sa.UniqueConstraint("cause_event_id", "recipient", "channel", name="uq_notification_once"),
    )
    op.create_index("ix_notification_due", "notification", ["status", "next_attempt_at"])
    op.create_index("ix_notification_feed", "notification", ["user_id", "channel", "position"])
    op.create_table(
        "delivery_attempt",
        sa.Column("attempt_id", _Position, primary_key=True, autoincrement=True),
        sa.Column("notification_id", sa.Uuid, sa.ForeignKey("notification.notification_id"), nullable=False),
        sa.Column("at", _Aware, nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("detail", sa.Text, nullable=True),
        sa.Column("actor_id", sa.Uuid, nullable=True),
    )
    op.create_index("ix_delivery_attempt_notification_id", "delivery_attempt", ["notification_id"])
    op.create_table(
        "preference",
        sa.Column("user_id", sa.Uuid, primary_key=True),
        sa.Column("kind", sa.String(64), primary_key=True),
        sa.Column("channel", sa.String(16), primary_key=True),
        sa.Column("enabled", sa.Boolean, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("preference")
    op.drop_index("ix_delivery_attempt_notification_id", table_name="delivery_attempt")
    op.drop_table("delivery_attempt")
    op.drop_index("ix_notification_feed", table_name="notification")
    op.drop_index("ix_notification_due", table_name="notification")
    op.drop_table("notification")
    op.drop_index("ix_webhook_organization_id", table_name="webhook")
    op.drop_table("webhook")
    op.drop_index("ix_intent_wait_wait_key", table_name="intent_wait")
    op.drop_table("intent_wait")
    op.drop_index("ix_notification_intent_open", table_name="notification_intent")
    op.drop_table("notification_intent")
    op.drop_table("request")
    op.drop_table("project")
    op.drop_index("ix_person_organization_id", table_name="person")
    op.drop_table("person")
    op.drop_table("organization")
