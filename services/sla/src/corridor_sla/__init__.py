"""Green Corridor sla service."""
