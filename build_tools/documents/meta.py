"""content/van-ban/<id>/van-ban.yml -> the fields of a DocumentMeta, with located errors."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from build_tools.config import parse_iso_date
from build_tools.errors import ErrorSink, SourceLocation
from build_tools.validate import load_schema, validate_with_schema
from build_tools.yamlio import LocatedDict, load_yaml

META_FILE = "van-ban.yml"
CONTENT_FILE = "noi-dung.md"
SCHEMA = "van-ban.schema.json"
# A file of the document's own folder, published under this name: no folder, no "..", and
# nothing Markdown would read as syntax in the download link.
FILE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*(?:\.[a-z0-9]+)+$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
# Fields read as text (the schema says which are required and what else may be written).
TEXT_FIELDS = (
    "loai",
    "tieu_de",
    "trich_yeu",
    "co_quan_ban_hanh",
    "ban_goc",
    "so_ky_hieu",
    "nguon_ngay",
    "noi_dung",
    "trang_thai",
    "ban_goc_sha256",
    "ban_ban_hanh",
)
SIGNER_FIELDS = ("chuc_vu", "ten")


@dataclass(frozen=True)
class RawMeta:
    """Metadata as read, before cross-document checks; `where` locates each field."""

    fields: dict[str, str]
    date: date | None
    related: tuple[str, ...]
    order: int
    where: LocatedDict


def read_meta(path: Path, shown: str, sink: ErrorSink) -> RawMeta | None:
    """Read and check one van-ban.yml: its shape against van-ban.schema.json (the one
    formatter of schema messages, build_tools.validate), then what a schema cannot say."""
    data, errors = load_yaml(path, shown)
    sink.extend(errors)
    if errors:
        return None
    if not isinstance(data, LocatedDict):
        sink.add(SourceLocation(shown, 1, 1), "tệp phải là danh sách khóa: giá trị")
        return None
    validate_with_schema(data, load_schema(SCHEMA), sink)
    fields = {key: _text(data.get(key)) for key in TEXT_FIELDS}
    fields.update(_signer(data))
    _file_names(data, fields, sink)
    _check_sha256(data, fields, shown.rpartition("/")[0], sink)
    return RawMeta(fields, _date(data, sink), _related(data), _order(data), data)


def _text(value: object) -> str:
    """A field's text; a value of the wrong type is reported by the schema and read as ""."""
    return value.strip() if isinstance(value, str) else ""


def _file_names(data: LocatedDict, fields: dict[str, str], sink: ErrorSink) -> None:
    """ban_goc and noi_dung name files of the document's own folder (published as is)."""
    for key in ("ban_goc", "noi_dung"):
        if fields[key] and not FILE_NAME.match(fields[key]):
            sink.add(
                data.loc(key),
                f"“{fields[key]}” không phải tên một tệp trong thư mục văn bản — chỉ ghi tên "
                "tệp (chữ thường không dấu, số, dấu - và .), ví dụ chi-thi-01-ct-tu.txt",
                key,
            )
            fields[key] = ""


def _check_sha256(data: LocatedDict, fields: dict[str, str], folder: str, sink: ErrorSink) -> None:
    value = fields["ban_goc_sha256"]
    if not value:
        sink.add(
            data.loc("ban_goc_sha256"),
            "thiếu mã sha256 của bản gốc (lệnh import tự ghi) — với văn bản đã có, ghi "
            "“ban_goc_sha256: <mã>”, mã là kết quả của lệnh: "
            f"sha256sum {folder}/{fields['ban_goc']}",
            "ban_goc_sha256",
        )
    elif not SHA256.match(value):
        sink.add(
            data.loc("ban_goc_sha256"),
            "phải là mã sha256 của bản gốc: 64 chữ số 0-9, a-f (lệnh import tự ghi mã này)",
            "ban_goc_sha256",
        )


def sha256_of(path: Path) -> str:
    """The sha256 of a file's bytes, as recorded in ban_goc_sha256."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_original(raw: RawMeta, original: Path, sink: ErrorSink) -> None:
    """The original's bytes are those recorded at import (originals are never edited)."""
    expected = raw.fields["ban_goc_sha256"]
    if not SHA256.match(expected) or sha256_of(original) == expected:
        return
    sink.add(
        raw.where.loc("ban_goc_sha256"),
        f"bản gốc {original.name} đã bị thay đổi: mã sha256 của tệp không còn khớp mã ghi khi "
        "nhập — bản gốc phải giữ đúng như khi nhận: lấy lại tệp cũ từ git (git checkout -- "
        "<tệp>); bản mới của cơ quan ban hành thì nhập thành một văn bản mới",
        "ban_goc_sha256",
    )


def _date(data: LocatedDict, sink: ErrorSink) -> date | None:
    value = data.get("ngay_ban_hanh")
    if value in (None, ""):
        return None
    parsed = parse_iso_date(value)
    if parsed is None:
        sink.add(
            data.loc("ngay_ban_hanh"),
            f"{value!r} không phải ngày có thật — viết YYYY-MM-DD, ví dụ 2025-10-24; "
            "bỏ trống nếu không nguồn nào nêu ngày",
            "ngay_ban_hanh",
        )
    elif not data.get("nguon_ngay"):
        sink.add(
            data.loc("ngay_ban_hanh"),
            "có ngày ban hành thì phải ghi nguồn của ngày ở trường nguon_ngay",
            "ngay_ban_hanh",
        )
    return parsed


def _signer(data: LocatedDict) -> dict[str, str]:
    value = data.get("nguoi_ky")
    if not isinstance(value, LocatedDict):
        return {key: "" for key in SIGNER_FIELDS}
    return {key: _text(value.get(key)) for key in SIGNER_FIELDS}


def _related(data: LocatedDict) -> tuple[str, ...]:
    value = data.get("lien_quan") or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return ()
    return tuple(value)


def _order(data: LocatedDict) -> int:
    value = data.get("thu_tu", 999)
    return value if isinstance(value, int) and not isinstance(value, bool) else 999
