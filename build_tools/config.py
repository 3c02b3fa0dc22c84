"""content/site.yml -> SiteConfig, plus the status date (as-of) the build computes against.

The rules are the JSON Schema build_tools/schemas/site.schema.json, which site.yml also
names in its first line so editors get autocompletion and live checks.

The as-of date is `AS_OF=YYYY-MM-DD` when set (`python -m build_tools --as-of` sets it, and
MkDocs builds started from there inherit it), else the build day in Vietnam's time zone:
`build_day` is the only place in the code that reads the clock.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from build_tools.errors import ErrorSink, SourceLocation
from build_tools.paths import Paths
from build_tools.validate import load_schema, validate_with_schema
from build_tools.yamlio import LocatedDict, load_yaml

SCHEMA = "site.schema.json"
FIELDS = set(load_schema(SCHEMA)["properties"])
AS_OF_ENV = "AS_OF"
TIME_ZONE = "Asia/Ho_Chi_Minh"


@dataclass(frozen=True)
class SiteConfig:
    as_of: date
    stale_days: int
    site_name: str


def parse_iso_date(value: object) -> date | None:
    """A YYYY-MM-DD date that exists in the calendar, else None."""
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _vietnam() -> tzinfo:
    try:
        return ZoneInfo(TIME_ZONE)
    except ZoneInfoNotFoundError:  # no tz database on this machine: Vietnam has no DST
        return timezone(timedelta(hours=7), "ICT")


def build_day(now: datetime | None = None) -> date:
    """Today in Vietnam: the one place that reads the clock (`now` is for tests)."""
    moment = now if now is not None else datetime.now(UTC)
    return moment.astimezone(_vietnam()).date()


def as_of_date(sink: ErrorSink) -> date:
    """`AS_OF` when set (an invalid one goes to `sink`), else the build day in Vietnam."""
    raw = os.environ.get(AS_OF_ENV, "").strip()
    if not raw:
        return build_day()
    day = parse_iso_date(raw)
    if day is None:
        sink.add(
            SourceLocation(AS_OF_ENV),
            f'"{raw}" không phải ngày có thật — đặt AS_OF (hoặc --as-of) theo dạng '
            "YYYY-MM-DD, ví dụ 2025-12-31, hoặc bỏ trống để tính theo ngày xây dựng",
        )
        return build_day()
    return day


def load_config(paths: Paths, sink: ErrorSink, as_of: date | None = None) -> SiteConfig:
    """Read content/site.yml; problems go to `sink` and a usable default is returned.

    `as_of`: the status date; by default `as_of_date` (AS_OF, else today in Vietnam)."""
    shown = paths.rel(paths.site_config)
    day = as_of if as_of is not None else as_of_date(sink)
    fallback = SiteConfig(day, 60, "")
    if not paths.site_config.is_file():
        sink.add(
            SourceLocation(shown),
            "không tìm thấy tệp thông tin chung của trang — tạo lại tệp này (xem mẫu trong "
            'docs/huong-dan/doc-va-sua-loi.md, mục "Mẫu tệp content/site.yml")',
        )
        return fallback
    data, errors = load_yaml(paths.site_config, shown)
    sink.extend(errors)
    if errors:
        return fallback
    if not isinstance(data, LocatedDict):
        sink.add(
            SourceLocation(shown, 1, 1),
            'tệp phải gồm các dòng "khóa: giá trị", ví dụ "so_ngay_lau_chua_cap_nhat: 60" — '
            "sửa lại theo mẫu",
        )
        return fallback
    validate_with_schema(data, load_schema(SCHEMA), sink)
    stale = data.get("so_ngay_lau_chua_cap_nhat", fallback.stale_days)
    valid_stale = isinstance(stale, int) and not isinstance(stale, bool) and stale > 0
    return SiteConfig(
        day,
        stale if valid_stale else fallback.stale_days,
        str(data.get("ten_trang", "")),
    )
