"""Indicator records -> Indicator: readings, and targets with the source's comparison
words and periods."""

from __future__ import annotations

from typing import Any

from build_tools.progress.model import (
    HistoryEntry,
    Indicator,
    Reading,
    Target,
)
from build_tools.progress.records import Record, record_name
from build_tools.progress.sources import Context, plain, source_ref, topic_slugs
from build_tools.validate import advice
from build_tools.yamlio import LocatedDict

# --- indicators --------------------------------------------------------------------------


def _number(value: Any) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def _readings(raw: Any, keys: set[str], record: Record, ctx: Context) -> tuple[Reading, ...]:
    if not isinstance(raw, list):
        return ()
    readings = []
    for item in raw:
        if not isinstance(item, LocatedDict):
            continue
        key = str(item.get("ma", ""))
        if key not in keys:
            ctx.sink.add(
                item.loc("ma"),
                advice(
                    f'không có phần mục tiêu "{key}"',
                    f'dùng một "ma" trong muc_tieu của chỉ tiêu này ({", ".join(sorted(keys))})',
                    key,
                    keys,
                ),
                "ma",
                record_name(record, "chỉ tiêu"),
            )
        source = source_ref(Record(item, record.file), "nguon", "chỉ tiêu", ctx)
        note = item.get("ghi_chu", "")
        readings.append(
            Reading(
                key,
                str(item.get("ky", "")),
                _number(item.get("gia_tri")),
                source,
                str(note),
                str(item.get("so_sanh", "")),
            )
        )
    return tuple(readings)


def _targets(record: Record) -> tuple[Target, ...]:
    raw = record.data.get("muc_tieu", [])
    return tuple(
        Target(
            key=str(t.get("ma", "")),
            text=str(t.get("mo_ta", "")),
            value=_number(t["gia_tri"]) if "gia_tri" in t else None,
            unit=str(t.get("don_vi", "")),
            direction=str(t.get("chieu", "")),
            period=str(t.get("tan_suat", "")),
            year=int(t.get("nam", 0)) if isinstance(t.get("nam"), int) else 0,
            comparison=str(t.get("so_sanh", "")),
        )
        for t in (raw if isinstance(raw, list) else [])
        if isinstance(t, dict)
    )


def _check_comparisons(record: Record, targets: tuple[Target, ...], ctx: Context) -> None:
    """A target's comparison words ("ít nhất", "trên") are the indicator's own words."""
    words = plain(record.text("noi_dung")).casefold()
    for target in targets:
        parts = [p.strip() for p in target.comparison.casefold().split("…") if p.strip()]
        if any(part not in words for part in parts):
            ctx.sink.add(
                record.loc("muc_tieu"),
                f'từ so sánh "{target.comparison}" của phần mục tiêu "{target.key}" không có '
                'trong "noi_dung" — chép đúng từ của chỉ tiêu ("ít nhất", "trên", "không '
                'quá", "từ … trở lên"), hoặc bỏ "so_sanh" nếu chỉ tiêu chỉ ghi con số',
                "so_sanh",
                record_name(record, "chỉ tiêu"),
            )


# A target's period and the words of the indicator that must say it ("hàng năm" is the
# same word, as the sources write it both ways).
PERIOD_WORDS = {
    "hằng năm": ("hằng năm", "hàng năm"),
    "trong nhiệm kỳ": ("trong nhiệm kỳ",),
    "cả nhiệm kỳ": ("cả nhiệm kỳ",),
}


def _check_periods(record: Record, targets: tuple[Target, ...], ctx: Context) -> None:
    """A target's period ("hằng năm", "cả nhiệm kỳ") is one the indicator states."""
    words = plain(record.text("noi_dung")).casefold()
    for target in targets:
        wanted = PERIOD_WORDS.get(target.period, ())
        if wanted and not any(w in words for w in wanted):
            ctx.sink.add(
                record.loc("muc_tieu"),
                f'kỳ "{target.period}" của phần mục tiêu "{target.key}" không có trong '
                '"noi_dung" — chỉ ghi kỳ chỉ tiêu nói; chỉ tiêu không nói thì ghi '
                '"tan_suat: không nêu"',
                "tan_suat",
                record_name(record, "chỉ tiêu"),
            )


def read_indicator(record: Record, ctx: Context) -> Indicator:
    targets = _targets(record)
    _check_comparisons(record, targets, ctx)
    _check_periods(record, targets, ctx)
    keys = {t.key for t in targets}
    history = []
    raw_history = record.data.get("ket_qua_nhiem_ky_truoc", [])
    for item in raw_history if isinstance(raw_history, list) else []:
        if not isinstance(item, LocatedDict):
            continue
        entry = Record(item, record.file)
        history.append(
            HistoryEntry(
                period=entry.text("ky"),
                source=source_ref(
                    entry, "nguon", "chỉ tiêu", ctx, ("chi_tieu", "ket_qua", "danh_gia")
                ),
                target_text=entry.text("chi_tieu"),
                result_text=entry.text("ket_qua"),
                evaluation=entry.text("danh_gia"),
                readings=_readings(item.get("so_lieu"), keys, record, ctx),
                row=item.get("dong", 0) if isinstance(item.get("dong"), int) else 0,
            )
        )
    return Indicator(
        id=record.text("id"),
        name=record.text("ten"),
        text=record.text("noi_dung"),
        term=record.text("nhiem_ky"),
        source=source_ref(record, "nguon", "chỉ tiêu", ctx, ("noi_dung",)),
        targets=targets,
        readings=_readings(record.data.get("so_lieu"), keys, record, ctx),
        baseline=_readings(record.data.get("co_so"), keys, record, ctx),
        history=tuple(history),
        evaluation=record.text("danh_gia"),
        topics=topic_slugs(record, ctx),
        file=record.file,
    )
