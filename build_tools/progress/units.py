"""Units and groups (content/tien-do/don-vi/): who can be named, who belongs to which group."""

from __future__ import annotations

import dataclasses

from build_tools.errors import ContentError, ErrorSink
from build_tools.filecache import same_objects
from build_tools.progress.model import (
    Unit,
)
from build_tools.progress.records import Record, record_name, unique
from build_tools.progress.sources import Context
from build_tools.validate import advice

# --- units -------------------------------------------------------------------------------


def read_units(records: list[Record], ctx: Context) -> tuple[Unit, ...]:
    """The units of `records`; the same Records as in the last call give the same Units
    (and errors) again."""
    if _KEPT and same_objects(_KEPT[0][0], records):
        ctx.sink.extend(_KEPT[0][2])
        return _KEPT[0][1]
    local = ErrorSink()
    units = _read_units(records, dataclasses.replace(ctx, sink=local))
    ctx.sink.extend(local.errors)
    _KEPT[:] = [(list(records), units, tuple(local.errors))]
    return units


_KEPT: list[tuple[list[Record], tuple[Unit, ...], tuple[ContentError, ...]]] = []


def _read_units(records: list[Record], ctx: Context) -> tuple[Unit, ...]:
    kept = unique(records, "đơn vị", ctx.sink)
    groups = {r.text("id") for r in kept if r.text("loai") == GROUP}
    return tuple(
        Unit(
            r.text("id"),
            r.text("ten"),
            r.text("ten_ngan"),
            r.text("loai"),
            r.file,
            _groups(r, groups, ctx),
            r.strings("ten_khac"),
        )
        for r in kept
    )


GROUP = "nhóm đơn vị"


def _groups(record: Record, groups: set[str], ctx: Context) -> tuple[str, ...]:
    """The groups a unit declares it belongs to (`thuoc`); each must be a declared group."""
    found = record.strings("thuoc")
    for group in found:
        if group not in groups:
            ctx.sink.add(
                record.loc("thuoc"),
                advice(
                    f'không có nhóm đơn vị "{group}" (đơn vị có "loai: {GROUP}")',
                    "sửa mã cho đúng mã một nhóm đơn vị trong content/tien-do/don-vi/",
                    group,
                    groups,
                ),
                "thuoc",
                record_name(record, "đơn vị"),
            )
    return found


def check_unit(record: Record, key: str, unit: str, units: set[str], ctx: Context) -> None:
    if unit and unit not in units:
        ctx.sink.add(
            record.loc(key),
            advice(
                f'không có đơn vị "{unit}" trong content/tien-do/don-vi/',
                "sửa mã, hoặc thêm đơn vị đó vào danh sách đơn vị",
                unit,
                units,
            ),
            key,
            record_name(record, "nhiệm vụ" if "id" in record.data else "báo cáo"),
        )


def unit_list(record: Record, key: str, units: set[str], ctx: Context) -> tuple[str, ...]:
    found = record.strings(key)
    for unit in found:
        check_unit(record, key, unit, units, ctx)
    return found


def members_of_groups(units: tuple[Unit, ...]) -> dict[str, set[str]]:
    """Group id -> the units that declare they belong to it."""
    members: dict[str, set[str]] = {}
    for unit in units:
        for group in unit.member_of:
            members.setdefault(group, set()).add(unit.id)
    return members


def assigned_ids(record: Record) -> tuple[str, ...]:
    """The lead and co-assignees a task record names (ids as written)."""
    lead = record.text("chu_tri")
    co_leads = record.data.get("cung_duoc_giao") or []
    return tuple(x for x in (lead, *(str(c) for c in co_leads)) if x)
