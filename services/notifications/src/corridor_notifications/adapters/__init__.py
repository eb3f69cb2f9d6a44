"""Adapters: the notifications service's database tables and other I/O."""
