"""The identity domain: organisations, people and roles, credentials and tokens, as pure Python.

Why: the rules of who may exist, who may sign in and what a token says are the heart of the service;
keeping them free of I/O lets them be specified by fast unit tests and called from any adapter.
Every function that depends on time takes an explicit `now` (timezone-aware, UTC).
"""
