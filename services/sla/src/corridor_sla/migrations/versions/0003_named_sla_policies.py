"""Named SLA policies: the ones the requests catalogue names by code (supplier-7wd, ...).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26

The shipped policies are loaded at start (seed/named_policies.toml), not here, so that a code added to
the seed file later reaches existing stores too.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "named_sla_policies",
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column("target_working_days", sa.Integer, nullable=False),
        sa.Column("warn_at_percent", sa.JSON, nullable=False),
        sa.Column("warn_on_last_day", sa.Boolean, nullable=False),
        sa.Column("redirect_rule", sa.String(16), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("named_sla_policies")
