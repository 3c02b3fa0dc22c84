"""content/van-ban/<id>/van-ban.yml -> the fields of a DocumentMeta, with located errors."""

from __future__ import annotations

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
OPTIONAL = (
    "so_ky_hieu",
    "trang_thai",
    "ngay_ban_hanh",
    "nguon_ngay",
    "nguoi_ky",
    "lien_quan",
    "thu_tu",
    "noi_dung",
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
    for key in ("so_ky_hieu", "nguon_ngay", "noi_dung", "trang_thai", "ban_ban_hanh"):
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
    return RawMeta(fields, _date(data, sink), _related(data, sink), _order(data, sink), data)


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
