"""Use cases of the requests service: one keyword-only function per thing a caller can do.

Each takes a session whose transaction the caller owns, checks the rules through the domain, writes,
and enqueues the events describing the change in that same transaction (the outbox).
"""
