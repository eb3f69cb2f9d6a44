"""Entrypoints: HTTP routers and event consumers of the requests service."""
