"""Use cases of the notifications service: keyword-only functions that take a session and do one thing."""
