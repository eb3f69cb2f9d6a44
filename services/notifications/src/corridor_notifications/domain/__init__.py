"""The notifications domain as pure Python: what each event means to whom, and how delivery behaves.

Nothing here does I/O: event kinds and their cabinet links, who must hear of an event, personal
preferences, retry with backoff and jitter, and the webhook signature scheme.
"""
