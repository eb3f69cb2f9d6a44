"""Calendar overrides, SLA policies and the clocks read model.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_overrides",
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("hours", sa.Integer, nullable=True),
        sa.Column("note", sa.String(500), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid, nullable=True),
    )
    op.create_table(
        "sla_policies",
        sa.Column("request_type", sa.String(64), primary_key=True),
        sa.Column("target_working_days", sa.Integer, nullable=False),
        sa.Column("warn_at_percent", sa.JSON, nullable=False),
        sa.Column("warn_on_last_day", sa.Boolean, nullable=False),
        sa.Column("redirect_rule", sa.String(16), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid, nullable=True),
    )
    op.create_table(
        "clocks",
        sa.Column("request_id", sa.Uuid, primary_key=True),
        sa.Column("project_id", sa.Uuid, nullable=False),
        sa.Column("request_type", sa.String(64), nullable=False),
        sa.Column("recipient_organization_id", sa.Uuid, nullable=False),
        sa.Column("investor_organization_id", sa.Uuid, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("registered_on", sa.Date, nullable=False),
        sa.Column("deadline", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_on", sa.Date, nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered", sa.Boolean, nullable=False),
        sa.Column("response_working_days", sa.Float, nullable=True),
        sa.Column("next_check_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("record", sa.JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_clocks_status", "clocks", ["status"])
    op.create_index("ix_clocks_recipient_registered", "clocks", ["recipient_organization_id", "registered_on"])
    op.create_index("ix_clocks_type_registered", "clocks", ["request_type", "registered_on"])


def downgrade() -> None:
    op.drop_index("ix_clocks_type_registered", table_name="clocks")
    op.drop_index("ix_clocks_recipient_registered", table_name="clocks")
    op.drop_index("ix_clocks_status", table_name="clocks")
    op.drop_table("clocks")
    op.drop_table("sla_policies")
    op.drop_table("calendar_overrides")
