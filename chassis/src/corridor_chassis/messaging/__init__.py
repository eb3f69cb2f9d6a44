"""Reliable messaging: transactional outbox and relay, inbox consumer, dead-letter topics."""
