"""Projects, their timeline and roadmaps, the investment rules, and the projections of other services.

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

# Frozen here on purpose (not imported from adapters/tables.py): a migration describes the schema it made.
_TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "projects",
        sa.Column("project_id", sa.Uuid, primary_key=True),
        sa.Column("investor_organization_id", sa.Uuid, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("name", sa.String(500), nullable=True),
        sa.Column("municipality_code", sa.String(32), nullable=True),
        sa.Column("industry_okved", sa.String(16), nullable=True),
        sa.Column("manager_user_id", sa.Uuid, nullable=True),
        sa.Column("passport", sa.JSON, nullable=False),
        sa.Column("passport_version", sa.Integer, nullable=False),
        sa.Column("review_note", sa.Text, nullable=True),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("created_by", sa.Uuid, nullable=False),
        sa.Column("created_at", _TIMESTAMP, nullable=False),
        sa.Column("updated_at", _TIMESTAMP, nullable=False),
        sa.Column("submitted_at", _TIMESTAMP, nullable=True),
    )
    for column in ("investor_organization_id", "status", "municipality_code", "manager_user_id"):
        op.create_index(f"ix_projects_{column}", "projects", [column])

    op.create_table(
        "timeline_entries",
        sa.Column("entry_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("project_id", sa.Uuid, sa.ForeignKey("projects.project_id"), nullable=False),
        sa.Column("occurred_at", _TIMESTAMP, nullable=False),
        sa.Column("actor_id", sa.Uuid, nullable=True),
        sa.Column("actor_role", sa.String(32), nullable=True),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("comment", sa.Text, nullable=True),
        sa.Column("details", sa.JSON, nullable=False),
    )
    op.create_index("ix_timeline_entries_project_id", "timeline_entries", ["project_id"])

    op.create_table(
        "roadmaps",
        sa.Column("project_id", sa.Uuid, sa.ForeignKey("projects.project_id"), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("starts_on", sa.Date, nullable=False),
        sa.Column("items", sa.JSON, nullable=False),
        sa.Column("published_at", _TIMESTAMP, nullable=False),
        sa.Column("published_by", sa.Uuid, nullable=True),
    )

    op.create_table(
        "roadmap_tasks",
        sa.Column("task_id", sa.Uuid, primary_key=True),
        sa.Column("project_id", sa.Uuid, sa.ForeignKey("projects.project_id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("algorithm_code", sa.String(64), nullable=False),
        sa.Column("algorithm_version", sa.Integer, nullable=False),
        sa.Column("step_code", sa.String(64), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("responsible_kind", sa.String(32), nullable=False),
        sa.Column("responsible_body", sa.String(500), nullable=True),
        sa.Column("request_type_code", sa.String(64), nullable=True),
        sa.Column("term", sa.Integer, nullable=False),
        sa.Column("term_unit", sa.String(16), nullable=False),
        sa.Column("starts_on", sa.Date, nullable=False),
        sa.Column("due_on", sa.Date, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("status_comment", sa.Text, nullable=True),
        sa.Column("request_id", sa.Uuid, nullable=True),
        sa.Column("at_risk", sa.Boolean, nullable=False),
        sa.Column("updated_at", _TIMESTAMP, nullable=False),
    )
    op.create_index("ix_roadmap_tasks_project_id", "roadmap_tasks", ["project_id"])
    op.create_index("ix_roadmap_tasks_status_due_on", "roadmap_tasks", ["status", "due_on"])

    op.create_table(
        "algorithm_versions",
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("definition", sa.JSON, nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("created_at", _TIMESTAMP, nullable=False),
        sa.Column("created_by", sa.Uuid, nullable=True),
    )
    op.create_table(
        "catalogue_files",
        sa.Column("catalogue", sa.String(64), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("loaded_at", _TIMESTAMP, nullable=False),
    )

    op.create_table(
        "request_links",
        sa.Column("request_id", sa.Uuid, primary_key=True),
        sa.Column("project_id", sa.Uuid, nullable=False),
        sa.Column("task_id", sa.Uuid, nullable=True),
        sa.Column("at_risk", sa.Boolean, nullable=False),
    )
    op.create_table(
        "project_recipients",
        sa.Column("project_id", sa.Uuid, primary_key=True),
        sa.Column("organization_id", sa.Uuid, primary_key=True),
    )
    op.create_index("ix_project_recipients_organization_id", "project_recipients", ["organization_id"])
    op.create_table(
        "directory_organizations",
        sa.Column("organization_id", sa.Uuid, primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("short_name", sa.String(200), nullable=False),
        sa.Column("full_name", sa.String(500), nullable=False),
        sa.Column("inn", sa.String(12), nullable=True),
        sa.Column("municipality_code", sa.String(32), nullable=True),
    )
    op.create_table(
        "directory_users",
        sa.Column("user_id", sa.Uuid, primary_key=True),
        sa.Column("organization_id", sa.Uuid, nullable=True),
        sa.Column("full_name", sa.String(300), nullable=True),
        sa.Column("email", sa.String(320), nullable=True),
        sa.Column("roles", sa.JSON, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
    )


def downgrade() -> None:
    for table in ("directory_users", "directory_organizations", "project_recipients", "request_links",
                  "catalogue_files", "algorithm_versions", "roadmap_tasks", "roadmaps", "timeline_entries",
                  "projects"):
        op.drop_table(table)
