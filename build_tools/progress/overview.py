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

BAR_HEIGHT = 22
GAP = 6
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


def status_chart(counts: Sequence[Counted], as_of: date) -> Markup:
    """Horizontal bars, one per status label shown, longest = full width; the figure's
    caption says the day it was drawn for (the date script does not redraw it)."""
    shown = [c for c in counts if c.count]
    most = max((c.count for c in shown), default=1)
    row = BAR_HEIGHT * 2 + GAP
    height = row * len(shown) or row
    parts = []
    for n, item in enumerate(shown):
        top = n * row
        width = max(2, round(WIDTH * item.count / most))
        label = escape(item.label)
        parts.append(
            f'<text x="0" y="{top + 15}" class="chart-label">{label}</text>'
            f'<rect x="0" y="{top + BAR_HEIGHT}" width="{width}" height="{BAR_HEIGHT - 4}" '
            f'class="bar status-{escape(item.css)}"/>'
            f'<text x="{width + 6}" y="{top + BAR_HEIGHT + 14}" '
            f'class="chart-value">{item.count}</text>'
        )
    words = "; ".join(f"{c.label}: {c.count}" for c in shown) or "chưa có nhiệm vụ"
    day = vn_date(as_of)
    return Markup(
        f'<figure class="status-chart">\n'
        f'<svg viewBox="0 0 {WIDTH + 40} {height}" role="img" '
        f'aria-label="{escape(f"Số nhiệm vụ theo trạng thái, ngày {day}: {words}")}" '
        f'xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>\n'
        f"<figcaption>Số nhiệm vụ theo trạng thái, vẽ theo tình trạng ngày {day}.</figcaption>\n"
        f"</figure>"
    )
