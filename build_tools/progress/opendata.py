"""Open data: the exact content of the progress pages as JSON, CSV, JSON Schemas and Atom.

Every column is documented once here (name, Vietnamese description, value) and the same
table drives the CSV, the JSON and the column list on the "Dữ liệu mở" page.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from build_tools.progress import feed
from build_tools.progress.dates import Dated
from build_tools.progress.model import ClauseRow, Indicator, Progress

FOLDER = feed.FOLDER
FEED = feed.FEED
BOM = "\ufeff"  # lets spreadsheet programs recognise UTF-8 Vietnamese text


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    value: Callable[[Any], str | int | float | None]
    kind: str = "string"  # Table Schema type: string | integer | number | date


def _num(value: float | None) -> int | float | None:
    """30.0 -> 30 (as the source writes it); 98.21 stays."""
    return int(value) if value is not None and value.is_integer() else value


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


TASK_COLUMNS = (
    Column("id", "mã nhiệm vụ", lambda t: t.id),
    Column("ten", "rõ việc: tên việc", lambda t: t.title),
    Column("mo_ta", "rõ việc: mô tả", lambda t: t.description),
    Column(
        "chu_tri",
        "rõ người: mã đơn vị chủ trì, trống khi văn bản nêu các đơn vị ngang nhau",
        lambda t: t.lead,
    ),
    Column(
        "cung_duoc_giao",
        "rõ người: mã các đơn vị được giao ngang nhau, không đơn vị chủ trì, cách nhau bằng dấu ;",
        lambda t: ";".join(t.co_leads),
    ),
    Column(
        "phoi_hop",
        "rõ người: mã đơn vị phối hợp, cách nhau bằng dấu ;",
        lambda t: ";".join(t.partners),
    ),
    Column(
        "nguoi_chiu_trach_nhiem", "rõ người: chức danh chịu trách nhiệm", lambda t: t.accountable
    ),
    Column("trach_nhiem", "rõ trách nhiệm", lambda t: t.responsibility),
    Column("tham_quyen", "rõ thẩm quyền", lambda t: t.authority),
    Column("han", "rõ tiến độ: hạn đúng như văn bản viết", lambda t: t.deadline.text),
    Column(
        "han_tu",
        "ngày đầu của hạn (YYYY-MM-DD), trống nếu không có",
        lambda t: _iso(t.deadline.start),
        "date",
    ),
    Column(
        "han_den",
        "ngày cuối của hạn (YYYY-MM-DD), trống nếu thường xuyên, định kỳ hoặc không nêu hạn",
        lambda t: _iso(t.deadline.end),
        "date",
    ),
    Column("ket_qua", "rõ kết quả: sản phẩm phải có", lambda t: t.result),
    Column("van_ban", "mã văn bản nguồn", lambda t: t.source.document),
    Column("neo", "neo của điều khoản nguồn trên trang văn bản", lambda t: t.source.anchor),
    Column("trich_dan", "nguyên văn câu giao nhiệm vụ", lambda t: t.quote),
    Column("chu_de", "mã chủ đề, cách nhau bằng dấu ;", lambda t: ";".join(t.topics)),
    Column("trang_thai", "trạng thái tính theo ngày tính tình trạng", lambda t: t.status_label),
    Column(
        "co_bao_cao",
        "1 nếu đã có báo cáo tiến độ, 0 nếu chưa",
        lambda t: int(t.state.reported),
        "integer",
    ),
    Column("lau_chua_cap_nhat", "1 nếu lâu chưa cập nhật", lambda t: int(t.state.stale), "integer"),
    Column(
        "ti_le",
        "tỷ lệ hoàn thành (%) theo báo cáo gần nhất, trống nếu chưa báo cáo",
        lambda t: t.state.percent,
        "number",
    ),
    Column(
        "ngay_hoan_thanh",
        "ngày báo cáo hoàn thành, trống nếu chưa",
        lambda t: _iso(t.state.completed_on),
        "date",
    ),
    Column(
        "suy_ra",
        "vai trò hoặc hạn văn bản không nói ở câu trích dẫn (trường: lý do), cách nhau bằng dấu ;",
        lambda t: ";".join(f"{field}: {reason}" for field, reason in t.inferred),
    ),
    Column("thuoc", "việc con: mã nhiệm vụ cha, trống nếu không", lambda t: t.parent),
)
UPDATE_COLUMNS = (
    Column("ma", "mã báo cáo (BC-…), không đổi", lambda u: u.id),
    Column("nhiem_vu", "mã nhiệm vụ", lambda u: u.task_id),
    Column("ngay", "ngày báo cáo (YYYY-MM-DD)", lambda u: u.date.isoformat(), "date"),
    Column("don_vi_bao_cao", "mã đơn vị báo cáo", lambda u: u.unit),
    Column("trang_thai", "đang thực hiện | hoàn thành", lambda u: u.state.value),
    Column("ti_le", "tỷ lệ hoàn thành (%)", lambda u: u.percent, "number"),
    Column("tom_tat", "tóm tắt", lambda u: u.summary),
    Column(
        "minh_chung",
        "minh chứng: tên | số văn bản | địa chỉ, cách nhau bằng dấu ;",
        lambda u: ";".join(f"{e.title} | {e.number} | {e.url}" for e in u.evidence),
    ),
    Column("dinh_chinh", "mã báo cáo được báo cáo này đính chính", lambda u: u.corrects),
    Column("da_dinh_chinh_boi", "mã báo cáo đính chính báo cáo này", lambda u: u.corrected_by),
)
UNIT_COLUMNS = (
    Column("id", "mã đơn vị", lambda u: u.id),
    Column("ten", "tên đầy đủ", lambda u: u.name),
    Column("ten_ngan", "tên ngắn", lambda u: u.short_name),
    Column("loai", "loại đơn vị", lambda u: u.kind),
)
INDICATOR_COLUMNS = (
    Column("id", "mã chỉ tiêu", lambda r: r[0].id),
    Column("ten", "tên chỉ tiêu", lambda r: r[0].name),
    Column("nhiem_ky", "nhiệm kỳ", lambda r: r[0].term),
    Column("ma", "mã phần mục tiêu", lambda r: r[1].key),
    Column("mo_ta", "phần mục tiêu", lambda r: r[1].text),
    Column(
        "chieu",
        "tối thiểu | trên | tối đa | dưới; trống nếu chỉ tiêu không nêu",
        lambda r: r[1].direction,
    ),
    Column(
        "gia_tri",
        "giá trị mục tiêu, trống nếu mục tiêu không có con số",
        lambda r: _num(r[1].value),
        "number",
    ),
    Column("don_vi", "đơn vị đo", lambda r: r[1].unit),
    Column(
        "tan_suat",
        "hằng năm | trong nhiệm kỳ | cả nhiệm kỳ | không nêu (như chỉ tiêu viết)",
        lambda r: r[1].period,
    ),
    Column("van_ban", "mã văn bản nguồn", lambda r: r[0].source.document),
    Column("neo", "neo của điều khoản nguồn", lambda r: r[0].source.anchor),
)
VALUE_COLUMNS = (
    Column("id", "mã chỉ tiêu", lambda r: r[0].id),
    Column("ma", "mã phần mục tiêu", lambda r: r[2].key),
    Column("loai", "kết quả nhiệm kỳ trước | mốc cơ sở | số liệu nhiệm kỳ", lambda r: r[4]),
    Column("ky", "kỳ của số liệu (năm, hoặc nhiệm kỳ 2020–2025)", lambda r: r[2].period),
    Column("gia_tri", "giá trị", lambda r: _num(r[2].value), "number"),
    Column("ghi_chu", 'ghi chú của nguồn (đối tượng, "trên"…)', lambda r: r[2].note),
    Column("van_ban", "mã văn bản nguồn", lambda r: r[1].document),
    Column("neo", "neo của mục nguồn (phụ lục…)", lambda r: r[1].anchor),
    Column(
        "dong",
        "dòng (STT) trong bảng phụ lục, trống nếu không có",
        lambda r: r[3] or None,
        "integer",
    ),
)


@dataclass(frozen=True)
class RegisterLine:
    """A register row as published: the ids that are tasks, and the reason otherwise."""

    row: ClauseRow
    tasks: tuple[str, ...]
    reason: str


def register_lines(progress: Progress) -> list[RegisterLine]:
    """The rows as published. `check` refuses an id that is neither a task nor withdrawn
    (content/da-rut.yml); a withdrawn one is named in `ly_do`, never as a task."""
    return lines_of(progress.clauses, lambda i: progress.task(i) is not None)


def lines_of(clauses: tuple[ClauseRow, ...], is_task: Callable[[str], bool]) -> list[RegisterLine]:
    """The rows as published, `is_task` telling the ids that are tasks."""
    lines = []
    for row in clauses:
        tasks = tuple(i for i in row.task_ids if is_task(i))
        gone = [i for i in row.task_ids if i not in tasks]
        reason = row.reason
        if gone:
            note = f"nhiệm vụ đã rút: {'; '.join(gone)}"
            reason = f"{reason}; {note}" if reason else note
        lines.append(RegisterLine(row, tasks, reason))
    return lines


REGISTER_COLUMNS = (
    Column("van_ban", "mã văn bản", lambda r: r.row.source.document),
    Column("neo", "neo của điều khoản trên trang văn bản", lambda r: r.row.source.anchor),
    Column("trich_dan", "nguyên văn điều khoản", lambda r: r.row.quote),
    Column(
        "nhiem_vu",
        "mã các nhiệm vụ theo dõi điều khoản, cách nhau bằng dấu ;",
        lambda r: ";".join(r.tasks),
    ),
    Column("ly_do", "vì sao điều khoản không (hoặc chưa) thành nhiệm vụ", lambda r: r.reason),
)
TABLES: dict[str, tuple[str, tuple[Column, ...]]] = {
    "nhiem-vu": ("Nhiệm vụ", TASK_COLUMNS),
    "cap-nhat": ("Báo cáo tiến độ", UPDATE_COLUMNS),
    "don-vi": ("Đơn vị", UNIT_COLUMNS),
    "chi-tieu": ("Chỉ tiêu (mỗi dòng một phần mục tiêu)", INDICATOR_COLUMNS),
    "chi-tieu-so-lieu": ("Số liệu chỉ tiêu (kể cả kết quả nhiệm kỳ trước)", VALUE_COLUMNS),
    "doi-chieu": ("Đối chiếu văn bản – nhiệm vụ (mỗi dòng một điều khoản)", REGISTER_COLUMNS),
}


def date_columns(progress: Dated) -> tuple[Column, ...]:
    """The two dates, on every row of every table (a file read alone still says them)."""
    as_of = progress.as_of.isoformat()
    newest = _iso(progress.data_date)
    return (
        Column(
            "ngay_tinh_trang",
            "ngày tính tình trạng (YYYY-MM-DD): ngày trang được cập nhật",
            lambda _: as_of,
            "date",
        ),
        Column(
            "ngay_bao_cao_moi_nhat",
            "ngày của báo cáo tiến độ mới nhất (YYYY-MM-DD), trống nếu chưa có báo cáo nào",
            lambda _: newest,
            "date",
        ),
    )


UNDATED_TABLES = ("doi-chieu",)  # the clause register states no status: its columns are fixed


def tables(progress: Dated) -> dict[str, tuple[str, tuple[Column, ...]]]:
    """TABLES with the two date columns added to each table that carries statuses."""
    extra = date_columns(progress)
    return {
        name: (title, columns if name in UNDATED_TABLES else (*columns, *extra))
        for name, (title, columns) in TABLES.items()
    }


def rows(progress: Progress) -> dict[str, list[Any]]:
    return {
        "nhiem-vu": list(progress.tasks),
        "cap-nhat": list(progress.updates),
        "don-vi": list(progress.units),
        "doi-chieu": register_lines(progress),
        "chi-tieu": [(i, t) for i in progress.indicators for t in i.targets],
        "chi-tieu-so-lieu": [
            *(
                (i, h.source, r, h.row, "kết quả nhiệm kỳ trước")
                for i in progress.indicators
                for h in i.history
                for r in h.readings
            ),
            *((i, r.source, r, 0, "mốc cơ sở") for i in progress.indicators for r in i.baseline),
            *(
                (i, r.source, r, 0, "số liệu nhiệm kỳ")
                for i in progress.indicators
                for r in i.readings
            ),
        ],
    }


def to_csv(items: list[Any], columns: tuple[Column, ...]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    for item in items:
        writer.writerow(["" if (v := c.value(item)) is None else v for c in columns])
    return out.getvalue()


def to_json(items: list[Any], columns: tuple[Column, ...]) -> str:
    data = [{c.name: c.value(item) for c in columns} for item in items]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def indicators_json(indicators: tuple[Indicator, ...], progress: Dated | None = None) -> str:
    """Indicators in full (targets, readings, previous-term results) as nested JSON; each
    with the two dates when `progress` is given."""
    dated = {c.name: c.value(None) for c in date_columns(progress)} if progress else {}
    data = [
        {
            "id": i.id,
            "ten": i.name,
            "noi_dung": i.text,
            "nhiem_ky": i.term,
            "nguon": {"van_ban": i.source.document, "neo": i.source.anchor},
            "muc_tieu": [_target(t) for t in i.targets],
            "co_so": [_reading(r) for r in i.baseline],
            "so_lieu": [_reading(r) for r in i.readings],
            "ket_qua_nhiem_ky_truoc": [
                {
                    "ky": h.period,
                    "nguon": {"van_ban": h.source.document, "neo": h.source.anchor},
                    "dong": h.row or None,
                    "chi_tieu": h.target_text,
                    "ket_qua": h.result_text,
                    "danh_gia": h.evaluation,
                    "so_lieu": [_reading(r) for r in h.readings],
                }
                for h in i.history
            ],
            "danh_gia": i.evaluation,
            **dated,
        }
        for i in indicators
    ]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _target(t: Any) -> dict[str, Any]:
    return {
        "ma": t.key,
        "mo_ta": t.text,
        "gia_tri": _num(t.value),
        "don_vi": t.unit,
        "chieu": t.direction,
        "tan_suat": t.period,
        "nam": t.year,
    }


def _reading(r: Any) -> dict[str, Any]:
    return {"ma": r.key, "ky": r.period, "gia_tri": _num(r.value), "ghi_chu": r.note}
