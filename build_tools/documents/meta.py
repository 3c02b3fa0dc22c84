"""content/van-ban/<id>/van-ban.yml -> the fields of a DocumentMeta, with located errors."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from build_tools.config import parse_iso_date
from build_tools.errors import ErrorSink, SourceLocation
from build_tools.yamlio import LocatedDict, load_yaml

META_FILE = "van-ban.yml"
CONTENT_FILE = "noi-dung.md"
STATUSES = ("chính thức", "dự thảo")
REQUIRED = ("loai", "tieu_de", "trich_yeu", "co_quan_ban_hanh", "ban_goc")
# A file of the document's own folder, published under this name: no folder, no "..", and
# nothing Markdown would read as syntax in the download link.
FILE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*(?:\.[a-z0-9]+)+$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
OPTIONAL = (
    "so_ky_hieu",
    "trang_thai",
    "ngay_ban_hanh",
    "nguon_ngay",
    "nguoi_ky",
    "lien_quan",
    "thu_tu",
    "noi_dung",
    "ban_goc_sha256",  # required too, with its own message (_check_sha256)
    "can_xac_nhan",  # fields import read from the text, for the editor to confirm
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
    data, errors = load_yaml(path, shown)
    sink.extend(errors)
    if errors:
        return None
    if not isinstance(data, LocatedDict):
        sink.add(SourceLocation(shown, 1, 1), "tệp phải là danh sách khóa: giá trị")
        return None
    for key in sorted(set(data) - set(REQUIRED) - set(OPTIONAL)):
        sink.add(data.loc(key), "trường không có trong mẫu — xóa hoặc sửa tên trường", key)
    fields: dict[str, str] = {}
    for key in REQUIRED:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            sink.add(data.loc(key), "thiếu hoặc để trống — hãy điền theo văn bản gốc", key)
        fields[key] = str(value or "").strip()
    for key in (
        "so_ky_hieu",
        "nguon_ngay",
        "noi_dung",
        "trang_thai",
        "ban_goc_sha256",
        "ban_ban_hanh",
    ):
        value = data.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            sink.add(data.loc(key), "phải là một dòng chữ", key)
        fields[key] = str(value).strip()
    if fields["trang_thai"] and fields["trang_thai"] not in STATUSES:
        sink.add(
            data.loc("trang_thai"),
            "chỉ được ghi “chính thức”, “dự thảo”, hoặc để trống nếu bản gốc không ghi",
            "trang_thai",
        )
    fields.update(_signer(data, sink))
    _file_names(data, fields, sink)
    _check_sha256(data, fields, shown.rpartition("/")[0], sink)
    return RawMeta(fields, _date(data, sink), _related(data, sink), _order(data, sink), data)


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


def _signer(data: LocatedDict, sink: ErrorSink) -> dict[str, str]:
    value = data.get("nguoi_ky")
    if value in (None, ""):
        return {"chuc_vu": "", "ten": ""}
    if not isinstance(value, LocatedDict):
        sink.add(data.loc("nguoi_ky"), "ghi hai trường con: chuc_vu và ten", "nguoi_ky")
        return {"chuc_vu": "", "ten": ""}
    for key in sorted(set(value) - set(SIGNER_FIELDS)):
        sink.add(value.loc(key), "trường không có trong mẫu (chỉ có chuc_vu, ten)", key)
    return {key: str(value.get(key) or "").strip() for key in SIGNER_FIELDS}


def _related(data: LocatedDict, sink: ErrorSink) -> tuple[str, ...]:
    value = data.get("lien_quan") or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        sink.add(data.loc("lien_quan"), "phải là danh sách mã văn bản", "lien_quan")
        return ()
    return tuple(value)


def _order(data: LocatedDict, sink: ErrorSink) -> int:
    value = data.get("thu_tu", 999)
    if not isinstance(value, int) or isinstance(value, bool):
        sink.add(data.loc("thu_tu"), "phải là một số nguyên", "thu_tu")
        return 999
    return value
