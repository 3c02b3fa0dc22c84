"""Report records -> Update: date, percent, evidence, who may say "hoàn thành"."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from build_tools.config import parse_iso_date
from build_tools.errors import ContentError, ErrorSink, SourceLocation
from build_tools.progress import ledger
from build_tools.progress.model import (
    Evidence,
    Update,
    UpdateState,
)
from build_tools.progress.records import Record, record_name
from build_tools.progress.sources import Context
from build_tools.progress.units import check_unit
from build_tools.render import vn_date
from build_tools.validate import advice

# --- updates -----------------------------------------------------------------------------


def _update_date(record: Record, as_of: date, sink: ErrorSink) -> date | None:
    text = record.text("ngay")
    day = parse_iso_date(text)
    who = record_name(record, "báo cáo")
    if day is None:
        if text and len(text) == 10:
            sink.add(
                record.loc("ngay"),
                f'"{text}" không phải ngày có thật — sửa lại ngày (viết YYYY-MM-DD, '
                "ví dụ 2025-11-30)",
                "ngay",
                who,
            )
        return None
    if day > as_of:
        sink.add(
            record.loc("ngay"),
            f"ngày {vn_date(day)} sau ngày tính tình trạng {vn_date(as_of)} (ngày "
            "xây dựng trang, hoặc AS_OF khi được đặt) — báo cáo không thể mang ngày trong tương "
            "lai: kiểm tra lại ngày báo cáo",
            "ngay",
            who,
        )
    return day


def _percent(record: Record, sink: ErrorSink) -> int | None:
    value = record.data.get("ti_le")
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100:
        return None
    state = record.text("trang_thai")
    who = record_name(record, "báo cáo")
    if state == UpdateState.DONE.value and value < 100:
        sink.add(
            record.loc("ti_le"),
            f'trạng thái "hoàn thành" mà tỷ lệ chỉ {value}% — nếu đã xong, ghi "ti_le: 100"; '
            'nếu chưa xong, ghi "trang_thai: đang thực hiện"',
            "ti_le",
            who,
        )
    if state == UpdateState.IN_PROGRESS.value and value == 100:
        sink.add(
            record.loc("ti_le"),
            'tỷ lệ 100% mà trạng thái là "đang thực hiện" — nếu đã xong, ghi '
            '"trang_thai: hoàn thành"; nếu chưa xong, sửa tỷ lệ',
            "ti_le",
            who,
        )
    return value


def _evidence(record: Record) -> tuple[Evidence, ...]:
    raw = record.data.get("minh_chung", [])
    if not isinstance(raw, list):
        return ()
    return tuple(
        Evidence(str(e.get("ten", "")), str(e.get("so_van_ban", "")), str(e.get("url", "")))
        for e in raw
        if isinstance(e, dict)
    )


# A document number as Vietnamese documents write it: "12-KH/TU", "01-CT/TU",
# "123/QĐ-UBND", "45/2025/NĐ-CP". A placeholder ("…-KH/TU", "...") is not one.
DOCUMENT_NUMBER = re.compile(r"^\d{1,6}(?:/\d{4})?[-/][A-ZĐ][A-ZĐ0-9]*(?:[-/][A-ZĐ0-9]+)*$")
# A full public address: a scheme, a host with a dot, no placeholder or space anywhere.
PUBLIC_URL = re.compile(r"^https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:[/?#][^\s…]*)?$")


def real_evidence(evidence: Evidence) -> bool:
    """A document number or an http(s) address that names something real (no "…")."""
    number = evidence.number.strip()
    url = evidence.url.strip()
    has_number = bool(DOCUMENT_NUMBER.match(number)) and "..." not in number
    has_url = bool(PUBLIC_URL.match(url)) and "..." not in url
    return has_number or has_url


def _check_evidence(record: Record, evidence: tuple[Evidence, ...], sink: ErrorSink) -> None:
    if any(real_evidence(e) for e in evidence):
        return
    where = "minh_chung" if "minh_chung" in record.data else "trang_thai"
    sink.add(
        record.loc(where),
        'báo cáo "hoàn thành" chưa có minh chứng kiểm chứng được — thêm một minh chứng có '
        '"so_van_ban" là số, ký hiệu văn bản thật (ví dụ 12-KH/TU) hoặc "url" là địa chỉ '
        'https://… đầy đủ (không dùng "…"); nếu chưa có, ghi "trang_thai: đang thực hiện"',
        where,
        record_name(record, "báo cáo"),
    )


def check_done_units(
    task_id: str,
    updates: tuple[Update, ...],
    assigned: tuple[str, ...],
    members: dict[str, set[str]],
    ctx: Context,
) -> None:
    """A "hoàn thành" report comes from a unit the task assigns (chủ trì or cùng được giao),
    or from a unit declared (`thuoc`) to belong to an assigned group."""
    allowed = set(assigned).union(*(members.get(unit, set()) for unit in assigned))
    named = ", ".join(f'"{unit}"' for unit in assigned) or "(chưa ghi)"
    for update in updates:
        if update.state is not UpdateState.DONE or not update.unit or update.unit in allowed:
            continue
        ctx.sink.add(
            update.unit_location or SourceLocation(update.file, update.line),
            f'đơn vị "{update.unit}" không được giao nhiệm vụ {task_id} (được giao: {named}) — '
            'báo cáo "hoàn thành" phải do đơn vị được giao ghi; nếu đơn vị này thuộc một nhóm '
            'được giao, khai "thuoc: [mã nhóm]" cho đơn vị trong content/tien-do/don-vi/',
            "don_vi_bao_cao",
            f"báo cáo {task_id}",
        )


def read_update_files(
    files: list[tuple[Record, ...]], task_ids: set[str], units: set[str], ctx: Context
) -> list[Update]:
    """The valid reports of each report file's records; what a file says alone is read
    once per (same Records, status date) and its errors reported again; what depends on
    other files (repeated reports, corrections, unknown tasks and units) is checked on
    every call, by set operations for a file with none of them."""
    read = [_read_file(records, ctx.config.as_of) for records in files]
    ids = [r.ident for f in read for r in f.reads]
    if len(set(ids)) != len(ids):
        return _read_each(read, task_ids, units, ctx)
    tasks_of = {r.ident: r.task for f in read for r in f.reads}
    updates: list[Update] = []
    for f in read:
        if f.corrects or not f.tasks <= task_ids or not f.units <= units:
            updates += _checked(f.records, f.reads, tasks_of, task_ids, units, ctx)
        else:
            ctx.sink.extend(f.errors)
            updates += f.updates
    return _corrected(updates)


def _read_each(
    read: list[_FileReads], task_ids: set[str], units: set[str], ctx: Context
) -> list[Update]:
    """Every report in order, a repeated one reported where it repeats and left out."""
    duplicates = ledger.Duplicates(ctx.sink)
    kept = []
    for f in read:
        for record, one in zip(f.records, f.reads, strict=True):
            where, who = record.data.location, record_name(record, "báo cáo")
            if not duplicates.is_repeat(one.ident, where, who):
                kept.append((record, one))
    tasks_of = {one.ident: one.task for _, one in kept}
    records = tuple(record for record, _ in kept)
    reads = tuple(one for _, one in kept)
    return _corrected(_checked(records, reads, tasks_of, task_ids, units, ctx))


def _checked(
    records: tuple[Record, ...],
    reads: tuple[_Read, ...],
    tasks_of: dict[str, str],
    task_ids: set[str],
    units: set[str],
    ctx: Context,
) -> list[Update]:
    """Reports checked one by one against the others: correction, task, unit."""
    updates = []
    for record, one in zip(records, reads, strict=True):
        task, corrects = one.task, one.corrects
        if corrects and not ledger.check_correction(
            corrects,
            task,
            record.loc("dinh_chinh"),
            record_name(record, "báo cáo"),
            tasks_of,
            ctx.sink,
        ):
            corrects = ""
        if task and task not in task_ids:
            ctx.sink.add(
                record.loc("nhiem_vu"),
                advice(
                    f'không có nhiệm vụ "{task}"',
                    "sửa mã nhiệm vụ cho đúng mã trong content/tien-do/nhiem-vu/",
                    task,
                    task_ids,
                ),
                "nhiem_vu",
                record_name(record, "báo cáo"),
            )
        check_unit(record, "don_vi_bao_cao", one.unit, units, ctx)
        ctx.sink.extend(one.errors)
        if one.update is not None:
            same = corrects == one.update.corrects
            updates.append(one.update if same else _uncorrecting(one.update))
    return updates


_STATES = {s.value: s for s in UpdateState}


@dataclasses.dataclass(frozen=True)
class _Read:
    """What one report says alone: a pure function of its record and the status date."""

    ident: str
    task: str
    corrects: str  # as written; the correction is checked against the other reports
    unit: str
    update: Update | None  # None: no valid date or state
    errors: tuple[ContentError, ...]  # date, percent, evidence


@dataclasses.dataclass(frozen=True)
class _FileReads:
    """The reads of one file's records, with what the checks across files need."""

    records: tuple[Record, ...]
    as_of: date
    reads: tuple[_Read, ...]
    errors: tuple[ContentError, ...]
    updates: tuple[Update, ...]
    tasks: frozenset[str]  # named tasks ("" left out)
    units: frozenset[str]  # reporting units ("" left out)
    corrects: bool  # a report of this file corrects another


# The reads of each report file, by file name (kept while its Records are the same).
_FILES: dict[str, _FileReads] = {}


def _read_file(records: tuple[Record, ...], as_of: date) -> _FileReads:
    name = records[0].file if records else ""
    kept = _FILES.get(name)
    if kept is not None and kept.records is records and kept.as_of == as_of:
        return kept
    # A saved file's other reports keep their Records (records.py): and their reads.
    before = {}
    if kept is not None and kept.as_of == as_of:
        before = {id(r): (r, one) for r, one in zip(kept.records, kept.reads, strict=True)}
    reads = tuple(_reread(record, as_of, before) for record in records)
    found = _FileReads(
        records,
        as_of,
        reads,
        tuple(e for r in reads for e in r.errors),
        tuple(r.update for r in reads if r.update is not None),
        frozenset(r.task for r in reads if r.task),
        frozenset(r.unit for r in reads if r.unit),
        any(r.corrects for r in reads),
    )
    if len(_FILES) > 4 * 1024:
        _FILES.clear()
    _FILES[name] = found
    return found


def _reread(record: Record, as_of: date, before: dict[int, tuple[Record, _Read]]) -> _Read:
    kept = before.get(id(record))
    return kept[1] if kept is not None and kept[0] is record else _read(record, as_of)


def _read(record: Record, as_of: date) -> _Read:
    local = ErrorSink()
    day = _update_date(record, as_of, local)
    percent = _percent(record, local)
    state = _STATES.get(record.text("trang_thai"))
    evidence = _evidence(record)
    if state is UpdateState.DONE:
        _check_evidence(record, evidence, local)
    ident = ledger.report_id(record.data)
    task, corrects = record.text("nhiem_vu"), record.text("dinh_chinh")
    update = None
    if day is not None and state is not None:
        update = Update(
            task_id=task,
            date=day,
            unit=record.text("don_vi_bao_cao"),
            state=state,
            summary=record.text("tom_tat"),
            percent=percent,
            evidence=evidence,
            file=record.file,
            line=record.data.location.line,
            date_location=record.loc("ngay"),
            unit_location=record.loc("don_vi_bao_cao"),
            id=ident,
            corrects=corrects,
        )
    unit = record.text("don_vi_bao_cao")
    return _Read(ident, task, corrects, unit, update, tuple(local.errors))


# Reports whose correction failed its check, and corrected reports, by the report read:
# the same objects while nothing they depend on changed (the preview compares by identity).
_VARIANTS: dict[tuple[int, str, str], tuple[Update, Update]] = {}


def _variant(update: Update, corrects: str, corrected_by: str) -> Update:
    key = (id(update), corrects, corrected_by)
    kept = _VARIANTS.get(key)
    if kept is not None and kept[0] is update:
        return kept[1]
    made = dataclasses.replace(update, corrects=corrects, corrected_by=corrected_by)
    if len(_VARIANTS) > 16 * 1024:
        _VARIANTS.clear()
    _VARIANTS[key] = (update, made)
    return made


def _uncorrecting(update: Update) -> Update:
    return _variant(update, "", "")


def _corrected(updates: list[Update]) -> list[Update]:
    """Each report a later one corrects, marked with the latest correcting report's id."""
    by = ledger.corrected((u.id, u.corrects) for u in updates if u.corrects)
    if not by:
        return updates
    return [_variant(u, u.corrects, by[u.id]) if u.id in by else u for u in updates]
