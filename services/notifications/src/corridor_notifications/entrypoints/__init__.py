"""Entrypoints: HTTP routers and event consumers of the notifications service."""
