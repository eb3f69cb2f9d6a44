"""Entrypoints: the HTTP API (http/) and the administrators' command line (cli.py). Identity consumes no events."""
