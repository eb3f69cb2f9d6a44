"""Adapters: the identity service's database tables and other I/O."""
