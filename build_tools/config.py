"""content/site.yml -> SiteConfig (the as-of date lives in the data, not the clock)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from build_tools.errors import ErrorSink, SourceLocation
from build_tools.paths import Paths
from build_tools.yamlio import LocatedDict, load_yaml

FIELDS = {"ngay_so_lieu", "so_ngay_lau_chua_cap_nhat", "ten_trang"}


@dataclass(frozen=True)
class SiteConfig:
    as_of: date
    stale_days: int
    site_name: str


def parse_iso_date(value: object) -> date | None:
    """A YYYY-MM-DD date that exists in the calendar, else None."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def load_config(paths: Paths, sink: ErrorSink) -> SiteConfig:
    """Read content/site.yml; problems go to `sink` and a usable default is returned."""
    shown = paths.rel(paths.site_config)
    data, errors = load_yaml(paths.site_config, shown)
    sink.extend(errors)
    fallback = SiteConfig(date(2025, 1, 1), 60, "")
    if not isinstance(data, LocatedDict):
        if not errors:
            sink.add(SourceLocation(shown, 1, 1), "tệp phải là danh sách khóa: giá trị")
        return fallback
    for key in sorted(set(data) - FIELDS):
        sink.add(data.loc(key), "trường không có trong mẫu — xóa hoặc sửa tên trường", key)
    as_of = parse_iso_date(data.get("ngay_so_lieu"))
    if as_of is None:
        sink.add(
            data.loc("ngay_so_lieu"),
            f"{data.get('ngay_so_lieu')!r} không phải ngày có thật — viết YYYY-MM-DD, "
            "ví dụ 2025-10-24",
            "ngay_so_lieu",
        )
    stale = data.get("so_ngay_lau_chua_cap_nhat", 60)
    if not isinstance(stale, int) or isinstance(stale, bool) or stale <= 0:
        sink.add(
            data.loc("so_ngay_lau_chua_cap_nhat"),
            "phải là một số nguyên dương (số ngày), ví dụ 60",
            "so_ngay_lau_chua_cap_nhat",
        )
        stale = 60
    return SiteConfig(as_of or fallback.as_of, stale, str(data.get("ten_trang", "")))
