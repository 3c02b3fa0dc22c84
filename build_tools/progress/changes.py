"""Declared changes to published tasks (content/tien-do/thay-doi/): đính chính, điều chỉnh.

A task file keeps the values first published; each change is an entry naming the task,
the field ("han", "chu_tri", "phoi_hop", "trich_dan"), the new value and its date:
- "đính chính": the site misread the source; a reason is required;
- "điều chỉnh": an official decision changed the task; its number and date are required.
The task's current value is its first value with the changes applied by date; the task
page shows the first value and every change. A changed value is checked where it is
written (unknown unit, unreadable deadline: the error names the change entry's line).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from build_tools.config import parse_iso_date
from build_tools.errors import ErrorSink
from build_tools.progress.model import Change
from build_tools.yamlio import LocatedDict

if TYPE_CHECKING:
    from build_tools.progress.records import Record

CORRECTION = "đính chính"
ADJUSTMENT = "điều chỉnh"
LIST_FIELDS = ("phoi_hop",)


@dataclasses.dataclass(frozen=True)
class Entry:
    record: Record
    day: date

    @property
    def field(self) -> str:
        return self.record.text("truong")

    def values(self) -> tuple[str, ...]:
        """The new value's words ("gia_tri"), one per list item."""
        return _values(self.record.data.get("gia_tri"))


def collect(
    records: Iterable[Record], task_ids: set[str], sink: ErrorSink
) -> dict[str, list[Entry]]:
    """Valid entries by task id, in the order they apply (date, then file and line)."""
    found: dict[str, list[Entry]] = {}
    for record in records:
        entry = _entry(record, task_ids, sink)
        if entry is not None:
            found.setdefault(record.text("nhiem_vu"), []).append(entry)
    for entries in found.values():
        entries.sort(key=lambda e: (e.day, e.record.file, e.record.data.location.line))
    return found


def _entry(record: Record, task_ids: set[str], sink: ErrorSink) -> Entry | None:
    task, kind, field = record.text("nhiem_vu"), record.text("loai"), record.text("truong")
    subject = f"thay đổi nhiệm vụ {task}" if task else "thay đổi"
    ok = True
    if task and task not in task_ids:
        sink.add(
            record.loc("nhiem_vu"),
            f'không có nhiệm vụ "{task}" — sửa mã cho đúng mã trong content/tien-do/nhiem-vu/',
            "nhiem_vu",
            subject,
        )
        ok = False
    if kind == CORRECTION and not record.text("ly_do"):
        sink.add(
            record.data.location,
            'đính chính cần lý do — thêm dòng "ly_do: …" (văn bản viết gì, trang đã đọc sai ở đâu)',
            "ly_do",
            subject,
        )
        ok = False
    if kind == ADJUSTMENT and not record.text("so_van_ban"):
        sink.add(
            record.data.location,
            'điều chỉnh cần số của văn bản quyết định — thêm dòng "so_van_ban: …" (ví dụ '
            '15-QĐ/TU); "ngay" là ngày của văn bản đó',
            "so_van_ban",
            subject,
        )
        ok = False
    value = record.data.get("gia_tri")
    wants_list = field in LIST_FIELDS
    if field and value is not None and isinstance(value, list) != wants_list:
        fix = (
            'viết mỗi mã đơn vị trên một dòng riêng bắt đầu bằng "-"'
            if wants_list
            else 'viết giá trị mới ngay sau "gia_tri:", trên cùng dòng'
        )
        shape = "một danh sách" if wants_list else "một dòng chữ"
        sink.add(
            record.loc("gia_tri"),
            f'giá trị mới của "{field}" phải là {shape} — {fix}',
            "gia_tri",
            subject,
        )
        ok = False
    day = parse_iso_date(record.text("ngay"))
    if day is None and len(record.text("ngay")) == 10:
        sink.add(
            record.loc("ngay"),
            f'"{record.text("ngay")}" không phải ngày có thật — sửa lại ngày (viết YYYY-MM-DD)',
            "ngay",
            subject,
        )
    if not ok or day is None or not task or kind not in (CORRECTION, ADJUSTMENT) or not field:
        return None
    return Entry(record, day)


def _values(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return (str(value),) if str(value) else ()


def apply(
    data: LocatedDict, entries: list[Entry]
) -> tuple[LocatedDict, tuple[Change, ...], set[str]]:
    """The task's item with every change applied (each changed key located at its entry's
    "gia_tri"), the changes as the page shows them, and the fields an official decision
    changed (their new words are not in the source document)."""
    if not entries:
        return data, (), set()
    current = LocatedDict(data)
    current.location = data.location
    current.key_locations = dict(data.key_locations)
    shown: list[Change] = []
    adjusted: set[str] = set()
    for entry in entries:
        record, field = entry.record, entry.field
        before, after = current.get(field), record.data.get("gia_tri")
        current[field] = after
        current.key_locations[field] = record.loc("gia_tri")
        kind = record.text("loai")
        if kind == ADJUSTMENT:
            adjusted.add(field)
        shown.append(
            Change(
                field=field,
                kind=kind,
                before=_values(before),
                after=_values(after),
                date=entry.day,
                reason=record.text("ly_do"),
                decision=record.text("so_van_ban"),
                file=record.file,
                line=record.data.location.line,
            )
        )
    return current, tuple(shown), adjusted
