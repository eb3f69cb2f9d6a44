"""Use cases of the projects service: keyword-only functions that take a session and do one thing."""
