"""Accessible inline SVG bar chart: reported values against the target, per target part.

The chart repeats the data table next to it (role="img" with <title>/<desc>), so a screen
reader user loses nothing; bars are drawn only for numbers the sources state, and only
for the unit of measure of the indicator's first numeric target.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from build_tools.progress.model import Indicator, Reading, Target

WIDTH = 720
BAR = 26
GAP = 34
LEFT = 12
RIGHT = 70
TOP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    target: Target
    comparison: str = ""  # "trên" in "trên 95%": the bar is drawn at 95, labelled as the source


def vn_number(value: float | None) -> str:
    """98.56 -> "98,56"; 1346.0 -> "1.346" (Vietnamese separators)."""
    if value is None:
        return ""
    whole, _, frac = f"{value:,.2f}".rstrip("0").rstrip(".").partition(".")
    text = whole.replace(",", ".")
    return f"{text},{frac}" if frac else text


def with_unit(value: float | None, unit: str) -> str:
    """ "98%" but "30 đảng viên"."""
    number = vn_number(value)
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}".strip()


def amount(words: str, value: float | None, unit: str) -> str:
    """ "trên 95%", "ít nhất 98%", "từ 30 đảng viên trở lên": the number in the source's words."""
    number = with_unit(value, unit)
    if "…" in words:
        return words.replace("…", number)
    return f"{words} {number}".strip()


def appendix_name(anchor: str) -> str:
    """ "phu-luc-2" -> "Phụ lục 2" (the heading the anchor was made from)."""
    return anchor.replace("phu-luc-", "Phụ lục ") if anchor.startswith("phu-luc-") else anchor


def _place(period: str, anchor: str, row: int) -> str:
    """ "Phụ lục 1, dòng 6" for an appendix row (the caption names the term), else the period."""
    if anchor.startswith("phu-luc-") and row:
        return f"{appendix_name(anchor)}, dòng {row}"
    return period


def _label(period: str, reading: Reading, target: Target | None, where: str) -> str:
    """Period and place, the target part when there are several, and the source's note."""
    part = f" — {target.text}" if target else ""
    note = f" ({reading.note})" if reading.note else ""
    return f"{period}{where}{part}{note}"


def bars(indicator: Indicator) -> list[Bar]:
    """Every stated number of a numeric target part, previous term first."""
    targets = {t.key: t for t in indicator.targets if t.value is not None}
    found: list[tuple[str, Reading, str]] = [
        (_place(h.period, h.source.anchor, h.row), r, "")
        for h in indicator.history
        for r in h.readings
    ]
    found += [(r.period, r, "") for r in indicator.readings]
    several = len(targets) > 1
    return [
        Bar(
            _label(period, r, targets[r.key] if several else None, where),
            r.value,
            targets[r.key],
            r.comparison,
        )
        for period, r, where in found
        if r.key in targets
    ]


def indicator_svg(indicator: Indicator) -> str:
    """The chart as SVG markup on one line, or "" when there is nothing to draw."""
    every = bars(indicator)
    if not every:
        return ""
    unit = every[0].target.unit
    drawn = [b for b in every if b.target.unit == unit]
    top = max(max(b.value, b.target.value or 0) for b in drawn) * 1.1 or 1
    scale = (WIDTH - LEFT - RIGHT) / top
    height = TOP + len(drawn) * (BAR + GAP)
    ident = indicator.id
    parts = [
        f'<svg class="indicator-chart" role="img" aria-labelledby="{ident}-t {ident}-d" '
        f'viewBox="0 0 {WIDTH} {height}" font-size="14" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-t">{escape(f"Biểu đồ: {indicator.name}")}</title>',
        f'<desc id="{ident}-d">{escape(_description(drawn))}</desc>',
    ]
    for i, bar in enumerate(drawn):
        y = TOP + i * (BAR + GAP) + 16
        goal = LEFT + (bar.target.value or 0) * scale
        width = bar.value * scale
        parts += [
            f'<text x="{LEFT}" y="{y - 5}" class="label">{escape(_short(bar.label))}</text>',
            f'<rect x="{LEFT}" y="{y}" width="{width:.1f}" height="{BAR}" class="bar"/>',
            f'<text x="{LEFT + width + 6:.1f}" y="{y + BAR / 2 + 5:.0f}" class="value">'
            f"{escape(amount(bar.comparison, bar.value, unit))}</text>",
            f'<line x1="{goal:.1f}" x2="{goal:.1f}" y1="{y - 3}" y2="{y + BAR + 3}" class="goal"/>',
        ]
    parts.append("</svg>")
    return "".join(parts)


def _description(drawn: list[Bar]) -> str:
    return "; ".join(
        f"{b.label}: {amount(b.comparison, b.value, b.target.unit)}; mục tiêu 2025–2030: "
        f"{amount(b.target.comparison, b.target.value, b.target.unit)}"
        for b in drawn
    )


def _short(label: str) -> str:
    return label if len(label) <= 100 else label[:99] + "…"
