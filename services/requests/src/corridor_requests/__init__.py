"""Green Corridor requests service."""
