"""What a change of calendar or policy did to the open clocks, as the API answers it."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from pydantic import BaseModel, Field

from corridor_sla.domain.recompute import DeadlineChange


class DeadlineChangeOut(BaseModel):
    request_id: str
    old_deadline: datetime = Field(description="Exclusive: breached from this instant on.")
    new_deadline: datetime
    old_due_on: date = Field(description="The last working day to answer on time.")
    new_due_on: date


class RecomputedOut(BaseModel):
    recomputed: list[DeadlineChangeOut] = Field(description="Open clocks whose deadline moved.")


def recomputed(changes: list[DeadlineChange]) -> list[DeadlineChangeOut]:
    """Deadlines are exclusive instants in the region's zone; the due day is the one they end."""
    def due(deadline: datetime) -> date:
        return (deadline - timedelta(microseconds=1)).date()

    return [DeadlineChangeOut(request_id=c.clock_id, old_deadline=c.old_deadline, new_deadline=c.new_deadline,
                              old_due_on=due(c.old_deadline), new_due_on=due(c.new_deadline)) for c in changes]
