"""The roadmap composer's choice as the projects service expects it: each algorithm after the one it
follows. A person ticks algorithms in the order the page lists them and says which one each starts
after; the service wants an algorithm's predecessor earlier in the list, so the list is reordered
(a cycle is left as chosen: the service explains why it cannot be planned)."""

from __future__ import annotations

from collections.abc import Mapping


def roadmap_items(chosen: Mapping[str, str]) -> list[dict[str, str | None]]:
    """`chosen` maps each ticked algorithm to the algorithm it starts after ("" for the start date)."""
    after = {code: (previous if previous in chosen and previous != code else None) for code, previous in chosen.items()}
    placed: list[str] = []
    waiting = list(chosen)
    while waiting:
        ready = [code for code in waiting if after[code] is None or after[code] in placed]
        if not ready:
            placed += waiting
            break
        placed += ready
        waiting = [code for code in waiting if code not in ready]
    return [{"algorithm_code": code, "after": after[code]} for code in placed]
