"""Bar charts for the operator's dashboard, drawn as inline SVG on the server.

Why server-side SVG: the dashboard must work without JavaScript and without a CDN; an SVG of a few
rectangles is small, scales to a phone, and the page prints it. Each chart is also given as a table
for screen readers (the template renders both), so the picture is never the only way to the numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

LABEL_WIDTH = 0  # labels sit above their bars, so long names of organisations do not squeeze the chart
BAR_HEIGHT = 18
ROW_HEIGHT = 44
WIDTH = 600
TARGET_SHARE = 0.95  # the line the regional standard aims at: 95 % of answers on time


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    text: str  # the value as printed beside the bar
    y: float
    width: float
    tone: str  # good, warn, bad or none: a colour and, in the table, a word


@dataclass(frozen=True)
class BarChart:
    bars: tuple[Bar, ...]
    width: int
    height: int
    target_x: float | None

    @property
    def empty(self) -> bool:
        return not self.bars


def tone_of_share(share: float | None) -> str:
    if share is None:
        return "none"
    if share >= TARGET_SHARE:
        return "good"
    return "warn" if share >= 0.8 else "bad"


def share_chart(rows: Sequence[tuple[str, float | None, str]]) -> BarChart:
    """Horizontal bars of on-time shares (0–1), with the target line."""
    bars = tuple(Bar(label, share, text, y=index * ROW_HEIGHT + 20, width=round((share or 0) * WIDTH, 1),
                     tone=tone_of_share(share)) for index, (label, share, text) in enumerate(rows))
    return BarChart(bars, WIDTH, max(len(bars) * ROW_HEIGHT, ROW_HEIGHT), target_x=TARGET_SHARE * WIDTH)


def magnitude_chart(rows: Sequence[tuple[str, float | None, str]], *, limit: float | None = None) -> BarChart:
    """Horizontal bars of non-negative amounts (response days, breaches) scaled to the largest;
    bars above `limit` (e.g. the target term) are marked as bad."""
    largest = max((value or 0 for _, value, _ in rows), default=0) or 1
    bars = tuple(Bar(label, value, text, y=index * ROW_HEIGHT + 20, width=round((value or 0) / largest * WIDTH, 1),
                     tone="none" if value is None else ("bad" if limit is not None and value > limit else "good"))
                 for index, (label, value, text) in enumerate(rows))
    return BarChart(bars, WIDTH, max(len(bars) * ROW_HEIGHT, ROW_HEIGHT), target_x=None)
