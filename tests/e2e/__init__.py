"""End-to-end tests: the whole corridor as separate processes (see conftest.py)."""
