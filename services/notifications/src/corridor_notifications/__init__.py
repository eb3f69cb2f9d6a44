"""Green Corridor notifications service."""
