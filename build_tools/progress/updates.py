"""Report records -> Update: date, percent, evidence, who may say "hoàn thành"."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from build_tools.config import parse_iso_date
from build_tools.errors import SourceLocation
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


def _update_date(record: Record, ctx: Context) -> date | None:
    text = record.text("ngay")
    day = parse_iso_date(text)
    who = record_name(record, "báo cáo")
    if day is None:
        if text and len(text) == 10:
            ctx.sink.add(
                record.loc("ngay"),
                f'"{text}" không phải ngày có thật — sửa lại ngày (viết YYYY-MM-DD, '
                "ví dụ 2025-11-30)",
                "ngay",
                who,
            )
        return None
    if day > ctx.config.as_of:
        ctx.sink.add(
            record.loc("ngay"),
            f"ngày {vn_date(day)} sau ngày tính tình trạng {vn_date(ctx.config.as_of)} (ngày "
            "xây dựng trang, hoặc AS_OF khi được đặt) — báo cáo không thể mang ngày trong tương "
            "lai: kiểm tra lại ngày báo cáo",
            "ngay",
            who,
        )
    return day


def _percent(record: Record, ctx: Context) -> int | None:
    value = record.data.get("ti_le")
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100:
        return None
    state = record.text("trang_thai")
    who = record_name(record, "báo cáo")
    if state == UpdateState.DONE.value and value < 100:
        ctx.sink.add(
            record.loc("ti_le"),
            f'trạng thái "hoàn thành" mà tỷ lệ chỉ {value}% — nếu đã xong, ghi "ti_le: 100"; '
            'nếu chưa xong, ghi "trang_thai: đang thực hiện"',
            "ti_le",
            who,
        )
    if state == UpdateState.IN_PROGRESS.value and value == 100:
        ctx.sink.add(
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


def _check_evidence(record: Record, evidence: tuple[Evidence, ...], ctx: Context) -> None:
    if any(real_evidence(e) for e in evidence):
        return
    where = "minh_chung" if "minh_chung" in record.data else "trang_thai"
    ctx.sink.add(
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


def read_updates(
    records: list[Record], task_ids: set[str], units: set[str], ctx: Context
) -> list[Update]:
    updates = []
    duplicates = ledger.Duplicates(ctx.sink)
    kept = []
    for record in records:
        ident = ledger.report_id(record.data)
        if not duplicates.is_repeat(ident, record.data.location, record_name(record, "báo cáo")):
            kept.append((ident, record))
    tasks_of = {ident: record.text("nhiem_vu") for ident, record in kept}
    for ident, record in kept:
        task = record.text("nhiem_vu")
        corrects = record.text("dinh_chinh")
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
        check_unit(record, "don_vi_bao_cao", record.text("don_vi_bao_cao"), units, ctx)
        day = _update_date(record, ctx)
        percent = _percent(record, ctx)
        states = {s.value: s for s in UpdateState}
        state = states.get(record.text("trang_thai"))
        evidence = _evidence(record)
        if state is UpdateState.DONE:
            _check_evidence(record, evidence, ctx)
        if day is None or state is None:
            continue
        updates.append(
            Update(
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
        )
    by = ledger.corrected((u.id, u.corrects) for u in updates)
    return [dataclasses.replace(u, corrected_by=by.get(u.id, "")) for u in updates]
