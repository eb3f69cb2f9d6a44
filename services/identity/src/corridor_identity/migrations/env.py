"""Alembic environment of the identity service; the chassis runs it the same way in every service."""

from corridor_chassis.migrations import run_migrations
from corridor_identity.adapters.tables import metadata

run_migrations(metadata)
