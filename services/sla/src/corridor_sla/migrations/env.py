"""Alembic environment of the sla service; the chassis runs it the same way in every service."""

from corridor_chassis.migrations import run_migrations
from corridor_sla.adapters.tables import metadata

run_migrations(metadata)
