"""Adapters: the sla service's database tables and other I/O."""
