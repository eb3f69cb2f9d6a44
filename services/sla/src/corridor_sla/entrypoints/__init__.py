"""Entrypoints: HTTP routers and event consumers of the sla service."""
