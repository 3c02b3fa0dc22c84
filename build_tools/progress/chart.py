"""Accessible inline SVG bar chart: reported values against the target, per target part.

The chart repeats the data table next to it (role="img" with <title>/<desc>), so a screen
reader user loses nothing; bars are drawn only for numbers the sources state.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from build_tools.progress.model import Indicator, Reading, Target

WIDTH = 640
BAR = 28
GAP = 14
LEFT = 250
TOP = 34


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    target: Target


def vn_number(value: float) -> str:
    """98.56 -> "98,56"; 1346.0 -> "1.346" (Vietnamese separators)."""
    whole, _, frac = f"{value:,.2f}".rstrip("0").rstrip(".").partition(".")
    text = whole.replace(",", ".")
    return f"{text},{frac}" if frac else text


def bars(indicator: Indicator) -> list[Bar]:
    """Every stated number of a target part measured in the same unit, oldest first."""
    targets = {t.key: t for t in indicator.targets}
    readings: list[tuple[str, Reading]] = [
        (f"{h.period} (phụ lục, dòng {h.row})" if h.row else h.period, r)
        for h in indicator.history
        for r in h.readings
    ]
    readings += [(r.period, r) for r in indicator.readings]
    return [Bar(label, r.value, targets[r.key]) for label, r in readings if r.key in targets]


def indicator_svg(indicator: Indicator) -> str:
    """The chart as one line of SVG markup, or "" when there is nothing to draw."""
    drawn = [b for b in bars(indicator) if b.target.unit == "%"]
    if not drawn:
        return ""
    height = TOP + len(drawn) * (BAR + GAP) + 10
    scale = (WIDTH - LEFT - 60) / 100
    title = f"Biểu đồ chỉ tiêu: {indicator.name}"
    desc = "; ".join(
        f"{b.label} — {b.target.text}: {vn_number(b.value)}{b.target.unit}, "
        f"mục tiêu {b.target.direction} {vn_number(b.target.value)}{b.target.unit}"
        for b in drawn
    )
    parts = [
        f'<svg class="indicator-chart" role="img" aria-labelledby="{indicator.id}-t '
        f'{indicator.id}-d" viewBox="0 0 {WIDTH} {height}" width="100%" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{indicator.id}-t">{escape(title)}</title>',
        f'<desc id="{indicator.id}-d">{escape(desc)}</desc>',
        f'<text x="{LEFT}" y="16" class="axis">0%</text>',
        f'<text x="{LEFT + 100 * scale - 24:.0f}" y="16" class="axis">100%</text>',
    ]
    for i, bar in enumerate(drawn):
        y = TOP + i * (BAR + GAP)
        goal = LEFT + bar.target.value * scale
        parts += [
            f'<text x="{LEFT - 8}" y="{y + BAR / 2 + 5:.0f}" text-anchor="end" class="label">'
            f"{escape(_short(bar.label))}</text>",
            f'<rect x="{LEFT}" y="{y}" width="{bar.value * scale:.1f}" height="{BAR}" '
            'class="bar"/>',
            f'<text x="{LEFT + bar.value * scale + 6:.1f}" y="{y + BAR / 2 + 5:.0f}" '
            f'class="value">{vn_number(bar.value)}%</text>',
            f'<line x1="{goal:.1f}" x2="{goal:.1f}" y1="{y - 4}" y2="{y + BAR + 4}" class="goal"/>',
        ]
    parts.append("</svg>")
    return "".join(parts)


def _short(label: str) -> str:
    return label if len(label) <= 34 else label[:33] + "…"
