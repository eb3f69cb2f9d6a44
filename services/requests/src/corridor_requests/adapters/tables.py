"""The requests service's own tables (its store; no other service reads them)."""

from __future__ import annotations

from sqlalchemy import MetaData

metadata = MetaData()
