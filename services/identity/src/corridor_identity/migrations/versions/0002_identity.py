"""Organisations, users and roles, credentials, sessions, invitations, service accounts, signing keys, audit.

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
_MOMENT = sa.DateTime(timezone=True)
_AUTO_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "organizations",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("full_name", sa.String(500), nullable=False),
        sa.Column("short_name", sa.String(200), nullable=False),
        sa.Column("inn", sa.String(12), nullable=False, unique=True),
        sa.Column("ogrn", sa.String(15), nullable=True),
        sa.Column("kpp", sa.String(9), nullable=True),
        sa.Column("municipality_code", sa.String(32), nullable=True),
        sa.Column("resources", sa.JSON, nullable=False),
        sa.Column("short_code", sa.String(40), nullable=True, unique=True),
        sa.Column("created_at", _MOMENT, nullable=False),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("email", sa.String(254), nullable=False, unique=True),
        sa.Column("full_name", sa.String(300), nullable=False),
        sa.Column("organization_id", sa.Uuid, sa.ForeignKey("organizations.id"), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=True),
        sa.Column("locale", sa.String(2), nullable=False),
        sa.Column("created_at", _MOMENT, nullable=False),
        sa.Column("deactivated_at", _MOMENT, nullable=True),
        sa.Column("deactivation_reason", sa.String(500), nullable=True),
    )
    op.create_index("ix_users_organization_id", "users", ["organization_id"])
    op.create_table(
        "user_roles",
        sa.Column("user_id", sa.Uuid, sa.ForeignKey("users.id"), primary_key=True),
        sa.Column("role", sa.String(32), primary_key=True),
    )
    op.create_table(
        "refresh_families",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("user_id", sa.Uuid, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("created_at", _MOMENT, nullable=False),
        sa.Column("expires_at", _MOMENT, nullable=False),
        sa.Column("revoked_at", _MOMENT, nullable=True),
        sa.Column("revocation_reason", sa.String(32), nullable=True),
    )
    op.create_index("ix_refresh_families_user_id", "refresh_families", ["user_id"])
    op.create_table(
        "refresh_tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("family_id", sa.Uuid, sa.ForeignKey("refresh_families.id"), nullable=False),
        sa.Column("issued_at", _MOMENT, nullable=False),
        sa.Column("expires_at", _MOMENT, nullable=False),
        sa.Column("rotated_at", _MOMENT, nullable=True),
    )
    op.create_index("ix_refresh_tokens_family_id", "refresh_tokens", ["family_id"])
    op.create_table(
        "invitations",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("organization_id", sa.Uuid, sa.ForeignKey("organizations.id"), nullable=False),
        sa.Column("roles", sa.JSON, nullable=False),
        sa.Column("invited_by", sa.Uuid, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", _MOMENT, nullable=False),
        sa.Column("expires_at", _MOMENT, nullable=False),
        sa.Column("accepted_at", _MOMENT, nullable=True),
    )
    op.create_index("ix_invitations_email", "invitations", ["email"])
    op.create_table(
        "service_accounts",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("client_id", sa.String(64), nullable=False, unique=True),
        sa.Column("organization_id", sa.Uuid, sa.ForeignKey("organizations.id"), nullable=False),
        sa.Column("secret_hash", sa.String(64), nullable=False),
        sa.Column("created_at", _MOMENT, nullable=False),
        sa.Column("deactivated_at", _MOMENT, nullable=True),
    )
    op.create_index("ix_service_accounts_organization_id", "service_accounts", ["organization_id"])
    op.create_table(
        "login_throttles",
        sa.Column("scope", sa.String(16), primary_key=True),
        sa.Column("key", sa.String(254), primary_key=True),
        sa.Column("failures", sa.JSON, nullable=False),
        sa.Column("locked_until", _MOMENT, nullable=True),
        sa.Column("lockouts", sa.Integer, nullable=False),
    )
    op.create_table(
        "signing_key_sets",
        sa.Column("issuer", sa.String(200), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("active_kid", sa.String(64), nullable=False),
        sa.Column("upcoming_kid", sa.String(64), nullable=False),
        sa.Column("updated_at", _MOMENT, nullable=False),
    )
    op.create_table(
        "signing_keys",
        sa.Column("kid", sa.String(64), primary_key=True),
        sa.Column("issuer", sa.String(200), sa.ForeignKey("signing_key_sets.issuer"), nullable=False),
        sa.Column("private_key_pem", sa.Text, nullable=False),
        sa.Column("created_at", _MOMENT, nullable=False),
        sa.Column("retired_at", _MOMENT, nullable=True),
    )
    op.create_index("ix_signing_keys_issuer", "signing_keys", ["issuer"])
    op.create_table(
        "audit_records",
        sa.Column("id", _AUTO_ID, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("occurred_at", _MOMENT, nullable=False),
        sa.Column("actor", sa.String(64), nullable=True),
        sa.Column("subject", sa.String(64), nullable=True),
        sa.Column("email", sa.String(254), nullable=True),
        sa.Column("client_ip", sa.String(64), nullable=True),
        sa.Column("details", sa.JSON, nullable=False),
    )
    op.create_index("ix_audit_records_kind_occurred_at", "audit_records", ["kind", "occurred_at"])
    op.create_index("ix_audit_records_occurred_at", "audit_records", ["occurred_at"])


def downgrade() -> None:
    for table in ("audit_records", "signing_keys", "signing_key_sets", "login_throttles", "service_accounts",
                  "invitations", "refresh_tokens", "refresh_families", "user_roles", "users", "organizations"):
        op.drop_table(table)
