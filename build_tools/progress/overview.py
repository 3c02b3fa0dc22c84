"""The progress at a glance: six numbers and a bar chart by status, drawn at build time.

The home page and the dashboard open with them. Every number is a count over the same
task rows as `du-lieu-mo/nhiem-vu.csv` (tests/test_overview.py holds them equal), and the
chart is inline SVG with a text alternative, dated, with no script and no request.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Protocol

from markupsafe import Markup

from build_tools.progress.model import Progress, Status
from build_tools.progress.status import DONE
from build_tools.render import vn_date

BAR_HEIGHT = 14
ROW = 34  # a label line above each bar
STATUS_ROWS = 7  # bars drawn at most, whatever the number of labels
WIDTH = 300


@dataclass(frozen=True)
class Overview:
    total: int
    done: int
    on_time: int
    overdue: int
    unreported: int
    stale: int


class Counted(Protocol):
    """A status label with its badge class and how many tasks show it (pages.StatusCount)."""

    @property
    def label(self) -> str: ...
    @property
    def css(self) -> str: ...
    @property
    def count(self) -> int: ...


def overview(progress: Progress) -> Overview:
    tasks = progress.tasks
    return Overview(
        total=len(tasks),
        done=sum(1 for t in tasks if t.state.status in DONE),
        on_time=sum(1 for t in tasks if t.state.status is Status.DONE_ON_TIME),
        overdue=sum(1 for t in tasks if t.state.status is Status.OVERDUE),
        unreported=sum(1 for t in tasks if not t.state.reported),
        stale=sum(1 for t in tasks if t.state.stale),
    )


def drawn(counts: Sequence[Counted], limit: int = STATUS_ROWS) -> tuple[list[Counted], int, int]:
    """The labels drawn as their own bar: every label some task shows when they fit in
    `limit` bars, else the `limit - 1` with the most tasks (vocabulary order kept), and
    how many labels and tasks the last bar gathers (0, 0 when none)."""
    shown = [c for c in counts if c.count]
    if len(shown) <= limit:
        return shown, 0, 0
    ranked = sorted(shown, key=lambda c: -c.count)[: limit - 1]  # stable: order among equals
    kept = [c for c in shown if c in ranked]
    rest = [c for c in shown if c not in ranked]
    return kept, len(rest), sum(c.count for c in rest)


def _bar(top: int, width: int, label: str, css: str, count: int) -> str:
    return (
        f'<text x="0" y="{top + 12}" class="chart-label">{escape(label)}</text>'
        f'<rect x="0" y="{top + 16}" width="{width}" height="{BAR_HEIGHT}" '
        f'class="bar status-{escape(css)}"/>'
        f'<text x="{width + 6}" y="{top + 27}" class="chart-value">{count}</text>'
    )


def status_chart(counts: Sequence[Counted], as_of: date) -> Markup:
    """Horizontal bars, one per status label shown, longest = full width; beyond
    STATUS_ROWS labels (city scale) the least used share one bar, so the chart keeps its
    height. The text alternative names every label with its count; the caption says the
    day it was drawn for (the date script does not redraw it)."""
    every = [c for c in counts if c.count]
    shown, others, gathered = drawn(counts)
    bars = [(c.label, c.css, c.count) for c in shown]
    if others:
        bars.append((f"{others} trạng thái khác", "other", gathered))
    most = max((count for _, _, count in bars), default=1)
    height = ROW * len(bars) or ROW
    parts = [
        _bar(n * ROW, max(2, round(WIDTH * count / most)), label, css, count)
        for n, (label, css, count) in enumerate(bars)
    ]
    words = "; ".join(f"{c.label}: {c.count}" for c in every) or "chưa có nhiệm vụ"
    day = vn_date(as_of)
    more = (
        f" Thanh cuối gộp {others} trạng thái ít nhiệm vụ nhất; số của từng trạng thái"
        ' ở trang Tiến độ "5 rõ".'
        if others
        else ""
    )
    return Markup(
        f'<figure class="status-chart">\n'
        f'<svg viewBox="0 0 {WIDTH + 40} {height}" role="img" '
        f'aria-label="{escape(f"Số nhiệm vụ theo trạng thái, ngày {day}: {words}")}" '
        f'xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>\n'
        f"<figcaption>Số nhiệm vụ theo trạng thái, vẽ theo tình trạng ngày {day}.{escape(more)}"
        "</figcaption>\n</figure>"
    )
