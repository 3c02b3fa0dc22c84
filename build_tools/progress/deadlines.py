"""Deadlines as the documents write them -> a normalised date range.

"tháng 11/2025", "tuần đầu tháng 11/2025", "quý IV/2025", "chậm nhất 30/12/2025",
"30/12/2025", "2025-12-30", "năm 2026", "thường xuyên", "định kỳ", "cả nhiệm kỳ 2025–2030",
"giai đoạn 2025 - 2030", and "không nêu hạn" when the source gives none.
The wording is kept as written; the range only drives the computed status. A deadline the
source marks "dự kiến" is `tentative`; periodic work ("định kỳ hằng quý", "hằng năm") keeps
the period the source states (`period_days`), which status.py judges report recency by.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum


class DeadlineKind(Enum):
    """How a deadline bounds the work."""

    DATE = "ngày"  # an exact day
    PERIOD = "khoảng thời gian"  # a week, month, quarter, year or term
    BY = "chậm nhất"  # no start, only a latest day
    ONGOING = "thường xuyên"  # no end: continuous or periodic work
    NONE = "không nêu hạn"  # the source states no deadline


@dataclass(frozen=True)
class Deadline:
    """A deadline as written plus its normalised range (`start`/`end` inclusive)."""

    text: str
    kind: DeadlineKind
    start: date | None
    end: date | None
    tentative: bool = False  # the source says "dự kiến"
    period_days: int | None = None  # periodic work: the reporting period the source states
    cadence: str = "thường xuyên"  # ongoing work as labelled: "định kỳ", "định kỳ hằng quý"…

    @property
    def ongoing(self) -> bool:
        return self.kind is DeadlineKind.ONGOING

    @property
    def dated(self) -> bool:
        """A last day exists, so "đúng hạn / trong hạn / quá hạn" can be said."""
        return self.end is not None and self.kind in (
            DeadlineKind.DATE,
            DeadlineKind.PERIOD,
            DeadlineKind.BY,
        )


class DeadlineError(ValueError):
    """The expression cannot be read; `impossible` marks a calendar date that does not exist."""

    def __init__(self, message: str, impossible: bool = False) -> None:
        super().__init__(message)
        self.impossible = impossible


ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
PERIOD_DAYS = {"tháng": 31, "quý": 92, "6 tháng": 183, "năm": 366}  # longest such period
_TENTATIVE = re.compile(r"^(?:hạn\s+)?dự kiến\b", re.I)
_LEAD = re.compile(
    r"^(?:dự kiến\s+)?(?:hoàn thành\s+)?(?:trong\s+)?(?:(?:vào|đến)\s+)?(?:ngày\s+)?", re.I
)
_DMY = r"(\d{1,2})/(\d{1,2})/(\d{4})"
_DASH = r"\s*[-–—]\s*"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rf"^{rx}$", re.I))
    for name, rx in (
        (
            "ongoing",
            r"thường xuyên(?:,? liên tục)?"
            r"|định kỳ(?:,? (?:hằng |hàng |mỗi )?(tháng|quý|6 tháng|năm))?"
            r"|(?:hằng|hàng|mỗi) (tháng|quý|6 tháng|năm)",
        ),
        ("none", r"không nêu hạn"),
        ("term", rf"(?:cả |suốt |trong )*(?:nhiệm kỳ|giai đoạn) (\d{{4}}){_DASH}(\d{{4}})"),
        ("iso", r"(\d{4})-(\d{2})-(\d{2})"),
        ("by", rf"chậm nhất(?: (?:đến|là|vào))?(?: ngày)? {_DMY}"),
        ("date", _DMY),
        ("first_week", r"tuần đầu (?:của )?tháng (\d{1,2})/(\d{4})"),
        ("month", r"tháng (\d{1,2})/(\d{4})"),
        ("quarter", r"quý (I|II|III|IV)/(\d{4})"),
        ("year", r"năm (\d{4})"),
        ("years", rf"(\d{{4}}){_DASH}(\d{{4}})"),
    )
)

EXAMPLES = (
    '"30/12/2025", "tháng 11/2025", "quý IV/2025", "chậm nhất 30/12/2025", "thường xuyên", '
    '"không nêu hạn"'
)


def _day(year: int, month: int, day: int) -> date:
    _month(year, month)
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DeadlineError(f"tháng {month}/{year} chỉ có {last} ngày", impossible=True)
    return date(year, month, day)


def _month(year: int, month: int) -> tuple[date, date]:
    if not 1 <= month <= 12:
        raise DeadlineError("một năm chỉ có 12 tháng", impossible=True)
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _normal(text: str) -> str:
    clean = " ".join(unicodedata.normalize("NFC", text).split()).rstrip(".")
    return _LEAD.sub("", clean, count=1) if not clean.lower().startswith("chậm") else clean


def parse_deadline(text: str) -> Deadline:
    """Read a deadline expression; raises DeadlineError with a Vietnamese reason."""
    body = _normal(text)
    tentative = bool(_TENTATIVE.match(" ".join(unicodedata.normalize("NFC", text).split())))
    for name, pattern in _PATTERNS:
        match = pattern.match(body)
        if match:
            found = _build(text, name, match.groups())
            return replace(found, tentative=tentative) if tentative else found
    raise DeadlineError(f'không đọc được hạn "{text}"')


def _cadence(text: str, period: str | None) -> str:
    """How ongoing work is labelled: "thường xuyên", or "định kỳ" with the period the source
    states ("định kỳ hằng quý", "định kỳ 6 tháng"); the source's own words stay in `text`."""
    if period is None:
        return "định kỳ" if "định kỳ" in _normal(text).lower() else "thường xuyên"
    return f"định kỳ {period}" if period[0].isdigit() else f"định kỳ hằng {period}"


def _build(text: str, name: str, found: tuple[str | None, ...]) -> Deadline:
    if name == "ongoing":
        period = next((g.lower() for g in found if g), None)
        days = PERIOD_DAYS[period] if period else None
        return Deadline(
            text, DeadlineKind.ONGOING, None, None, period_days=days, cadence=_cadence(text, period)
        )
    groups = tuple(g or "" for g in found)
    nums = [int(g) if g.isdigit() else 0 for g in groups]
    if name == "none":
        return Deadline(text, DeadlineKind.NONE, None, None)
    if name in ("term", "years"):
        first, last = nums[0], nums[1]
        if last < first:
            raise DeadlineError(f"năm kết thúc {last} trước năm bắt đầu {first}")
        return Deadline(text, DeadlineKind.PERIOD, date(first, 1, 1), date(last, 12, 31))
    if name == "iso":
        day = _day(nums[0], nums[1], nums[2])
        return Deadline(text, DeadlineKind.DATE, day, day)
    if name in ("by", "date"):
        day = _day(nums[2], nums[1], nums[0])
        if name == "by":
            return Deadline(text, DeadlineKind.BY, None, day)
        return Deadline(text, DeadlineKind.DATE, day, day)
    if name == "first_week":
        start, _ = _month(nums[1], nums[0])
        return Deadline(text, DeadlineKind.PERIOD, start, start.replace(day=7))
    if name == "month":
        start, end = _month(nums[1], nums[0])
        return Deadline(text, DeadlineKind.PERIOD, start, end)
    if name == "quarter":
        quarter = ROMAN[groups[0].lower()]
        start, _ = _month(nums[1], 3 * quarter - 2)
        _, end = _month(nums[1], 3 * quarter)
        return Deadline(text, DeadlineKind.PERIOD, start, end)
    year = nums[0]
    return Deadline(text, DeadlineKind.PERIOD, date(year, 1, 1), date(year, 12, 31))
