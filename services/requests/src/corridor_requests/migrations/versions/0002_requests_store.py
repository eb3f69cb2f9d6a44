"""The requests store: projections, catalogue and routing rules, requests with steps and documents,
supplier responses applied and rejected. Kept identical to adapters/tables.py.

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

MOMENT = sa.DateTime(timezone=True)
SERIAL = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "organizations",
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("short_name", sa.String(200), nullable=False),
        sa.Column("full_name", sa.String(500), nullable=False),
        sa.Column("short_code", sa.String(40), nullable=True),
        sa.Column("inn", sa.String(12), nullable=False),
        sa.Column("municipality_code", sa.String(32), nullable=True),
        sa.Column("resources", sa.JSON(), nullable=False),
        sa.Column("registered_at", MOMENT, nullable=False),
        sa.PrimaryKeyConstraint("organization_id", name="pk_organizations"),
    )
    op.create_index("ix_organizations_short_code", "organizations", ["short_code"])
    op.create_table(
        "projects",
        sa.Column("project_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("investor_organization_id", sa.Uuid(), nullable=False),
        sa.Column("municipality_code", sa.String(32), nullable=False),
        sa.Column("site_address", sa.Text(), nullable=True),
        sa.Column("cadastral_number", sa.String(64), nullable=True),
        sa.Column("industry_okved", sa.String(16), nullable=True),
        sa.Column("manager_user_id", sa.Uuid(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("changed_at", MOMENT, nullable=False),
        sa.PrimaryKeyConstraint("project_id", name="pk_projects"),
    )
    op.create_index("ix_projects_investor_organization_id", "projects", ["investor_organization_id"])
    op.create_table(
        "roadmap_tasks",
        sa.Column("task_id", sa.Uuid(), nullable=False),
        sa.Column("project_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("request_type_code", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("task_id", name="pk_roadmap_tasks"),
    )
    op.create_index("ix_roadmap_tasks_project_id", "roadmap_tasks", ["project_id"])

    op.create_table(
        "request_types",
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("recipient_kind", sa.String(32), nullable=False),
        sa.Column("sla_policy_code", sa.String(64), nullable=False),
        sa.Column("target_working_days", sa.Integer(), nullable=False),
        sa.Column("required_documents", sa.JSON(), nullable=False),
        sa.Column("form_fields", sa.JSON(), nullable=False),
        sa.Column("roadmap_step", sa.JSON(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", MOMENT, nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.PrimaryKeyConstraint("code", name="pk_request_types"),
    )
    op.create_table(
        "routing_rules",
        sa.Column("rule_id", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("request_types", sa.JSON(), nullable=False),
        sa.Column("municipalities", sa.JSON(), nullable=False),
        sa.Column("conditions", sa.JSON(), nullable=False),
        sa.Column("recipient", sa.JSON(), nullable=False),
        sa.Column("updated_at", MOMENT, nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.PrimaryKeyConstraint("rule_id", name="pk_routing_rules"),
        sa.UniqueConstraint("position", name="uq_routing_rules_position"),
    )

    op.create_table(
        "requests",
        sa.Column("request_id", sa.Uuid(), nullable=False),
        sa.Column("project_id", sa.Uuid(), nullable=False),
        sa.Column("investor_organization_id", sa.Uuid(), nullable=False),
        sa.Column("request_type_code", sa.String(64), nullable=False),
        sa.Column("subject", sa.String(500), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("recipient_organization_id", sa.Uuid(), nullable=True),
        sa.Column("recipient_kind", sa.String(32), nullable=True),
        sa.Column("routing_rule_id", sa.String(64), nullable=True),
        sa.Column("routing_explanation", sa.Text(), nullable=True),
        sa.Column("sla_policy_code", sa.String(64), nullable=False),
        sa.Column("roadmap_task_id", sa.Uuid(), nullable=True),
        sa.Column("registered_at", MOMENT, nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.String(32), nullable=True),
        sa.Column("submitted_by", sa.Uuid(), nullable=True),
        sa.Column("updated_at", MOMENT, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("request_id", name="pk_requests"),
    )
    op.create_index("ix_requests_project_id", "requests", ["project_id"])
    op.create_index("ix_requests_recipient_organization_id_status", "requests",
                    ["recipient_organization_id", "status"])
    op.create_index("ix_requests_investor_organization_id_registered_at", "requests",
                    ["investor_organization_id", "registered_at"])
    op.create_table(
        "request_steps",
        sa.Column("step_id", SERIAL, autoincrement=True, nullable=False),
        sa.Column("request_id", sa.Uuid(), nullable=False),
        sa.Column("step", sa.String(32), nullable=False),
        sa.Column("from_status", sa.String(32), nullable=True),
        sa.Column("to_status", sa.String(32), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("actor_organization_id", sa.Uuid(), nullable=True),
        sa.Column("organization_id", sa.Uuid(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("occurred_at", MOMENT, nullable=False),
        sa.ForeignKeyConstraint(["request_id"], ["requests.request_id"], name="fk_request_steps_request_id_requests"),
        sa.PrimaryKeyConstraint("step_id", name="pk_request_steps"),
    )
    op.create_index("ix_request_steps_request_id", "request_steps", ["request_id"])
    op.create_table(
        "documents",
        sa.Column("document_id", sa.Uuid(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("content_type", sa.String(127), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("kind", sa.String(64), nullable=True),
        sa.Column("uploaded_by", sa.Uuid(), nullable=True),
        sa.Column("uploaded_by_organization_id", sa.Uuid(), nullable=False),
        sa.Column("uploaded_at", MOMENT, nullable=False),
        sa.Column("request_id", sa.Uuid(), nullable=True),
        sa.Column("step_id", SERIAL, nullable=True),
        sa.ForeignKeyConstraint(["request_id"], ["requests.request_id"], name="fk_documents_request_id_requests"),
        sa.ForeignKeyConstraint(["step_id"], ["request_steps.step_id"], name="fk_documents_step_id_request_steps"),
        sa.PrimaryKeyConstraint("document_id", name="pk_documents"),
    )
    op.create_index("ix_documents_sha256", "documents", ["sha256"])
    op.create_index("ix_documents_uploaded_by_organization_id", "documents", ["uploaded_by_organization_id"])
    op.create_index("ix_documents_request_id", "documents", ["request_id"])

    op.create_table(
        "supplier_responses",
        sa.Column("response_id", sa.Uuid(), nullable=False),
        sa.Column("request_id", sa.Uuid(), nullable=False),
        sa.Column("supplier_organization_id", sa.Uuid(), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("applied_at", MOMENT, nullable=False),
        sa.ForeignKeyConstraint(["request_id"], ["requests.request_id"],
                                name="fk_supplier_responses_request_id_requests"),
        sa.PrimaryKeyConstraint("response_id", name="pk_supplier_responses"),
    )
    op.create_index("ix_supplier_responses_request_id", "supplier_responses", ["request_id"])
    op.create_table(
        "supplier_response_rejections",
        sa.Column("rejection_id", SERIAL, autoincrement=True, nullable=False),
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("response_id", sa.Uuid(), nullable=False),
        sa.Column("request_id", sa.Uuid(), nullable=False),
        sa.Column("claimed_organization_id", sa.Uuid(), nullable=False),
        sa.Column("sender_organization_id", sa.Uuid(), nullable=True),
        sa.Column("reason", sa.String(64), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("rejected_at", MOMENT, nullable=False),
        sa.PrimaryKeyConstraint("rejection_id", name="pk_supplier_response_rejections"),
    )
    op.create_index("ix_supplier_response_rejections_response_id", "supplier_response_rejections", ["response_id"])


def downgrade() -> None:
    for table in ("supplier_response_rejections", "supplier_responses", "documents", "request_steps", "requests",
                  "routing_rules", "request_types", "roadmap_tasks", "projects", "organizations"):
        op.drop_table(table)  # a table's indexes go with it
