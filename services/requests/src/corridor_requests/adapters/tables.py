"""The requests service's own tables (its store; no other service reads them).

Three groups: projections of other services' facts (organisations, accepted projects, roadmap tasks,
kept from their events), the service's reference data (request types, routing rules), and its own
aggregates (requests with their steps, documents, supplier responses applied or rejected).
Migrations (migrations/versions/) create exactly these; tests/test_services_start.py checks for drift.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    JSON, BigInteger, Boolean, Column, Date, DateTime, ForeignKey, Index, Integer, MetaData, String, Table, Text, Uuid,
)
from sqlalchemy.types import TypeDecorator

metadata = MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

# BigInteger autoincrement does not work on SQLite; INTEGER PRIMARY KEY is its row id there.
_Serial = BigInteger().with_variant(Integer(), "sqlite")


class Moment(TypeDecorator):
    """An aware instant, stored in UTC. SQLite keeps no offset, so UTC is re-attached on reading."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("a naive datetime is ambiguous; pass an aware one")
        return value.astimezone(timezone.utc) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


_Moment = Moment()

# --- projections -----------------------------------------------------------------------------------
organizations = Table(
    "organizations", metadata,
    Column("organization_id", Uuid, primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("short_name", String(200), nullable=False),
    Column("full_name", String(500), nullable=False),
    Column("short_code", String(40), nullable=True, index=True),
    Column("inn", String(12), nullable=False),
    Column("municipality_code", String(32), nullable=True),
    Column("resources", JSON, nullable=False),
    Column("registered_at", _Moment, nullable=False),
)

projects = Table(
    "projects", metadata,
    Column("project_id", Uuid, primary_key=True),
    Column("name", String(500), nullable=False),
    Column("investor_organization_id", Uuid, nullable=False, index=True),
    Column("municipality_code", String(32), nullable=False),
    Column("site_address", Text, nullable=True),
    Column("cadastral_number", String(64), nullable=True),
    Column("industry_okved", String(16), nullable=True),
    Column("manager_user_id", Uuid, nullable=True),
    Column("status", String(16), nullable=False),
    Column("changed_at", _Moment, nullable=False),
)

roadmap_tasks = Table(
    "roadmap_tasks", metadata,
    Column("task_id", Uuid, primary_key=True),
    Column("project_id", Uuid, nullable=False, index=True),
    Column("title", String(500), nullable=False),
    Column("request_type_code", String(64), nullable=True),
)

# --- reference data ----------------------------------------------------------------------------------
request_types = Table(
    "request_types", metadata,
    Column("code", String(64), primary_key=True),
    Column("name", String(300), nullable=False),
    Column("description", Text, nullable=False),
    Column("recipient_kind", String(32), nullable=False),
    Column("sla_policy_code", String(64), nullable=False),
    Column("target_working_days", Integer, nullable=False),
    Column("required_documents", JSON, nullable=False),
    Column("form_fields", JSON, nullable=False),
    Column("roadmap_steps", JSON, nullable=False),  # [{algorithm_code, step}], since migration 0003
    Column("active", Boolean, nullable=False),
    Column("updated_at", _Moment, nullable=False),
    Column("updated_by", Uuid, nullable=True),
)

routing_rules = Table(
    "routing_rules", metadata,
    Column("rule_id", String(64), primary_key=True),
    Column("position", Integer, nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("request_types", JSON, nullable=False),
    Column("municipalities", JSON, nullable=False),
    Column("conditions", JSON, nullable=False),
    Column("recipient", JSON, nullable=False),
    Column("updated_at", _Moment, nullable=False),
    Column("updated_by", Uuid, nullable=True),
)

# --- requests ------------------------------------------------------------------------------------------
requests = Table(
    "requests", metadata,
    Column("request_id", Uuid, primary_key=True),
    Column("project_id", Uuid, nullable=False, index=True),
    Column("investor_organization_id", Uuid, nullable=False),
    Column("request_type_code", String(64), nullable=False),
    Column("subject", String(500), nullable=False),
    Column("payload", JSON, nullable=False),
    Column("status", String(32), nullable=False),
    Column("recipient_organization_id", Uuid, nullable=True),
    Column("recipient_kind", String(32), nullable=True),
    Column("routing_rule_id", String(64), nullable=True),
    Column("routing_explanation", Text, nullable=True),
    Column("sla_policy_code", String(64), nullable=False),
    Column("roadmap_task_id", Uuid, nullable=True),
    Column("registered_at", _Moment, nullable=False),
    Column("due_on", Date, nullable=True),
    Column("outcome", String(32), nullable=True),
    Column("submitted_by", Uuid, nullable=True),
    Column("updated_at", _Moment, nullable=False),
    # Optimistic concurrency: a step updates the row only if nobody else moved it first.
    Column("version", Integer, nullable=False),
    Index(None, "recipient_organization_id", "status"),
    Index(None, "investor_organization_id", "registered_at"),
)

request_steps = Table(
    "request_steps", metadata,
    Column("step_id", _Serial, primary_key=True, autoincrement=True),
    Column("request_id", Uuid, ForeignKey("requests.request_id"), nullable=False, index=True),
    Column("step", String(32), nullable=False),
    Column("from_status", String(32), nullable=True),
    Column("to_status", String(32), nullable=False),
    Column("actor_id", Uuid, nullable=True),
    Column("actor_organization_id", Uuid, nullable=True),
    Column("organization_id", Uuid, nullable=True),  # the recipient the step concerns
    Column("text", Text, nullable=True),  # question, clarification, answer or reason
    Column("occurred_at", _Moment, nullable=False),
)

documents = Table(
    "documents", metadata,
    Column("document_id", Uuid, primary_key=True),
    Column("sha256", String(64), nullable=False, index=True),
    Column("size_bytes", BigInteger, nullable=False),
    Column("content_type", String(127), nullable=False),
    Column("file_name", String(255), nullable=False),
    Column("kind", String(64), nullable=True),  # which required document it is, if any
    Column("uploaded_by", Uuid, nullable=True),
    Column("uploaded_by_organization_id", Uuid, nullable=False, index=True),
    Column("uploaded_at", _Moment, nullable=False),
    Column("request_id", Uuid, ForeignKey("requests.request_id"), nullable=True, index=True),
    Column("step_id", _Serial, ForeignKey("request_steps.step_id"), nullable=True),
)

# --- supplier responses from Kafka ---------------------------------------------------------------------
supplier_responses = Table(
    "supplier_responses", metadata,
    Column("response_id", Uuid, primary_key=True),  # a response is applied once, whatever the record id
    Column("request_id", Uuid, ForeignKey("requests.request_id"), nullable=False, index=True),
    Column("supplier_organization_id", Uuid, nullable=False),
    Column("action", String(32), nullable=False),
    Column("applied_at", _Moment, nullable=False),
)

supplier_response_rejections = Table(
    "supplier_response_rejections", metadata,
    Column("rejection_id", _Serial, primary_key=True, autoincrement=True),
    Column("event_id", String(64), nullable=False),
    Column("response_id", Uuid, nullable=False, index=True),
    Column("request_id", Uuid, nullable=False),
    Column("claimed_organization_id", Uuid, nullable=False),
    Column("sender_organization_id", Uuid, nullable=True),  # from a verified token only
    Column("reason", String(64), nullable=False),
    Column("detail", Text, nullable=False),
    Column("rejected_at", _Moment, nullable=False),
)
