"""Use cases of the sla service: each takes a session, does one thing, and enqueues the events it causes."""
