"""Report ids, duplicate reports and corrections: the append-only side of progress data.

A report's id is derived from what it says (task, date, unit, state, summary, evidence,
…): "BC-" and the first 12 hex digits of the SHA-256 of its canonical JSON. Reports are
never edited once published (build_tools/history.py fails `check` when one is), so the
id never changes; nothing has to be typed or kept unique by hand, and two entries with
the same id are the same report entered twice.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from build_tools.errors import ErrorSink, SourceLocation

REPORT_PREFIX = "BC-"
ID_DIGITS = 12  # 48 bits: no accidental clash among a city's 50,000 reports


def fingerprint(item: Any) -> str:
    """SHA-256 (hex) of `item` as canonical JSON: key order, quoting, comments and layout
    of the YAML do not count, every value does."""
    text = json.dumps(item, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def report_id(item: Any) -> str:
    """The stable id of one report (a YAML list item of content/tien-do/cap-nhat/)."""
    return REPORT_PREFIX + fingerprint(item)[:ID_DIGITS].upper()


def anchor(ident: str) -> str:
    """The id of a report's entry on its task page ("bc-3f9a…")."""
    return ident.lower()


class Duplicates:
    """Remembers where each report id was first seen; a repeat is an error."""

    def __init__(self, sink: ErrorSink) -> None:
        self.sink = sink
        self.first: dict[str, SourceLocation] = {}

    def is_repeat(self, ident: str, where: SourceLocation, subject: str) -> bool:
        if ident not in self.first:
            self.first[ident] = where
            return False
        self.sink.add(
            where,
            f"trùng với báo cáo {ident} ở {self.first[ident]} (cùng nhiệm vụ, ngày, đơn vị và "
            "nội dung) — xóa mục nhập lặp này; nếu là một báo cáo khác, ghi đúng nội dung của nó",
            "",
            subject,
        )
        return True


def check_correction(
    corrects: str,
    task_id: str,
    where: SourceLocation,
    subject: str,
    tasks_of: dict[str, str],
    sink: ErrorSink,
) -> bool:
    """`corrects` (the "dinh_chinh" field) must name an earlier report of the same task."""
    if corrects not in tasks_of:
        sink.add(
            where,
            f'không có báo cáo mã "{corrects}" — chép đúng mã báo cáo cần đính chính (mã '
            '"BC-…" hiện cạnh báo cáo trên trang nhiệm vụ)',
            "dinh_chinh",
            subject,
        )
        return False
    if tasks_of[corrects] != task_id:
        sink.add(
            where,
            f"báo cáo {corrects} thuộc nhiệm vụ {tasks_of[corrects]}, không phải {task_id} — "
            "một báo cáo đính chính phải cùng nhiệm vụ với báo cáo nó sửa",
            "dinh_chinh",
            subject,
        )
        return False
    return True


def corrected(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """{corrected report id: id of the latest report correcting it} from (id, corrects)."""
    found: dict[str, str] = {}
    for ident, corrects in pairs:
        if corrects:
            found[corrects] = ident
    return found
