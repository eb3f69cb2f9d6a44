"""The one service chassis shared by every Green Corridor service.

It holds the plumbing every service needs in the same shape — typed settings, the database engine and
migrations, the transactional outbox and its relay, the inbox consumer with a dead-letter topic,
telemetry, health, token verification and the RFC 9457 error format — and nothing about the domain.
"""
