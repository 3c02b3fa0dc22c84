"""content/tien-do/**/*.yml -> validated Progress model; every problem goes to the sink.

Folders (one JSON Schema each, in build_tools/schemas/):
  don-vi/    units          nhiem-vu/  tasks
  cap-nhat/  updates        chi-tieu/  indicators
  doi-chieu/ the clause register (register.py)
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from build_tools.config import SiteConfig, parse_iso_date
from build_tools.documents import Corpus
from build_tools.errors import ContentError, ErrorSink, SourceLocation
from build_tools.filecache import ByContent
from build_tools.paths import Paths
from build_tools.progress import changes, ledger, roles
from build_tools.progress.deadlines import (
    EXAMPLES,
    Deadline,
    DeadlineError,
    DeadlineKind,
    parse_deadline,
)
from build_tools.progress.model import (
    Evidence,
    HistoryEntry,
    Indicator,
    Progress,
    Reading,
    SourceRef,
    Target,
    Task,
    Unit,
    Update,
    UpdateState,
)
from build_tools.progress.status import compute_status
from build_tools.render import vn_date
from build_tools.topics import TopicIndex
from build_tools.validate import JsonPath, advice, load_schema, validate_with_schema
from build_tools.withdrawn import TASK, UNIT, Withdrawn
from build_tools.workers import context as workers_context
from build_tools.yamlio import LocatedDict, LocatedList, load_yaml

FOLDERS = {
    "don-vi": ("don-vi.schema.json", "đơn vị"),
    "nhiem-vu": ("nhiem-vu.schema.json", "nhiệm vụ"),
    "cap-nhat": ("cap-nhat.schema.json", "báo cáo"),
    "chi-tieu": ("chi-tieu.schema.json", "chỉ tiêu"),
    "thay-doi": ("thay-doi.schema.json", "thay đổi nhiệm vụ"),
    "doi-chieu": ("doi-chieu.schema.json", "đối chiếu neo"),
}


@dataclass(frozen=True)
class Record:
    """One YAML list item with the file it came from."""

    data: LocatedDict
    file: str

    def text(self, key: str) -> str:
        value = self.data.get(key, "")
        return value if isinstance(value, str) else ""

    def loc(self, key: str) -> SourceLocation:
        return self.data.loc(key)


WHOLE_DOCUMENT = "\0"  # Context.clause_text's key for every word of a document


@dataclass
class Context:
    """What cross-file checks need to see."""

    config: SiteConfig
    corpus: Corpus
    topics: TopicIndex
    sink: ErrorSink
    texts: dict[tuple[str, str], str] = dataclasses.field(default_factory=dict)  # (doc, anchor)
    unit_names: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)

    def clause_text(self, document: Any, anchor: str) -> str:
        """`clause_text`, computed once per cited clause (thousands of tasks cite few)."""
        key = (str(getattr(getattr(document, "meta", None), "id", id(document))), anchor)
        if key not in self.texts:
            whole = anchor == WHOLE_DOCUMENT
            self.texts[key] = document_text(document) if whole else clause_text(document, anchor)
        return self.texts[key]


def tracking_root(paths: Paths) -> Path:
    return paths.content / "tien-do"


def load(
    paths: Paths,
    config: SiteConfig,
    corpus: Corpus,
    topics: TopicIndex,
    sink: ErrorSink,
    withdrawn: Withdrawn | None = None,
) -> Progress:
    """Read, validate and compute statuses; returns a usable model even after errors.
    Reports may name a withdrawn task or unit (`withdrawn`): published reports stay."""
    ctx = Context(config, corpus, topics, sink)
    gone = withdrawn or Withdrawn()
    records = {folder: list(_read_folder(paths, folder, sink)) for folder in FOLDERS}
    units = _units(records["don-vi"], ctx)
    unit_ids = {u.id for u in units}
    ctx.unit_names = {u.id: u.names for u in units}
    raw_tasks = _unique(records["nhiem-vu"], "nhiệm vụ", sink)
    updates = _updates(
        records["cap-nhat"],
        {r.text("id") for r in raw_tasks} | gone.ids(TASK),
        unit_ids | gone.ids(UNIT),
        ctx,
    )
    by_task: dict[str, list[Update]] = {}
    for update in updates:
        by_task.setdefault(update.task_id, []).append(update)
    members = _members(units)
    declared = changes.collect(records["thay-doi"], {r.text("id") for r in raw_tasks}, sink)
    tasks = tuple(
        _task(
            r,
            unit_ids,
            by_task.get(r.text("id"), []),
            ctx,
            members,
            declared.get(r.text("id"), []),
        )
        for r in raw_tasks
    )
    roles.check_parents(raw_tasks, ctx)
    tasks = roles.rolled_up(tasks)
    indicators = tuple(_indicator(r, ctx) for r in _unique(records["chi-tieu"], "chỉ tiêu", sink))
    roles.check_indicators(raw_tasks, {i.id for i in indicators}, ctx)
    from build_tools.progress import register  # it reads this module's helpers

    clauses = register.rows(records["doi-chieu"], ctx)
    register.check_tasks(raw_tasks, clauses, ctx)
    named = {r.text("id") for r in raw_tasks} | gone.ids(TASK)  # a withdrawn task stays named
    register.check_ids(records["doi-chieu"], named, ctx)
    return Progress(
        tasks=tasks,
        units=units,
        indicators=indicators,
        updates=tuple(sorted(updates, key=lambda u: (u.date, u.task_id, u.file, u.line))),
        as_of=config.as_of,
        stale_days=config.stale_days,
        clauses=clauses,
    )


# --- reading -----------------------------------------------------------------------------


def read_records(paths: Paths, folder: str) -> list[Record]:
    """The items of one tracking folder as last read (parsed once, kept by content); their
    errors were reported by `load`."""
    return list(_read_folder(paths, folder, ErrorSink()))


def _files(paths: Paths, folder: str) -> list[Path]:
    """The YAML files of one tracking folder (none if it does not exist), in order."""
    directory = tracking_root(paths) / folder
    return sorted([*directory.glob("*.yml"), *directory.glob("*.yaml")])


def _read_folder(paths: Paths, folder: str, sink: ErrorSink) -> Iterator[Record]:
    schema_name, kind = FOLDERS[folder]
    for file in _files(paths, folder):
        shown = paths.rel(file)
        data = _parsed(file, shown, schema_name, kind, sink)
        if isinstance(data, LocatedList):
            for item in data:
                if isinstance(item, LocatedDict):
                    yield Record(item, shown)


# Parsed and schema-checked files, kept by their bytes (filecache): `make serve` re-reads
# only the files a save changed (city scale: 630 files).
_PARSED: ByContent[Any] = ByContent()


def _parsed(file: Path, shown: str, schema_name: str, kind: str, sink: ErrorSink) -> Any:
    """`file`'s data (None if empty or unreadable); its syntax and schema errors to `sink`."""
    return _PARSED.get(
        _cache_key(file, shown, schema_name),
        [file],
        lambda local: _parse(file, shown, schema_name, kind, local),
        sink,
    )


def _cache_key(file: Path, shown: str, schema_name: str) -> tuple[str, ...]:
    return (str(file.resolve()), shown, schema_name)


def _parse(file: Path, shown: str, schema_name: str, kind: str, sink: ErrorSink) -> Any:
    data, errors = load_yaml(file, shown)
    sink.extend(errors)
    if data is not None:
        validate_with_schema(data, load_schema(schema_name), sink, _subject(data, kind))
    return data


# Below this many files to parse, worker processes cost more than they save.
PREFETCH_MIN_FILES = 16


def prefetch(paths: Paths) -> Callable[[], None]:
    """Start parsing and schema-checking the tracking files not parsed yet, in worker
    processes (city scale: 18 MB of YAML, ≈ 11 s on one core), while the caller loads
    documents and topics; the returned function waits and keeps the results in _PARSED,
    where `load` finds them. The same `_parse` runs, so data and errors are unchanged."""
    jobs = []
    for folder, (schema_name, kind) in FOLDERS.items():
        for file in _files(paths, folder):
            full = ByContent.full_key(_cache_key(file, paths.rel(file), schema_name), [file])
            if not _PARSED.has(full):
                jobs.append((full, file, paths.rel(file), schema_name, kind))
    workers = min(os.cpu_count() or 1, 4)
    if len(jobs) < PREFETCH_MIN_FILES or workers < 2:
        return lambda: None
    pool = ProcessPoolExecutor(workers, mp_context=workers_context())
    futures = [pool.submit(_parse_job, *job[1:]) for job in jobs]

    def collect() -> None:
        with pool:
            for job, future in zip(jobs, futures, strict=True):
                data, errors = future.result()
                _PARSED.put(job[0], data, errors)

    return collect


def _parse_job(
    file: Path, shown: str, schema_name: str, kind: str
) -> tuple[Any, list[ContentError]]:
    sink = ErrorSink()
    data = _parse(file, shown, schema_name, kind, sink)
    return data, sink.errors


def _subject(data: Any, kind: str) -> Callable[[JsonPath], str]:
    def subject(path: JsonPath) -> str:
        if not path or not isinstance(path[0], int) or not isinstance(data, list):
            return ""
        item = data[path[0]]
        ident = None
        if isinstance(item, dict):
            ident = next(
                (item[k] for k in ("id", "nhiem_vu", "neo") if isinstance(item.get(k), str)), None
            )
        return f"{kind} {ident}" if isinstance(ident, str) else f"{kind} thứ {path[0] + 1}"

    return subject


def _name(record: Record, kind: str) -> str:
    ident = record.text("id") or record.text("nhiem_vu")
    return f"{kind} {ident}" if ident else kind


def _unique(records: list[Record], kind: str, sink: ErrorSink) -> list[Record]:
    """Records with a fresh id; a repeated id is reported where it is repeated."""
    seen: dict[str, SourceLocation] = {}
    kept = []
    for record in records:
        ident = record.text("id")
        if ident in seen:
            sink.add(
                record.loc("id"),
                f'mã "{ident}" đã dùng ở {seen[ident]} — mỗi {kind} cần một mã riêng; đổi mã này',
                "id",
                f"{kind} {ident}",
            )
            continue
        if ident:
            seen[ident] = record.loc("id")
        kept.append(record)
    return kept


# --- units -------------------------------------------------------------------------------


def _units(records: list[Record], ctx: Context) -> tuple[Unit, ...]:
    kept = _unique(records, "đơn vị", ctx.sink)
    groups = {r.text("id") for r in kept if r.text("loai") == GROUP}
    return tuple(
        Unit(
            r.text("id"),
            r.text("ten"),
            r.text("ten_ngan"),
            r.text("loai"),
            r.file,
            _groups(r, groups, ctx),
            _strings(r.data.get("ten_khac")),
        )
        for r in kept
    )


GROUP = "nhóm đơn vị"


def _groups(record: Record, groups: set[str], ctx: Context) -> tuple[str, ...]:
    """The groups a unit declares it belongs to (`thuoc`); each must be a declared group."""
    raw = record.data.get("thuoc", [])
    found = tuple(g for g in raw if isinstance(g, str)) if isinstance(raw, list) else ()
    for group in found:
        if group not in groups:
            ctx.sink.add(
                record.loc("thuoc"),
                advice(
                    f'không có nhóm đơn vị "{group}" (đơn vị có "loai: {GROUP}")',
                    "sửa mã cho đúng mã một nhóm đơn vị trong content/tien-do/don-vi/",
                    group,
                    groups,
                ),
                "thuoc",
                _name(record, "đơn vị"),
            )
    return found


def _strings(raw: Any) -> tuple[str, ...]:
    return tuple(x for x in raw if isinstance(x, str)) if isinstance(raw, list) else ()


def _check_unit(record: Record, key: str, unit: str, units: set[str], ctx: Context) -> None:
    if unit and unit not in units:
        ctx.sink.add(
            record.loc(key),
            advice(
                f'không có đơn vị "{unit}" trong content/tien-do/don-vi/',
                "sửa mã, hoặc thêm đơn vị đó vào danh sách đơn vị",
                unit,
                units,
            ),
            key,
            _name(record, "nhiệm vụ" if "id" in record.data else "báo cáo"),
        )


# --- sources -----------------------------------------------------------------------------


def _document(corpus: Corpus, doc_id: str) -> Any:
    getter = getattr(corpus, "get", None)
    return getter(doc_id) if callable(getter) else None


def document_date(corpus: Corpus, doc_id: str) -> date | None:
    document = _document(corpus, doc_id)
    meta = getattr(document, "meta", None)
    value = getattr(meta, "date", None)
    return value if isinstance(value, date) else None


def _anchors(document: Any) -> set[str]:
    sections = {s.anchor for s in getattr(document, "sections", ())}
    return sections | set(getattr(document, "paragraph_anchors", frozenset()))


def _source(
    record: Record, key: str, kind: str, ctx: Context, quoted: tuple[str, ...] = ()
) -> SourceRef:
    """The cited clause; checks the document, the anchor, and that the `quoted` fields of
    `record` are the clause's own words."""
    raw = record.data.get(key)
    if not isinstance(raw, LocatedDict):
        return SourceRef("", "")
    ref = SourceRef(str(raw.get("van_ban", "")), str(raw.get("neo", "")))
    if not ctx.corpus.documents or not ref.document:
        return ref  # no documents loaded yet: nothing to check against
    document = _document(ctx.corpus, ref.document)
    who = _name(record, kind)
    if document is None:
        known = [d.meta.id for d in getattr(ctx.corpus, "documents", ())]
        ctx.sink.add(
            raw.loc("van_ban"),
            advice(
                f'không có văn bản "{ref.document}"',
                f"dùng mã văn bản có trong content/van-ban/ ({', '.join(known)})",
                ref.document,
                known,
            ),
            "van_ban",
            who,
        )
    elif ref.anchor and not ctx.corpus.has_anchor(ref.document, ref.anchor):
        ctx.sink.add(
            raw.loc("neo"),
            advice(
                f'văn bản "{ref.document}" không có neo "{ref.anchor}"',
                "mở trang văn bản, bấm ¶ cạnh mục hoặc đoạn cần dẫn và chép phần sau dấu #",
                ref.anchor,
                _anchors(document),
            ),
            "neo",
            who,
        )
    else:
        _check_quotes(record, quoted, document, ref, who, ctx)
    return ref


def _plain(text: str) -> str:
    """Whitespace collapsed, Markdown emphasis marks dropped: what a reader sees."""
    return " ".join(text.replace("*", "").split())


def clause_text(document: Any, anchor: str) -> str:
    """The words of a section (heading, body, subsections) or of one paragraph."""
    paragraphs = getattr(document, "paragraphs", ())
    section = document.section(anchor)
    if section is None:
        return _plain(" ".join(p.text for p in paragraphs if p.anchor == anchor))
    inside = {anchor}
    for other in document.sections:  # parents come before their children
        if other.parent in inside:
            inside.add(other.anchor)
    titles = [s.title for s in document.sections if s.anchor in inside]
    texts = [s.text for s in document.sections if s.anchor in inside]
    body = [p.text for p in paragraphs if p.section in inside]
    return _plain(" ".join([*titles, *texts, *body]))


def _check_quotes(
    record: Record,
    quoted: tuple[str, ...],
    document: Any,
    ref: SourceRef,
    who: str,
    ctx: Context,
) -> None:
    words = ctx.clause_text(document, ref.anchor) if quoted else ""
    for field in quoted:
        text = record.text(field)
        if text and _plain(text) not in words:
            ctx.sink.add(
                record.loc(field),
                f'không phải nguyên văn của mục được dẫn ("{ref.document}", neo "{ref.anchor}")'
                " — chép đúng từng chữ từ trang văn bản, hoặc sửa neo cho đúng mục",
                field,
                who,
            )


def _topics(record: Record, ctx: Context) -> tuple[str, ...]:
    raw = record.data.get("chu_de", [])
    slugs = tuple(s for s in raw if isinstance(s, str)) if isinstance(raw, list) else ()
    if not ctx.topics.topics:
        return slugs  # topics not loaded yet: nothing to check against
    known = {str(getattr(t, "slug", "")) for t in ctx.topics.topics}
    for slug in slugs:
        if slug not in known:
            ctx.sink.add(
                record.loc("chu_de"),
                advice(
                    f'không có chủ đề "{slug}"',
                    "dùng mã chủ đề trong content/topics.yml",
                    slug,
                    known,
                ),
                "chu_de",
                _name(record, "nhiệm vụ"),
            )
    return slugs


# --- tasks -------------------------------------------------------------------------------


def _deadline(record: Record, ctx: Context) -> Deadline:
    text = record.text("han")
    fallback = Deadline(text, DeadlineKind.NONE, None, None)  # unreadable: nothing to check
    if not text:
        return fallback
    try:
        return parse_deadline(text)
    except DeadlineError as exc:
        if exc.impossible:
            message = f'"{text}" không phải ngày có thật ({exc}) — sửa lại ngày, ví dụ 30/12/2025'
        else:
            message = (
                f'không đọc được hạn "{text}" — viết hạn như văn bản, theo một trong các '
                f"dạng: {EXAMPLES}"
            )
        ctx.sink.add(record.loc("han"), message, "han", _name(record, "nhiệm vụ"))
        return fallback


def document_text(document: Any) -> str:
    """Every word of a document page: headings, section bodies, paragraphs."""
    parts = [f"{s.title} {s.text}" for s in document.sections]
    parts += [p.text for p in getattr(document, "paragraphs", ())]
    return _plain(" ".join(parts))


def _says(deadline: str, words: str) -> bool:
    """The deadline's words are in `words`; "dự kiến X" also when the source writes
    "Dự kiến <việc> vào X" (the word "dự kiến" kept, as the issue-16 reading rules ask)."""
    if deadline in words:
        return True
    rest = deadline.removeprefix("dự kiến ")
    if rest == deadline:
        return False
    return any(rest in tail.split(". ")[0] for tail in words.split("dự kiến ")[1:])


def _check_deadline_words(
    record: Record, deadline: Deadline, source: SourceRef, ctx: Context
) -> None:
    """A deadline is written as the source writes it, so nobody can quietly move it."""
    document = _document(ctx.corpus, source.document)
    if document is None or deadline.kind is DeadlineKind.NONE or not deadline.text:
        return
    if not ctx.corpus.has_anchor(source.document, source.anchor):
        return  # the anchor is reported; its words cannot be checked
    wanted = _plain(deadline.text).casefold()
    if _says(wanted, ctx.clause_text(document, source.anchor).casefold()):
        return
    if not _says(wanted, ctx.clause_text(document, WHOLE_DOCUMENT).casefold()):
        ctx.sink.add(
            record.loc("han"),
            f'hạn "{deadline.text}" không có trong văn bản "{source.document}" — ghi hạn đúng '
            'như văn bản viết (chép từ văn bản); nếu văn bản không nêu hạn, ghi "không nêu hạn"',
            "han",
            _name(record, "nhiệm vụ"),
        )
    elif "han" not in dict(_inferred(record)):
        ctx.sink.add(
            record.loc("han"),
            f'hạn "{deadline.text}" không có ở đoạn được dẫn (neo "{source.anchor}") — nếu hạn '
            'lấy từ đoạn khác, ghi đoạn đó ở "suy_ra: {han: …}" (trang nhiệm vụ sẽ ghi rõ)',
            "han",
            _name(record, "nhiệm vụ"),
        )


def _unit_list(record: Record, key: str, units: set[str], ctx: Context) -> tuple[str, ...]:
    raw = record.data.get(key, [])
    found = tuple(p for p in raw if isinstance(p, str)) if isinstance(raw, list) else ()
    for unit in found:
        _check_unit(record, key, unit, units, ctx)
    return found


def _members(units: tuple[Unit, ...]) -> dict[str, set[str]]:
    """Group id -> the units that declare they belong to it."""
    members: dict[str, set[str]] = {}
    for unit in units:
        for group in unit.member_of:
            members.setdefault(group, set()).add(unit.id)
    return members


def _assigned_ids(record: Record) -> tuple[str, ...]:
    """The lead and co-assignees a task record names (ids as written)."""
    lead = record.text("chu_tri")
    co_leads = record.data.get("cung_duoc_giao") or []
    return tuple(x for x in (lead, *(str(c) for c in co_leads)) if x)


def _task(
    record: Record,
    units: set[str],
    updates: list[Update],
    ctx: Context,
    members: dict[str, set[str]] | None = None,
    declared: list[changes.Entry] | None = None,
) -> Task:
    """`updates`: the reports on this task; `members`: group id -> its units; `declared`:
    its changes (đính chính, điều chỉnh)."""
    ident = record.text("id")
    first_assigned = _assigned_ids(record)  # as first published, before any change
    data, history, adjusted = changes.apply(record.data, declared or [])
    record = Record(data, record.file)
    _check_unit(record, "chu_tri", record.text("chu_tri"), units, ctx)
    partners = _unit_list(record, "phoi_hop", units, ctx)
    co_leads = _unit_list(record, "cung_duoc_giao", units, ctx)
    inferred = _inferred(record)
    # A unit set by an official decision (điều chỉnh) is that decision's, not the quote's.
    unquoted = dict(inferred) | {field: "điều chỉnh" for field in adjusted}
    roles.check(record, co_leads, unquoted, ctx, partners)
    quoted = (
        () if "trich_dan" in adjusted else ("trich_dan",)
    )  # a decision's words, not the source's
    source = _source(record, "nguon", "nhiệm vụ", ctx, quoted)
    deadline = _deadline(record, ctx)
    if "han" not in adjusted:
        _check_deadline_words(record, deadline, source, ctx)
    own = tuple(sorted(updates, key=lambda u: (u.date, u.file, u.line)))
    lead = record.text("chu_tri")
    # A report may come from a unit assigned when it was written: before or after a change.
    now_assigned = (lead, *co_leads) if lead else co_leads
    assigned_units = tuple(dict.fromkeys((*first_assigned, *now_assigned)))
    if set(assigned_units) <= units:  # an unknown unit is already reported: no second error
        _check_done_units(ident, own, assigned_units, members or {}, ctx)
    assigned = document_date(ctx.corpus, source.document)
    for update in own:
        if assigned and update.date < assigned:
            ctx.sink.add(
                update.date_location or SourceLocation(update.file, update.line),
                f"ngày báo cáo {vn_date(update.date)} trước ngày ban hành văn bản giao nhiệm "
                f"vụ ({vn_date(assigned)}) — kiểm tra lại ngày báo cáo",
                "ngay",
                f"báo cáo {ident}",
            )
    current = [u for u in own if not u.corrected_by]  # a corrected report no longer counts
    state = compute_status(deadline, current, ctx.config.as_of, ctx.config.stale_days, assigned)
    return Task(
        id=ident,
        title=record.text("ten"),
        description=record.text("mo_ta"),
        lead=lead,
        co_leads=co_leads,
        partners=partners,
        accountable=record.text("nguoi_chiu_trach_nhiem"),
        responsibility=record.text("trach_nhiem"),
        authority=record.text("tham_quyen"),
        deadline=deadline,
        result=record.text("ket_qua"),
        source=source,
        topics=_topics(record, ctx),
        quote=record.text("trich_dan"),
        state=state,
        updates=own,
        file=record.file,
        line=record.data.location.line,
        changes=history,
        inferred=inferred,
        parent=record.text("thuoc"),
        indicators=_strings(record.data.get("chi_tieu")),
    )


def _inferred(record: Record) -> tuple[tuple[str, str], ...]:
    raw = record.data.get("suy_ra")
    if not isinstance(raw, dict):
        return ()
    return tuple((k, v) for k, v in raw.items() if isinstance(k, str) and isinstance(v, str))


# --- updates -----------------------------------------------------------------------------


def _update_date(record: Record, ctx: Context) -> date | None:
    text = record.text("ngay")
    day = parse_iso_date(text)
    who = _name(record, "báo cáo")
    if day is None:
        if text and len(text) == 10:
            ctx.sink.add(
                record.loc("ngay"),
                f'"{text}" không phải ngày có thật — sửa lại ngày (viết YYYY-MM-DD, '
                "ví dụ 2025-11-30)",
                "ngay",
                who,
            )
        return None
    if day > ctx.config.as_of:
        ctx.sink.add(
            record.loc("ngay"),
            f"ngày {vn_date(day)} sau ngày tính tình trạng {vn_date(ctx.config.as_of)} (ngày "
            "xây dựng trang, hoặc AS_OF khi được đặt) — báo cáo không thể mang ngày trong tương "
            "lai: kiểm tra lại ngày báo cáo",
            "ngay",
            who,
        )
    return day


def _percent(record: Record, ctx: Context) -> int | None:
    value = record.data.get("ti_le")
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100:
        return None
    state = record.text("trang_thai")
    who = _name(record, "báo cáo")
    if state == UpdateState.DONE.value and value < 100:
        ctx.sink.add(
            record.loc("ti_le"),
            f'trạng thái "hoàn thành" mà tỷ lệ chỉ {value}% — nếu đã xong, ghi "ti_le: 100"; '
            'nếu chưa xong, ghi "trang_thai: đang thực hiện"',
            "ti_le",
            who,
        )
    if state == UpdateState.IN_PROGRESS.value and value == 100:
        ctx.sink.add(
            record.loc("ti_le"),
            'tỷ lệ 100% mà trạng thái là "đang thực hiện" — nếu đã xong, ghi '
            '"trang_thai: hoàn thành"; nếu chưa xong, sửa tỷ lệ',
            "ti_le",
            who,
        )
    return value


def _evidence(record: Record) -> tuple[Evidence, ...]:
    raw = record.data.get("minh_chung", [])
    if not isinstance(raw, list):
        return ()
    return tuple(
        Evidence(str(e.get("ten", "")), str(e.get("so_van_ban", "")), str(e.get("url", "")))
        for e in raw
        if isinstance(e, dict)
    )


# A document number as Vietnamese documents write it: "12-KH/TU", "01-CT/TU",
# "123/QĐ-UBND", "45/2025/NĐ-CP". A placeholder ("…-KH/TU", "...") is not one.
DOCUMENT_NUMBER = re.compile(r"^\d{1,6}(?:/\d{4})?[-/][A-ZĐ][A-ZĐ0-9]*(?:[-/][A-ZĐ0-9]+)*$")
# A full public address: a scheme, a host with a dot, no placeholder or space anywhere.
PUBLIC_URL = re.compile(r"^https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:[/?#][^\s…]*)?$")


def real_evidence(evidence: Evidence) -> bool:
    """A document number or an http(s) address that names something real (no "…")."""
    number = evidence.number.strip()
    url = evidence.url.strip()
    has_number = bool(DOCUMENT_NUMBER.match(number)) and "..." not in number
    has_url = bool(PUBLIC_URL.match(url)) and "..." not in url
    return has_number or has_url


def _check_evidence(record: Record, evidence: tuple[Evidence, ...], ctx: Context) -> None:
    if any(real_evidence(e) for e in evidence):
        return
    where = "minh_chung" if "minh_chung" in record.data else "trang_thai"
    ctx.sink.add(
        record.loc(where),
        'báo cáo "hoàn thành" chưa có minh chứng kiểm chứng được — thêm một minh chứng có '
        '"so_van_ban" là số, ký hiệu văn bản thật (ví dụ 12-KH/TU) hoặc "url" là địa chỉ '
        'https://… đầy đủ (không dùng "…"); nếu chưa có, ghi "trang_thai: đang thực hiện"',
        where,
        _name(record, "báo cáo"),
    )


def _check_done_units(
    task_id: str,
    updates: tuple[Update, ...],
    assigned: tuple[str, ...],
    members: dict[str, set[str]],
    ctx: Context,
) -> None:
    """A "hoàn thành" report comes from a unit the task assigns (chủ trì or cùng được giao),
    or from a unit declared (`thuoc`) to belong to an assigned group."""
    allowed = set(assigned).union(*(members.get(unit, set()) for unit in assigned))
    named = ", ".join(f'"{unit}"' for unit in assigned) or "(chưa ghi)"
    for update in updates:
        if update.state is not UpdateState.DONE or not update.unit or update.unit in allowed:
            continue
        ctx.sink.add(
            update.unit_location or SourceLocation(update.file, update.line),
            f'đơn vị "{update.unit}" không được giao nhiệm vụ {task_id} (được giao: {named}) — '
            'báo cáo "hoàn thành" phải do đơn vị được giao ghi; nếu đơn vị này thuộc một nhóm '
            'được giao, khai "thuoc: [mã nhóm]" cho đơn vị trong content/tien-do/don-vi/',
            "don_vi_bao_cao",
            f"báo cáo {task_id}",
        )


def _updates(
    records: list[Record], task_ids: set[str], units: set[str], ctx: Context
) -> list[Update]:
    updates = []
    duplicates = ledger.Duplicates(ctx.sink)
    kept = []
    for record in records:
        ident = ledger.report_id(record.data)
        if not duplicates.is_repeat(ident, record.data.location, _name(record, "báo cáo")):
            kept.append((ident, record))
    tasks_of = {ident: record.text("nhiem_vu") for ident, record in kept}
    for ident, record in kept:
        task = record.text("nhiem_vu")
        corrects = record.text("dinh_chinh")
        if corrects and not ledger.check_correction(
            corrects, task, record.loc("dinh_chinh"), _name(record, "báo cáo"), tasks_of, ctx.sink
        ):
            corrects = ""
        if task and task not in task_ids:
            ctx.sink.add(
                record.loc("nhiem_vu"),
                advice(
                    f'không có nhiệm vụ "{task}"',
                    "sửa mã nhiệm vụ cho đúng mã trong content/tien-do/nhiem-vu/",
                    task,
                    task_ids,
                ),
                "nhiem_vu",
                _name(record, "báo cáo"),
            )
        _check_unit(record, "don_vi_bao_cao", record.text("don_vi_bao_cao"), units, ctx)
        day = _update_date(record, ctx)
        percent = _percent(record, ctx)
        states = {s.value: s for s in UpdateState}
        state = states.get(record.text("trang_thai"))
        evidence = _evidence(record)
        if state is UpdateState.DONE:
            _check_evidence(record, evidence, ctx)
        if day is None or state is None:
            continue
        updates.append(
            Update(
                task_id=task,
                date=day,
                unit=record.text("don_vi_bao_cao"),
                state=state,
                summary=record.text("tom_tat"),
                percent=percent,
                evidence=evidence,
                file=record.file,
                line=record.data.location.line,
                date_location=record.loc("ngay"),
                unit_location=record.loc("don_vi_bao_cao"),
                id=ident,
                corrects=corrects,
            )
        )
    by = ledger.corrected((u.id, u.corrects) for u in updates)
    return [dataclasses.replace(u, corrected_by=by.get(u.id, "")) for u in updates]


# --- indicators --------------------------------------------------------------------------


def _number(value: Any) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def _readings(raw: Any, keys: set[str], record: Record, ctx: Context) -> tuple[Reading, ...]:
    if not isinstance(raw, list):
        return ()
    readings = []
    for item in raw:
        if not isinstance(item, LocatedDict):
            continue
        key = str(item.get("ma", ""))
        if key not in keys:
            ctx.sink.add(
                item.loc("ma"),
                advice(
                    f'không có phần mục tiêu "{key}"',
                    f'dùng một "ma" trong muc_tieu của chỉ tiêu này ({", ".join(sorted(keys))})',
                    key,
                    keys,
                ),
                "ma",
                _name(record, "chỉ tiêu"),
            )
        source = _source(Record(item, record.file), "nguon", "chỉ tiêu", ctx)
        note = item.get("ghi_chu", "")
        readings.append(
            Reading(
                key,
                str(item.get("ky", "")),
                _number(item.get("gia_tri")),
                source,
                str(note),
                str(item.get("so_sanh", "")),
            )
        )
    return tuple(readings)


def _targets(record: Record) -> tuple[Target, ...]:
    raw = record.data.get("muc_tieu", [])
    return tuple(
        Target(
            key=str(t.get("ma", "")),
            text=str(t.get("mo_ta", "")),
            value=_number(t["gia_tri"]) if "gia_tri" in t else None,
            unit=str(t.get("don_vi", "")),
            direction=str(t.get("chieu", "")),
            period=str(t.get("tan_suat", "")),
            year=int(t.get("nam", 0)) if isinstance(t.get("nam"), int) else 0,
            comparison=str(t.get("so_sanh", "")),
        )
        for t in (raw if isinstance(raw, list) else [])
        if isinstance(t, dict)
    )


def _check_comparisons(record: Record, targets: tuple[Target, ...], ctx: Context) -> None:
    """A target's comparison words ("ít nhất", "trên") are the indicator's own words."""
    words = _plain(record.text("noi_dung")).casefold()
    for target in targets:
        parts = [p.strip() for p in target.comparison.casefold().split("…") if p.strip()]
        if any(part not in words for part in parts):
            ctx.sink.add(
                record.loc("muc_tieu"),
                f'từ so sánh "{target.comparison}" của phần mục tiêu "{target.key}" không có '
                'trong "noi_dung" — chép đúng từ của chỉ tiêu ("ít nhất", "trên", "không '
                'quá", "từ … trở lên"), hoặc bỏ "so_sanh" nếu chỉ tiêu chỉ ghi con số',
                "so_sanh",
                _name(record, "chỉ tiêu"),
            )


# A target's period and the words of the indicator that must say it ("hàng năm" is the
# same word, as the sources write it both ways).
PERIOD_WORDS = {
    "hằng năm": ("hằng năm", "hàng năm"),
    "trong nhiệm kỳ": ("trong nhiệm kỳ",),
    "cả nhiệm kỳ": ("cả nhiệm kỳ",),
}


def _check_periods(record: Record, targets: tuple[Target, ...], ctx: Context) -> None:
    """A target's period ("hằng năm", "cả nhiệm kỳ") is one the indicator states."""
    words = _plain(record.text("noi_dung")).casefold()
    for target in targets:
        wanted = PERIOD_WORDS.get(target.period, ())
        if wanted and not any(w in words for w in wanted):
            ctx.sink.add(
                record.loc("muc_tieu"),
                f'kỳ "{target.period}" của phần mục tiêu "{target.key}" không có trong '
                '"noi_dung" — chỉ ghi kỳ chỉ tiêu nói; chỉ tiêu không nói thì ghi '
                '"tan_suat: không nêu"',
                "tan_suat",
                _name(record, "chỉ tiêu"),
            )


def _indicator(record: Record, ctx: Context) -> Indicator:
    targets = _targets(record)
    _check_comparisons(record, targets, ctx)
    _check_periods(record, targets, ctx)
    keys = {t.key for t in targets}
    history = []
    raw_history = record.data.get("ket_qua_nhiem_ky_truoc", [])
    for item in raw_history if isinstance(raw_history, list) else []:
        if not isinstance(item, LocatedDict):
            continue
        entry = Record(item, record.file)
        history.append(
            HistoryEntry(
                period=entry.text("ky"),
                source=_source(
                    entry, "nguon", "chỉ tiêu", ctx, ("chi_tieu", "ket_qua", "danh_gia")
                ),
                target_text=entry.text("chi_tieu"),
                result_text=entry.text("ket_qua"),
                evaluation=entry.text("danh_gia"),
                readings=_readings(item.get("so_lieu"), keys, record, ctx),
                row=item.get("dong", 0) if isinstance(item.get("dong"), int) else 0,
            )
        )
    return Indicator(
        id=record.text("id"),
        name=record.text("ten"),
        text=record.text("noi_dung"),
        term=record.text("nhiem_ky"),
        source=_source(record, "nguon", "chỉ tiêu", ctx, ("noi_dung",)),
        targets=targets,
        readings=_readings(record.data.get("so_lieu"), keys, record, ctx),
        baseline=_readings(record.data.get("co_so"), keys, record, ctx),
        history=tuple(history),
        evaluation=record.text("danh_gia"),
        topics=_topics(record, ctx),
        file=record.file,
    )
