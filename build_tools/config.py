"""content/site.yml -> SiteConfig (the as-of date lives in the data, not the clock).

The rules are the JSON Schema build_tools/schemas/site.schema.json, which site.yml also
names in its first line so editors get autocompletion and live checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from build_tools.errors import ErrorSink, SourceLocation
from build_tools.paths import Paths
from build_tools.validate import load_schema, validate_with_schema
from build_tools.yamlio import LocatedDict, load_yaml

SCHEMA = "site.schema.json"
FIELDS = set(load_schema(SCHEMA)["properties"])


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


def load_config(paths: Paths, sink: ErrorSink) -> SiteConfig:
    """Read content/site.yml; problems go to `sink` and a usable default is returned."""
    shown = paths.rel(paths.site_config)
    fallback = SiteConfig(date(2025, 1, 1), 60, "")
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
            'tệp phải gồm các dòng "khóa: giá trị", ví dụ "ngay_so_lieu: 2025-10-24" — '
            "sửa lại theo mẫu",
        )
        return fallback
    validate_with_schema(data, load_schema(SCHEMA), sink)
    stale = data.get("so_ngay_lau_chua_cap_nhat", fallback.stale_days)
    valid_stale = isinstance(stale, int) and not isinstance(stale, bool) and stale > 0
    return SiteConfig(
        parse_iso_date(data.get("ngay_so_lieu")) or fallback.as_of,
        stale if valid_stale else fallback.stale_days,
        str(data.get("ten_trang", "")),
    )
