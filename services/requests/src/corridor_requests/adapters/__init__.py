"""Adapters: the requests service's database tables and other I/O."""
