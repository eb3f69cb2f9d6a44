"""The sla domain: production calendar, policies, clocks, escalation and compliance, as pure Python.

Why: deadlines in working days are the promise the corridor makes to investors; keeping the rules
free of I/O lets them be specified by fast unit tests and replayed from events by any adapter.
Every function that depends on time takes an explicit, timezone-aware `now`; nothing reads the
system clock.
"""
