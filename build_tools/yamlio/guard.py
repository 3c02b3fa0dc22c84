"""What no content value or file may be: too big, HTML, script URLs, YAML anchors and
aliases (issue 13), and the errors that say so in Vietnamese."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from yaml.events import AliasEvent, NodeEvent

from build_tools.errors import ContentError, SourceLocation

MAX_FILE_BYTES = 5 * 1024 * 1024  # a YAML file (city scale: 500 tasks per file ≈ 0.4 MB)
MAX_FIELD_CHARS = 10_000  # one value (the longest quoted clause today: ≈ 950 characters)
# A tag as a browser reads it (`<b`, `</`, `<!--`, `<?`); "< 5%" is text.
HTML_TAG = re.compile(r"<[A-Za-z/!?]")
# URL schemes that run script or embed content on the reader's page (spaces and case as
# browsers forgive them); "data:" only in URL form, so "big data: …" is text.
SCRIPT_URL = re.compile(
    r"(?i)(?:j\s*a\s*v\s*a|v\s*b)\s*s\s*c\s*r\s*i\s*p\s*t\s*:"
    r"|\bdata\s*:\s*[a-z]+/[a-z0-9.+-]+\s*[;,]"
)


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # 10.000, as Vietnamese writes it


def _maybe_script_url(value: str) -> bool:
    """A cheap test before SCRIPT_URL (run on every value of every file)."""
    if ":" not in value:
        return False
    compact = "".join(value.lower().split())
    return "script:" in compact or "data:" in compact


def unsafe_value(value: str) -> str:
    """Why an editor's value cannot be published as it is, or "" when it can."""
    if len(value) > MAX_FIELD_CHARS:
        return (
            f"giá trị dài {_thousands(len(value))} ký tự, quá giới hạn "
            f"{_thousands(MAX_FIELD_CHARS)} ký tự của một trường — rút gọn; toàn văn một văn "
            "bản thì đưa vào content/van-ban/"
        )
    tag = HTML_TAG.search(value) if "<" in value else None  # (most values: no regex)
    if tag:
        shown = re.match(r"<[/!?]?[\w-]*", value[tag.start() :])
        name = shown.group(0) if shown else "<"
        return (
            f"giá trị có mã HTML “{name}…” — trang web không nhận mã HTML trong dữ liệu: xóa "
            'thẻ, chỉ giữ chữ (dấu "<" đứng trước chữ cái thì viết "nhỏ hơn")'
        )
    url = SCRIPT_URL.search(value) if _maybe_script_url(value) else None
    if url:
        return (
            f"giá trị có địa chỉ “{url.group(0)}” — loại địa chỉ này có thể chạy mã trên máy "
            "người đọc: xóa nó; địa chỉ web phải bắt đầu bằng https://"
        )
    return ""


def anchor_or_alias(
    text: str, path: str, loader_class: type[yaml.SafeLoader | yaml.CSafeLoader]
) -> ContentError | None:
    """The first anchor (`&name`) or alias (`*name`), read as events before any node is
    composed: a few hundred bytes of aliases expand to gigabytes once built."""
    if "&" not in text and "*" not in text:
        return None  # (neither can occur without its character)
    try:
        parser = loader_class(text)
    except yaml.YAMLError:
        return None  # explained by the loader
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, AliasEvent):
                return ContentError(_event_location(event, path), ALIAS_MESSAGE)
            if isinstance(event, NodeEvent) and event.anchor is not None:
                return ContentError(_event_location(event, path), ANCHOR_MESSAGE)
    except yaml.YAMLError:
        return None  # a syntax error: explained by the loader
    finally:
        parser.dispose()
    return None


def _event_location(event: NodeEvent, path: str) -> SourceLocation:
    mark = event.start_mark
    if mark is None:  # pragma: no cover - both parsers mark every event
        return SourceLocation(path)
    return SourceLocation(path, mark.line + 1, mark.column + 1)


ALIAS_MESSAGE = (
    'giá trị bắt đầu bằng dấu "*" bị YAML hiểu là tham chiếu — đặt cả giá trị trong ngoặc kép'
)
ANCHOR_MESSAGE = (
    'giá trị bắt đầu bằng dấu "&" bị YAML hiểu là neo để chép lại (không được dùng) — viết '
    "đầy đủ giá trị ở mỗi chỗ cần; nếu & là chữ thì đặt cả giá trị trong ngoặc kép"
)


def file_too_big(path: Path, shown_as: str, limit: int) -> ContentError | None:
    """The error for a content file over `limit` bytes (checked before reading it)."""
    size = path.stat().st_size
    if size <= limit:
        return None
    return ContentError(
        SourceLocation(shown_as, 1, 1),
        f"tệp nặng {_megabytes(size)} MB, quá giới hạn {_megabytes(limit)} MB — chia thành "
        "nhiều tệp nhỏ hơn (mỗi tệp một nhóm nhiệm vụ hoặc báo cáo)",
    )


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def not_utf8(raw: bytes, exc: UnicodeDecodeError, shown_as: str) -> ContentError:
    """The error for a file saved in another encoding, at the first bad byte."""
    before = raw[: exc.start].decode("utf-8", errors="replace")
    line, col = line_col(before, len(before))
    return ContentError(
        SourceLocation(shown_as, line, col),
        "tệp không được lưu bằng bảng mã UTF-8 — mở tệp và lưu lại với bảng mã UTF-8 "
        '(trong trình soạn thảo: "Save with Encoding" → "UTF-8")',
    )


def line_col(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1
