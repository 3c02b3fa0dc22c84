"""content/da-rut.yml: published tasks, units and documents withdrawn on purpose.

Removing a published item is an error (build_tools/history.py) unless it is listed here
with a date and a reason; its old address then keeps working with a page that says what
happened: withdrawn, when, why, and where it went when it was merged into another.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from build_tools.config import parse_iso_date
from build_tools.errors import ErrorSink, SourceLocation
from build_tools.paths import Paths
from build_tools.planned import Planned, make_all, planned
from build_tools.render import vn_date
from build_tools.validate import advice, load_schema, validate_with_schema
from build_tools.yamlio import LocatedDict, load_yaml

if TYPE_CHECKING:
    from build_tools.models import Site

FILE = "da-rut.yml"
TASK, UNIT, DOCUMENT = "nhiệm vụ", "đơn vị", "văn bản"


@dataclass(frozen=True)
class Entry:
    kind: str  # TASK, UNIT or DOCUMENT
    ident: str
    date: date | None
    reason: str
    replaced_by: str
    location: SourceLocation


@dataclass(frozen=True)
class Withdrawn:
    entries: tuple[Entry, ...] = ()
    raw: tuple[Any, ...] = ()  # the items as read (history.py compares them)

    def has(self, kind: str, ident: str) -> bool:
        return any(e.kind == kind and e.ident == ident for e in self.entries)

    def ids(self, kind: str) -> frozenset[str]:
        return frozenset(e.ident for e in self.entries if e.kind == kind)


def load(paths: Paths, sink: ErrorSink) -> Withdrawn:
    """The withdrawn list (empty when the file does not exist), its errors to `sink`."""
    file = paths.content / FILE
    if not file.exists():
        return Withdrawn()
    shown = paths.rel(file)
    data, errors = load_yaml(file, shown)
    sink.extend(errors)
    if not isinstance(data, list):
        return Withdrawn()
    validate_with_schema(data, load_schema("da-rut.schema.json"), sink, _subject(data))
    items = [i for i in data if isinstance(i, LocatedDict)]
    entries = []
    for item in items:
        day = parse_iso_date(str(item.get("ngay", "")))
        if day is None and isinstance(item.get("ngay"), str) and len(item["ngay"]) == 10:
            sink.add(
                item.loc("ngay"),
                f'"{item["ngay"]}" không phải ngày có thật — sửa lại ngày (viết YYYY-MM-DD)',
                "ngay",
                f"{item.get('loai', '')} {item.get('ma', '')}".strip(),
            )
        entries.append(
            Entry(
                str(item.get("loai", "")),
                str(item.get("ma", "")),
                day,
                str(item.get("ly_do", "")),
                str(item.get("thay_bang", "")),
                item.location,
            )
        )
    return Withdrawn(tuple(entries), tuple(items))


def _subject(data: list[Any]) -> Any:
    def subject(path: tuple[str | int, ...]) -> str:
        if not path or not isinstance(path[0], int):
            return ""
        item = data[path[0]]
        if isinstance(item, dict) and isinstance(item.get("ma"), str):
            return f"{item.get('loai', 'mục')} {item['ma']}"
        return f"mục thứ {path[0] + 1}"

    return subject


def _existing(site: Site) -> dict[str, set[str]]:
    return {
        TASK: {t.id for t in site.progress.tasks},
        UNIT: {u.id for u in site.progress.units},
        DOCUMENT: {d.meta.id for d in site.corpus.documents},
    }


def check(withdrawn: Withdrawn, site: Site, sink: ErrorSink) -> None:
    """A withdrawn item is gone from content; a merge target exists; nothing is listed twice."""
    existing = _existing(site)
    seen: dict[tuple[str, str], SourceLocation] = {}
    for entry in withdrawn.entries:
        subject = f"{entry.kind} {entry.ident}"
        key = (entry.kind, entry.ident)
        if key in seen:
            sink.add(
                entry.location,
                f"đã khai báo rút ở {seen[key]} — mỗi mục chỉ rút một lần; xóa mục lặp này",
                subject=subject,
            )
        seen[key] = entry.location
        if entry.ident in existing.get(entry.kind, set()):
            sink.add(
                entry.location,
                f"đã khai báo rút nhưng vẫn còn trong nội dung — xóa {entry.kind} này khỏi "
                "nội dung, hoặc bỏ mục khai báo rút nếu chưa công bố",
                subject=subject,
            )
        known = existing.get(entry.kind, set())
        if entry.replaced_by and entry.replaced_by not in known:
            sink.add(
                entry.location,
                advice(
                    f'không có {entry.kind} "{entry.replaced_by}" để dẫn tới',
                    f"ghi mã một {entry.kind} đang có, hoặc bỏ dòng thay_bang",
                    entry.replaced_by,
                    known,
                ),
                "thay_bang",
                subject,
            )


# --- pages at the old addresses --------------------------------------------------------------

URLS = {TASK: "tien-do/nhiem-vu/{}/", UNIT: "tien-do/don-vi/{}/", DOCUMENT: "van-ban/{}/"}


def url(kind: str, ident: str) -> str:
    return URLS[kind].format(ident.lower() if kind == TASK else ident)


def _sentence(entry: Entry) -> str:
    when = f" ngày {vn_date(entry.date)}" if entry.date else ""
    return f"{entry.kind.capitalize()} {entry.ident} đã được rút khỏi trang{when}."


def plan(withdrawn: Withdrawn, progress: Any) -> dict[str, Planned]:
    """One page per withdrawn item, at its old address (task pages as taskpages.py wants),
    keyed by the declaration and, for a task, the reports published on it."""
    gone_tasks = {e.ident for e in withdrawn.entries if e.kind == TASK}
    own: dict[str, list[Any]] = {}
    for update in progress.updates if gone_tasks else ():
        if update.task_id in gone_tasks:
            own.setdefault(update.task_id, []).append(update)
    files: dict[str, Planned] = {}
    for entry in withdrawn.entries:
        if entry.kind not in URLS:
            continue
        reports = tuple(own.get(entry.ident, ())) if entry.kind == TASK else ()
        names = tuple((i, _unit_name(progress, i)) for i in dict.fromkeys(u.unit for u in reports))
        files[f"{url(entry.kind, entry.ident)}index.md"] = planned(page, entry, reports, names)
    return files


def _unit_name(progress: Any, unit_id: str) -> str:
    unit = progress.unit(unit_id)
    return str(unit.name) if unit is not None else unit_id


def render(site: Site, withdrawn: Withdrawn) -> dict[str, str | bytes]:
    """The pages at the old addresses, made."""
    return make_all(plan(withdrawn, site.progress))


def page(entry: Entry, reports: tuple[Any, ...], names: tuple[tuple[str, str], ...]) -> str:
    """The page at a withdrawn item's old address; `reports`: those published on a task,
    `names`: the reporting units' names."""
    here = url(entry.kind, entry.ident)
    depth = "../" * here.count("/")
    moved = ""
    if entry.replaced_by:
        target = depth + url(entry.kind, entry.replaced_by)
        moved = (
            f'<p>Đã gộp vào: <a href="{html.escape(target)}">{entry.kind} '
            f"{html.escape(entry.replaced_by)}</a>.</p>\n"
        )
    title = f"{entry.kind.capitalize()} {entry.ident} (đã rút)"
    heading = "da-rut"
    return (
        "---\n"
        f"title: {json.dumps(title, ensure_ascii=False)}\n"
        f"description: {json.dumps(_sentence(entry), ensure_ascii=False)}\n"
        f"edit_source: {json.dumps('content/' + FILE, ensure_ascii=False)}\n"
        "---\n\n"
        f'<h1 id="{heading}">{html.escape(title)}<a class="headerlink" href="#{heading}" '
        'title="Liên kết đến mục này">¶</a></h1>\n'
        f'<div class="withdrawn">\n<p><strong>{html.escape(_sentence(entry))}</strong></p>\n'
        f"<p>Lý do: {html.escape(entry.reason)}</p>\n{moved}"
        "<p>Trang này giữ địa chỉ cũ để liên kết đã chia sẻ vẫn mở được; khai báo rút nằm "
        "trong tệp content/da-rut.yml của kho nội dung.</p>\n</div>\n"
        f"{_reports(reports, dict(names))}"
    )


def _reports(own: tuple[Any, ...], names: dict[str, str]) -> str:
    """The reports published on a withdrawn task: they stay, newest first."""
    if not own:
        return ""
    items = "".join(
        f'<li id="{u.anchor}"><strong>{vn_date(u.date)}</strong> — '
        f"{html.escape(names[u.unit])}: "
        f"{html.escape(u.state.value)}. {html.escape(u.summary)} <small>Mã báo cáo: "
        f"{u.id}.</small></li>\n"
        for u in sorted(own, key=lambda u: (u.date, u.file, u.line), reverse=True)
    )
    return (
        '<h2 id="bao-cao-tien-do">Báo cáo tiến độ đã công bố<a class="headerlink" '
        'href="#bao-cao-tien-do" title="Liên kết đến mục này">¶</a></h2>\n'
        f"<ul>\n{items}</ul>\n"
    )
