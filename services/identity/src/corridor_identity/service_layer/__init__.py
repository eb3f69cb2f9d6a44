"""Use cases of the identity service: each takes a session, does one thing and commits it with its events."""
