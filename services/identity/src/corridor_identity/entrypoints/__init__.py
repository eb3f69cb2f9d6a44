"""Entrypoints: HTTP routers and event consumers of the identity service."""
