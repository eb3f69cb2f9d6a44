"""Green Corridor web cabinets (backend-for-frontend)."""
