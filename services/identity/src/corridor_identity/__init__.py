"""Green Corridor identity service."""
