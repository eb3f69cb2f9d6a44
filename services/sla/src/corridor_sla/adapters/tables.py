"""The sla service's own tables (its store; no other service reads them).

Operators own `calendar_overrides`, `sla_policies` (per request type) and `named_sla_policies` through
the API. `clocks` is the read model the stream worker keeps (one row per started clock, including its
whole event history), so that any replica can answer for any clock, recompute deadlines and count
statistics with plain queries.
"""

from __future__ import annotations

from sqlalchemy import (JSON, Boolean, Column, Date, DateTime, Float, Index, Integer, MetaData, String, Table,
                        Uuid)

metadata = MetaData()

calendar_overrides = Table(
    "calendar_overrides",
    metadata,
    Column("day", Date, primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("hours", Integer, nullable=True),
    Column("note", String(500), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", Uuid, nullable=True),
)


def _policy_terms() -> list[Column]:
    """What a policy says, the same for a request type's own policy and for a named one."""
    return [Column("target_working_days", Integer, nullable=False),
            Column("warn_at_percent", JSON, nullable=False),
            Column("warn_on_last_day", Boolean, nullable=False),
            Column("redirect_rule", String(16), nullable=False),
            Column("updated_at", DateTime(timezone=True), nullable=False),
            Column("updated_by", Uuid, nullable=True)]


# A request type's own policy: an override the agency set; it wins over the named policy the type names.
sla_policies = Table("sla_policies", metadata, Column("request_type", String(64), primary_key=True), *_policy_terms())

# The policies the requests catalogue names by code (supplier-7wd, ...): shipped as seed data, edited by operators.
named_sla_policies = Table("named_sla_policies", metadata, Column("code", String(64), primary_key=True),
                          *_policy_terms())

clocks = Table(
    "clocks",
    metadata,
    Column("request_id", Uuid, primary_key=True),
    Column("project_id", Uuid, nullable=False),
    Column("request_type", String(64), nullable=False),
    Column("recipient_organization_id", Uuid, nullable=False),
    Column("investor_organization_id", Uuid, nullable=True),
    Column("status", String(16), nullable=False),
    Column("registered_at", DateTime(timezone=True), nullable=False),
    Column("registered_on", Date, nullable=False),  # in the region's time zone: the statistics' period
    Column("deadline", DateTime(timezone=True), nullable=False),
    Column("due_on", Date, nullable=False),
    Column("closed_at", DateTime(timezone=True), nullable=True),
    Column("answered", Boolean, nullable=False),
    Column("response_working_days", Float, nullable=True),
    Column("next_check_at", DateTime(timezone=True), nullable=True),
    Column("record", JSON, nullable=False),  # the worker's TrackedClock, history included
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_clocks_status", "status"),
    Index("ix_clocks_recipient_registered", "recipient_organization_id", "registered_on"),
    Index("ix_clocks_type_registered", "request_type", "registered_on"),
)
