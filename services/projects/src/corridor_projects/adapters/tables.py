"""The projects service's own tables (its store; no other service reads them).

Migrations in migrations/versions/ create exactly these; tests/test_services_start.py compares them.
Closed sets (statuses, kinds) are strings checked by the domain, not database enums, so a new value
needs no migration. Passports and algorithm definitions are JSON documents validated by the domain
models; the columns beside them are what lists filter and sort on.
"""

from __future__ import annotations


from sqlalchemy import (
    JSON, Boolean, Column, Date, ForeignKey, Index, Integer, MetaData, String, Table, Text, Uuid,
)

from corridor_chassis.database import UtcDateTime

metadata = MetaData()


projects = Table(
    "projects", metadata,
    Column("project_id", Uuid, primary_key=True),
    Column("investor_organization_id", Uuid, nullable=False, index=True),
    Column("status", String(16), nullable=False, index=True),
    Column("name", String(500), nullable=True),
    Column("municipality_code", String(32), nullable=True, index=True),
    Column("industry_okved", String(16), nullable=True),
    Column("manager_user_id", Uuid, nullable=True, index=True),
    Column("passport", JSON, nullable=False),
    Column("passport_version", Integer, nullable=False),  # submissions so far
    Column("review_note", Text, nullable=True),  # reason or remarks of the latest decision
    Column("revision", Integer, nullable=False),  # optimistic concurrency: every change increments it
    Column("created_by", Uuid, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("submitted_at", UtcDateTime, nullable=True),
)

timeline_entries = Table(
    "timeline_entries", metadata,
    Column("entry_id", Integer, primary_key=True, autoincrement=True),
    Column("project_id", Uuid, ForeignKey("projects.project_id"), nullable=False, index=True),
    Column("occurred_at", UtcDateTime, nullable=False),
    Column("actor_id", Uuid, nullable=True),
    Column("actor_role", String(32), nullable=True),
    Column("action", String(32), nullable=False),
    Column("comment", Text, nullable=True),
    Column("details", JSON, nullable=False),
)

roadmaps = Table(
    "roadmaps", metadata,
    Column("project_id", Uuid, ForeignKey("projects.project_id"), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("items", JSON, nullable=False),  # what the manager composed: algorithm, version, after
    Column("published_at", UtcDateTime, nullable=False),
    Column("published_by", Uuid, nullable=True),
)

roadmap_tasks = Table(
    "roadmap_tasks", metadata,
    Column("task_id", Uuid, primary_key=True),
    Column("project_id", Uuid, ForeignKey("projects.project_id"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("algorithm_code", String(64), nullable=False),
    Column("algorithm_version", Integer, nullable=False),
    Column("step_code", String(64), nullable=False),
    Column("title", String(500), nullable=False),
    Column("responsible_kind", String(32), nullable=False),
    Column("responsible_body", String(500), nullable=True),
    Column("request_type_code", String(64), nullable=True),
    Column("term", Integer, nullable=False),
    Column("term_unit", String(16), nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("due_on", Date, nullable=False),
    Column("status", String(16), nullable=False),
    Column("status_comment", Text, nullable=True),
    Column("request_id", Uuid, nullable=True),
    Column("at_risk", Boolean, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Index("ix_roadmap_tasks_status_due_on", "status", "due_on"),
)

algorithm_versions = Table(
    "algorithm_versions", metadata,
    Column("code", String(64), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("title", String(500), nullable=False),
    Column("definition", JSON, nullable=False),  # the whole algorithm, steps included
    Column("source", String(200), nullable=False),  # "<catalogue>@<file version>" or "api"
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", Uuid, nullable=True),
)

catalogue_files = Table(
    "catalogue_files", metadata,
    Column("catalogue", String(64), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("loaded_at", UtcDateTime, nullable=False),
)

# Projections of other services' facts. No foreign keys: events of different topics arrive in any order.
request_links = Table(
    "request_links", metadata,
    Column("request_id", Uuid, primary_key=True),
    Column("project_id", Uuid, nullable=False),
    Column("task_id", Uuid, nullable=True),  # null until RequestSubmitted names it (or if it names none)
    Column("at_risk", Boolean, nullable=False),
)

project_recipients = Table(
    "project_recipients", metadata,
    Column("project_id", Uuid, primary_key=True),
    Column("organization_id", Uuid, primary_key=True, index=True),
)

directory_organizations = Table(
    "directory_organizations", metadata,
    Column("organization_id", Uuid, primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("short_name", String(200), nullable=False),
    Column("full_name", String(500), nullable=False),
    Column("inn", String(12), nullable=True),
    Column("municipality_code", String(32), nullable=True),
)

directory_users = Table(
    "directory_users", metadata,
    Column("user_id", Uuid, primary_key=True),
    Column("organization_id", Uuid, nullable=True),
    Column("full_name", String(300), nullable=True),  # null while only a later event has been seen
    Column("email", String(320), nullable=True),
    Column("roles", JSON, nullable=False),
    Column("active", Boolean, nullable=False),
)
