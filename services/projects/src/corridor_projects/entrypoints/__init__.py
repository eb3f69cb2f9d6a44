"""Entrypoints: HTTP routers and event consumers of the projects service."""
