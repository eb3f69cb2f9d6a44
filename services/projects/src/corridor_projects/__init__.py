"""Green Corridor projects service."""
