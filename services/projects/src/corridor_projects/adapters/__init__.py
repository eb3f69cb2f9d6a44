"""Adapters: the projects service's database tables and other I/O."""
