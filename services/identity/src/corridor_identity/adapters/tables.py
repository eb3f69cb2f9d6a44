"""The identity service's own tables (its store; no other service reads them).

Secrets are stored only in forms useless to a thief: argon2id hashes of passwords, SHA-256 hashes of
refresh tokens, invitation links and client secrets, and signing keys as encrypted PKCS#8 PEM.
Migration 0002 creates exactly these tables; tests/test_services_start.py checks there is no drift.
"""

from __future__ import annotations


from sqlalchemy import (JSON, BigInteger, Column, ForeignKey, Index, Integer, MetaData, String, Table, Text,
                        Uuid)

from corridor_chassis.database import UtcDateTime

metadata = MetaData()

_Id = BigInteger().with_variant(Integer(), "sqlite")  # SQLite autoincrements only INTEGER PRIMARY KEY


def _moment(name: str, *, nullable: bool = False) -> Column:
    return Column(name, UtcDateTime, nullable=nullable)


organizations = Table(
    "organizations", metadata,
    Column("id", Uuid, primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("full_name", String(500), nullable=False),
    Column("short_name", String(200), nullable=False),
    Column("inn", String(12), nullable=False, unique=True),
    Column("ogrn", String(15), nullable=True),
    Column("kpp", String(9), nullable=True),
    Column("municipality_code", String(32), nullable=True),
    Column("resources", JSON, nullable=False),
    Column("short_code", String(40), nullable=True, unique=True),
    _moment("created_at"),
)

users = Table(
    "users", metadata,
    Column("id", Uuid, primary_key=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("full_name", String(300), nullable=False),
    Column("organization_id", Uuid, ForeignKey("organizations.id"), nullable=False, index=True),
    Column("password_hash", String(255), nullable=True),
    Column("locale", String(2), nullable=False),
    _moment("created_at"),
    _moment("deactivated_at", nullable=True),
    Column("deactivation_reason", String(500), nullable=True),
)

# A user is a member of one organisation; these are the roles the membership carries.
user_roles = Table(
    "user_roles", metadata,
    Column("user_id", Uuid, ForeignKey("users.id"), primary_key=True),
    Column("role", String(32), primary_key=True),
)

refresh_families = Table(
    "refresh_families", metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, ForeignKey("users.id"), nullable=False, index=True),
    _moment("created_at"),
    _moment("expires_at"),
    _moment("revoked_at", nullable=True),
    Column("revocation_reason", String(32), nullable=True),
)

refresh_tokens = Table(
    "refresh_tokens", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("family_id", Uuid, ForeignKey("refresh_families.id"), nullable=False, index=True),
    _moment("issued_at"),
    _moment("expires_at"),
    _moment("rotated_at", nullable=True),
)

invitations = Table(
    "invitations", metadata,
    Column("id", Uuid, primary_key=True),
    Column("email", String(254), nullable=False, index=True),
    Column("organization_id", Uuid, ForeignKey("organizations.id"), nullable=False),
    Column("roles", JSON, nullable=False),
    Column("invited_by", Uuid, ForeignKey("users.id"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    _moment("created_at"),
    _moment("expires_at"),
    _moment("accepted_at", nullable=True),
)

service_accounts = Table(
    "service_accounts", metadata,
    Column("id", Uuid, primary_key=True),
    Column("client_id", String(64), nullable=False, unique=True),
    Column("organization_id", Uuid, ForeignKey("organizations.id"), nullable=False, index=True),
    Column("secret_hash", String(64), nullable=False),
    _moment("created_at"),
    _moment("deactivated_at", nullable=True),
)

# Recent login failures of one key: scope "account" (the e-mail as typed) or "client_ip".
login_throttles = Table(
    "login_throttles", metadata,
    Column("scope", String(16), primary_key=True),
    Column("key", String(254), primary_key=True),
    Column("failures", JSON, nullable=False),
    _moment("locked_until", nullable=True),
    Column("lockouts", Integer, nullable=False),
)

# One row per issuer: its version guards the key set against two replicas rotating at once.
signing_key_sets = Table(
    "signing_key_sets", metadata,
    Column("issuer", String(200), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("active_kid", String(64), nullable=False),
    Column("upcoming_kid", String(64), nullable=False),
    _moment("updated_at"),
)

signing_keys = Table(
    "signing_keys", metadata,
    Column("kid", String(64), primary_key=True),
    Column("issuer", String(200), ForeignKey("signing_key_sets.issuer"), nullable=False, index=True),
    Column("private_key_pem", Text, nullable=False),
    _moment("created_at"),
    _moment("retired_at", nullable=True),
)

audit_records = Table(
    "audit_records", metadata,
    Column("id", _Id, primary_key=True, autoincrement=True),
    Column("kind", String(64), nullable=False),
    _moment("occurred_at"),
    Column("actor", String(64), nullable=True),
    Column("subject", String(64), nullable=True),
    Column("email", String(254), nullable=True),
    Column("client_ip", String(64), nullable=True),
    Column("details", JSON, nullable=False),
    Index("ix_audit_records_kind_occurred_at", "kind", "occurred_at"),
    Index("ix_audit_records_occurred_at", "occurred_at"),
)
