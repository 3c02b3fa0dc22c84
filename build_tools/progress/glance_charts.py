"""Two more small charts for the progress at a glance, drawn at build time as inline SVG.

- by unit: the units with the most tasks, each bar split into done / overdue / the rest;
- indicators: for each indicator with a numeric target, the 2020–2025 value the sources
  state and this term's latest value, each against the 2025–2030 target (a tick).

Each figure carries its text alternative (role="img" + aria-label) and says the day it
was drawn for; no script, no request. At city scale (200 units, 300 indicators) each
chart draws only its first rows and says how many there are and where the rest are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from build_tools.progress import chart
from build_tools.progress.model import Indicator, Progress, Reading, Status
from build_tools.progress.status import DONE
from build_tools.render import vn_date

WIDTH = 300  # drawing width; the viewBox adds room for the value after a bar
BAR = 14
UNIT_ROWS = 6  # units drawn (the most tasks first)
INDICATOR_ROWS = 8  # indicators drawn (in the order of the indicator pages)
PARTS = (("done", "đã hoàn thành"), ("overdue", "đã quá hạn"), ("rest", "còn lại"))


@dataclass(frozen=True)
class UnitBar:
    name: str
    done: int
    overdue: int
    rest: int

    @property
    def total(self) -> int:
        return self.done + self.overdue + self.rest


@dataclass(frozen=True)
class IndicatorRow:
    name: str
    target: str  # "ít nhất 98%"
    goal: float
    previous: Reading | None  # the last 2020–2025 value the sources state
    current: Reading | None  # this term's latest reported value
    unit: str


def unit_bars(progress: Progress, limit: int = UNIT_ROWS) -> tuple[list[UnitBar], int]:
    """The `limit` units leading the most tasks (ties by page order), and how many units
    lead at least one task."""
    bars = []
    for unit in progress.units:
        led = progress.tasks_led_by(unit.id)
        if not led:
            continue
        done = sum(1 for t in led if t.state.status in DONE)
        overdue = sum(1 for t in led if t.state.status is Status.OVERDUE)
        bars.append(UnitBar(unit.short_name or unit.name, done, overdue, len(led) - done - overdue))
    ranked = sorted(bars, key=lambda b: -b.total)  # stable: page order among equals
    return ranked[:limit], len(bars)


def _figure(css: str, height: int, label: str, body: str, caption: str) -> Markup:
    return Markup(
        f'<figure class="glance-chart {css}">\n'
        f'<svg viewBox="0 0 {WIDTH + 40} {height}" role="img" aria-label="{escape(label)}" '
        f'xmlns="http://www.w3.org/2000/svg">{body}</svg>\n'
        f"<figcaption>{caption}</figcaption>\n</figure>"
    )


def unit_chart(progress: Progress) -> Markup:
    """Stacked bars of the units with the most tasks; "" when no unit leads a task."""
    bars, units = unit_bars(progress)
    if not bars:
        return Markup("")
    most = max(b.total for b in bars)
    row = BAR + 20
    parts = []
    for n, bar in enumerate(bars):
        top = n * row
        parts.append(f'<text x="0" y="{top + 12}" class="chart-label">{escape(bar.name)}</text>')
        x = 0.0
        for key, _ in PARTS:
            count = getattr(bar, key)
            if count:
                width = WIDTH * count / most
                parts.append(
                    f'<rect x="{x:.1f}" y="{top + 16}" width="{width:.1f}" height="{BAR}" '
                    f'class="seg-{key}"/>'
                )
                x += width
        parts.append(
            f'<text x="{x + 4:.1f}" y="{top + 16 + BAR - 2}" class="chart-value">{bar.total}</text>'
        )
    day = vn_date(progress.as_of)
    words = "; ".join(
        f"{b.name}: {b.total} nhiệm vụ ("
        + ", ".join(f"{name} {getattr(b, key)}" for key, name in PARTS)
        + ")"
        for b in bars
    )
    shown = f"{len(bars)} đơn vị được giao nhiều nhiệm vụ nhất" if units > len(bars) else ""
    title = f"Nhiệm vụ được giao theo đơn vị{f' ({shown})' if shown else ''}, ngày {day}"
    legend = " · ".join(
        f'<span class="legend seg-{key}" aria-hidden="true"></span>{name}' for key, name in PARTS
    )
    more = f" Đang hiện {len(bars)} trong {units} đơn vị." if shown else ""
    caption = f"{legend}<br>Nhiệm vụ được giao theo đơn vị, vẽ theo tình trạng ngày {day}.{more}"
    return _figure("unit-chart", row * len(bars), f"{title}: {words}", "".join(parts), caption)


def indicator_rows(indicators: Sequence[Indicator]) -> list[IndicatorRow]:
    """Indicators with a numeric target, in page order, with the last value the sources
    state for it in 2020–2025 (the appendix rows) and in this term (reports)."""
    rows = []
    for indicator in indicators:
        target = next((t for t in indicator.targets if t.value is not None), None)
        if target is None or target.value is None:
            continue
        before = [r for h in indicator.history for r in h.readings if r.key == target.key]
        now = [r for r in indicator.readings if r.key == target.key]
        rows.append(
            IndicatorRow(
                indicator.name,
                chart.amount(target.comparison, target.value, target.unit),
                target.value,
                before[-1] if before else None,
                now[-1] if now else None,
                target.unit,
            )
        )
    return rows


def _indicator_words(row: IndicatorRow) -> str:
    def said(bar: Reading | None) -> str:
        return chart.amount(bar.comparison, bar.value, row.unit) if bar else "chưa có số liệu"

    return (
        f"{row.name}: mục tiêu 2025–2030 {row.target}; 2020–2025: {said(row.previous)}; "
        f"2025–2030: {said(row.current)}"
    )


def indicator_chart(progress: Progress, limit: int = INDICATOR_ROWS) -> Markup:
    """Per indicator: a thin bar for 2020–2025 and one for this term, the target a tick;
    each row on its own scale (percent up to 100, a count up to its largest value)."""
    every = indicator_rows(progress.indicators)
    rows = every[:limit]
    if not rows:
        return Markup("")
    height = 44
    parts = []
    for n, row in enumerate(rows):
        top = n * height
        values = [b.value for b in (row.previous, row.current) if b]
        scale_top = 100.0 if row.unit == "%" else max([row.goal, *values]) * 1.1 or 1
        scale = (WIDTH - 100) / max(scale_top, row.goal, *values)  # room for the value
        name = row.name if len(row.name) <= 50 else row.name[:49] + "…"
        parts.append(f'<text x="0" y="{top + 12}" class="chart-label">{escape(name)}</text>')
        for i, (bar, css) in enumerate(((row.previous, "prev"), (row.current, "now"))):
            y = top + 17 + i * 13
            if bar is None:
                parts.append(
                    f'<text x="0" y="{y + 9}" class="chart-none">'
                    f"{_period(i)}: chưa có số liệu</text>"
                )
                continue
            width = max(2.0, bar.value * scale)
            text = escape(f"{_period(i)}: {chart.amount(bar.comparison, bar.value, row.unit)}")
            parts.append(
                f'<rect x="0" y="{y}" width="{width:.1f}" height="10" class="ind-{css}"/>'
                f'<text x="{max(width, row.goal * scale) + 4:.1f}" y="{y + 9}" '
                f'class="chart-value">{text}</text>'
            )
        goal = row.goal * scale
        parts.append(
            f'<line x1="{goal:.1f}" x2="{goal:.1f}" y1="{top + 15}" y2="{top + 42}" class="goal"/>'
        )
    day = vn_date(progress.as_of)
    words = "; ".join(_indicator_words(r) for r in rows)
    more = (
        f" Đang hiện {len(rows)} trong {len(every)} chỉ tiêu có số; xem tất cả ở trang Chỉ tiêu."
        if len(every) > len(rows)
        else ""
    )
    caption = (
        '<span class="legend ind-prev" aria-hidden="true"></span>2020–2025 · '
        '<span class="legend ind-now" aria-hidden="true"></span>2025–2030 · '
        '<span class="legend goal" aria-hidden="true"></span>mục tiêu 2025–2030<br>'
        f"Chỉ tiêu: mục tiêu và kết quả theo số liệu các văn bản nêu, tính đến ngày {day}.{more}"
    )
    label = f"Chỉ tiêu, mục tiêu và kết quả, ngày {day}: {words}"
    return _figure("indicator-glance", height * len(rows), label, "".join(parts), caption)


def _period(second: int) -> str:
    return "2025–2030" if second else "2020–2025"
