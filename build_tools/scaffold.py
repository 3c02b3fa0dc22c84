"""`python -m build_tools new task|update|unit|indicator`: append a skeleton to content/.

The skeleton holds only what is known for sure: the next free id, today's date (the one
place where the wall clock is right; injectable for tests), and the references the editor
named. Every field the editor must write is left empty (""), so `check` points at each one
until it is filled: nothing invented can reach the published site.

The text is appended to the YAML file (comments and layout kept); a file that does not
parse is left untouched and its errors are reported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from build_tools.config import build_day
from build_tools.errors import ContentError, ContentErrors, SourceLocation
from build_tools.paths import Paths
from build_tools.slugs import slugify
from build_tools.validate import suggestion
from build_tools.yamlio import LocatedDict, LocatedList, load_yaml, parse_yaml

Today = Callable[[], date]

UNIT_KINDS = "cơ quan Đảng | chính quyền | Mặt trận và đoàn thể | báo chí | cấp xã | nhóm đơn vị"


@dataclass(frozen=True)
class Added:
    """What `new` wrote: the id (or task id), the file and the first line of the item."""

    ident: str
    file: Path
    line: int
    kind: str


def _tracking(paths: Paths, folder: str) -> Path:
    return paths.content / "tien-do" / folder


def _header(schema: str, title: str) -> str:
    return f"# yaml-language-server: $schema=../../../build_tools/schemas/{schema}\n# {title}\n"


def _items(file: Path, shown: str) -> list[LocatedDict]:
    """The mappings already in a list file; raises ContentErrors if it does not parse."""
    if not file.exists():
        return []
    data, errors = load_yaml(file, shown)
    if errors:
        raise ContentErrors(errors)
    if data is None:
        return []
    if not isinstance(data, LocatedList):
        raise ContentErrors(
            [
                ContentError(
                    SourceLocation(shown, 1, 1),
                    'tệp phải là danh sách các mục bắt đầu bằng "- " — sửa tệp trước khi thêm',
                )
            ]
        )
    return [item for item in data if isinstance(item, LocatedDict)]


def _append(paths: Paths, file: Path, header: str, block: str) -> int:
    """Append `block` to `file` (created with `header`); returns the block's first line."""
    old = file.read_text(encoding="utf-8-sig") if file.exists() else header
    if old and not old.endswith("\n"):
        old += "\n"
    text = f"{old}\n{block}"
    _, errors = parse_yaml(text, paths.rel(file))
    if errors:  # pragma: no cover - a skeleton always parses; guard against surprises
        raise ContentErrors(errors)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return old.count("\n") + 2


def _all_items(paths: Paths, folder: str) -> list[LocatedDict]:
    directory = _tracking(paths, folder)
    found: list[LocatedDict] = []
    for file in sorted(directory.glob("*.yml")) if directory.is_dir() else []:
        found += _items(file, paths.rel(file))
    return found


class ScaffoldError(Exception):
    """A `new` command that cannot run as asked; the message says what to change."""


def _error(message: str, shown: str = "") -> ScaffoldError:
    return ScaffoldError(f"{shown}: {message}" if shown else message)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


# --- task ---------------------------------------------------------------------------------


def next_task_id(existing: list[str], prefix: str | None = None) -> str | None:
    """`CT01-6B`, `CT01-5A` -> `CT01-7`: first segment + (largest leading number + 1)."""
    parts = [i.split("-", 1) for i in existing if "-" in i]
    heads = sorted({head for head, _ in parts})
    head = prefix or (heads[0] if len(heads) == 1 else None)
    if head is None:
        return None
    numbers = [int(m.group()) for h, tail in parts if h == head if (m := re.match(r"\d+", tail))]
    return f"{head}-{max(numbers, default=0) + 1}"


def new_task(paths: Paths, document: str, anchor: str = "", ident: str = "") -> Added:
    """Append a task of `document` to content/tien-do/nhiem-vu/<document>.yml."""
    if not (paths.content / "van-ban" / document).is_dir():
        known = sorted(p.name for p in (paths.content / "van-ban").glob("*") if p.is_dir())
        raise _error(
            f'không có văn bản "{document}" trong content/van-ban/ — dùng một trong: '
            + ", ".join(known)
        )
    file = _tracking(paths, "nhiem-vu") / f"{document}.yml"
    shown = paths.rel(file)
    taken = {str(t.get("id")) for t in _all_items(paths, "nhiem-vu")}
    ident = ident or next_task_id([str(t.get("id")) for t in _items(file, shown)]) or ""
    if not ident:
        raise _error(
            "văn bản này chưa có nhiệm vụ nào nên chưa có mẫu mã — thêm --id, ví dụ --id CT01-1",
            shown,
        )
    if ident in taken:
        raise _error(f'mã "{ident}" đã được dùng — chọn mã khác với --id', shown)
    block = (
        f"- id: {ident}\n"
        '  ten: ""  # rõ việc: tên ngắn của việc phải làm, dùng lời của văn bản\n'
        '  chu_tri: ""  # rõ người: mã đơn vị chủ trì (content/tien-do/don-vi/)\n'
        '  trach_nhiem: ""  # rõ trách nhiệm: phải làm ra hoặc báo cáo gì\n'
        '  han: ""  # rõ tiến độ: hạn đúng như văn bản viết, ví dụ "quý IV/2025"\n'
        '  ket_qua: ""  # rõ kết quả: sản phẩm phải có\n'
        "  nguon:\n"
        f"    van_ban: {document}\n"
        f'    neo: "{anchor}"  # neo của đoạn: bấm ¶ cạnh đoạn trên trang văn bản\n'
        '  trich_dan: ""  # chép nguyên văn câu giao nhiệm vụ\n'
    )
    header = _header("nhiem-vu.schema.json", f"Nhiệm vụ theo văn bản {document}.")
    return Added(ident, file, _append(paths, file, header, block), "nhiệm vụ")


# --- update -------------------------------------------------------------------------------


def new_update(paths: Paths, task_id: str, today: Today = build_day) -> Added:
    """Append a progress report for `task_id`, dated today, to cap-nhat/<YYYY-MM>.yml."""
    tasks = {str(t.get("id")): t for t in _all_items(paths, "nhiem-vu")}
    task = tasks.get(task_id)
    if task is None:
        guess = suggestion(task_id, tasks)
        hint = f' — có phải ý bạn là "{guess}"?' if guess else " — xem mã ở trang nhiệm vụ"
        raise _error(f'không có nhiệm vụ mã "{task_id}"{hint}')
    day = today()
    file = _tracking(paths, "cap-nhat") / f"{day:%Y-%m}.yml"
    _items(file, paths.rel(file))  # refuse to append to a broken file
    lead = task.get("chu_tri", "")
    block = (
        f"- nhiem_vu: {task_id}\n"
        f"  ngay: {day.isoformat()}  # ngày của báo cáo (văn bản báo cáo), không phải ngày nhập\n"
        f'  don_vi_bao_cao: ""  # mã đơn vị báo cáo; đơn vị chủ trì là {lead}\n'
        '  trang_thai: ""  # "đang thực hiện" hoặc "hoàn thành"\n'
        "  # ti_le: 50  # tỷ lệ hoàn thành (%), chỉ ghi khi báo cáo nêu con số\n"
        '  tom_tat: ""  # tóm tắt kết quả, theo lời văn của báo cáo\n'
        "  minh_chung:\n"
        '    - ten: ""  # tên văn bản minh chứng, ví dụ "Báo cáo kết quả học tập Nghị quyết"\n'
        "      # so_van_ban: 125-BC/TU\n"
        "      # url: https://…\n"
    )
    header = _header("cap-nhat.schema.json", f"Báo cáo tiến độ tháng {day:%m/%Y}.")
    return Added(task_id, file, _append(paths, file, header, block), "báo cáo")


# --- unit ---------------------------------------------------------------------------------


def new_unit(paths: Paths, name: str, ident: str = "") -> Added:
    """Append a unit named `name` to content/tien-do/don-vi/don-vi.yml."""
    name = _nfc(name)
    ident = ident or slugify(name)
    file = _tracking(paths, "don-vi") / "don-vi.yml"
    shown = paths.rel(file)
    for unit in _all_items(paths, "don-vi"):
        if unit.get("id") == ident:
            raise _error(
                f'đã có đơn vị mã "{ident}" ({unit.get("ten")}) ở {unit.loc("id")} — dùng mã '
                "này, hoặc đặt mã khác với --id",
                shown,
            )
    block = (
        f"- id: {ident}\n"
        f"  ten: {_quoted(name)}\n"
        '  ten_ngan: ""  # tên ngắn dùng trong bảng\n'
        f'  loai: ""  # một trong: {UNIT_KINDS}\n'
    )
    header = _header("don-vi.schema.json", "Các cơ quan, đơn vị được văn bản nguồn nêu tên.")
    return Added(ident, file, _append(paths, file, header, block), "đơn vị")


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- indicator ----------------------------------------------------------------------------


def next_indicator_id(existing: list[str]) -> str | None:
    """`cqd-01` … `cqd-08` -> `cqd-09` (same prefix, same zero padding)."""
    parsed = [m for i in existing if (m := re.fullmatch(r"(.*?)(\d+)", i))]
    if not parsed:
        return None
    prefix = parsed[-1].group(1)
    width = len(parsed[-1].group(2))
    numbers = [int(m.group(2)) for m in parsed if m.group(1) == prefix]
    return f"{prefix}{max(numbers) + 1:0{width}d}"


def new_indicator(paths: Paths, group: str, ident: str = "") -> Added:
    """Append an indicator to content/tien-do/chi-tieu/<group>.yml."""
    file = _tracking(paths, "chi-tieu") / f"{group}.yml"
    shown = paths.rel(file)
    items = _items(file, shown)
    taken = {str(i.get("id")) for i in _all_items(paths, "chi-tieu")}
    ident = ident or next_indicator_id([str(i.get("id")) for i in items]) or ""
    if not ident:
        raise _error(
            "tệp chỉ tiêu này chưa có chỉ tiêu nào nên chưa có mẫu mã — thêm --id, ví dụ "
            "--id cqd-01",
            shown,
        )
    if ident in taken:
        raise _error(f'mã "{ident}" đã được dùng — chọn mã khác với --id', shown)
    last: dict[str, object] = items[-1] if items else {}
    source = last.get("nguon")
    document = source.get("van_ban", "") if isinstance(source, dict) else ""
    term = last.get("nhiem_ky", "2025–2030")
    block = (
        f"- id: {ident}\n"
        '  ten: ""  # tên ngắn của chỉ tiêu\n'
        '  noi_dung: ""  # chép nguyên văn chỉ tiêu\n'
        f"  nhiem_ky: {term}\n"
        "  nguon:\n"
        f"    van_ban: {document or '…'}\n"
        '    neo: ""  # neo của đoạn: bấm ¶ cạnh đoạn trên trang văn bản\n'
        "  muc_tieu:\n"
        '    - ma: ""  # mã ngắn của phần mục tiêu, ví dụ hoc-tap\n'
        '      mo_ta: ""  # phần mục tiêu, nguyên văn\n'
        "      # gia_tri: 98  # con số mục tiêu, nếu chỉ tiêu có\n"
        '      # don_vi: "%"\n'
        "      # chieu: tối thiểu  # tối thiểu | trên | tối đa | dưới\n"
        '      tan_suat: ""  # như chỉ tiêu viết: hằng năm | trong nhiệm kỳ | cả nhiệm kỳ | '
        "không nêu\n"
        '      nam: ""  # năm phải đạt, ví dụ 2030\n'
    )
    header = _header("chi-tieu.schema.json", f"Chỉ tiêu ({group}).")
    return Added(ident, file, _append(paths, file, header, block), "chỉ tiêu")
