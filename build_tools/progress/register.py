"""The clause register: content/tien-do/doi-chieu/<document id>.yml -> ClauseRow.

One file per source document, one item per clause that assigns work (who + what), in the
document's order: the anchor, its words as the page shows them, the tasks that track it,
or the reason none does. `check` fails when a task's clause is not in the register, when
a row has neither task nor reason, and when an anchor no longer exists or no longer holds
the quoted words (naming the tasks that cite it).
"""

from __future__ import annotations

import dataclasses
from pathlib import PurePosixPath

from build_tools.errors import ContentError, ErrorSink
from build_tools.filecache import same_objects
from build_tools.progress.model import ClauseRow, SourceRef
from build_tools.progress.records import Record
from build_tools.progress.sources import Context, anchors_of, document_of, plain
from build_tools.validate import advice
from build_tools.yamlio import LocatedDict, LocatedList

FOLDER = "content/tien-do/doi-chieu"


def _who(anchor: str) -> str:
    return f"đối chiếu neo {anchor}"


def _cited_by(ids: tuple[str, ...]) -> str:
    return f" (nhiệm vụ {', '.join(ids)} dẫn neo này)" if ids else ""


def rows_of_files(files: list[tuple[Record, ...]], ctx: Context) -> tuple[ClauseRow, ...]:
    """`rows` of each register file, in order: a file whose Records, document and the
    list of document ids are those of the last call gives the same rows (and its errors
    again) without checking them again."""
    stems = [PurePosixPath(records[0].file).stem for records in files if records]
    if len(set(stems)) != len(stems):  # x.yml beside x.yaml: rows are checked across them
        return rows([r for records in files for r in records], ctx)
    known = tuple(d.meta.id for d in ctx.corpus.documents)
    found: list[ClauseRow] = []
    for records, stem in zip((rs for rs in files if rs), stems, strict=True):
        document = document_of(ctx.corpus, stem)
        kept = _FILES.get(stem)
        if kept is None or kept[0] is not records or kept[1] is not document or kept[2] != known:
            local = dataclasses.replace(ctx, sink=ErrorSink())
            made = rows(list(records), local)
            kept = _FILES[stem] = (records, document, known, made, tuple(local.sink.errors))
        ctx.sink.extend(kept[4])
        found += kept[3]
    return tuple(found)


# Each register file's rows and errors by the file's name (its document's id), with the
# Records, document and document ids they were checked with.
_FILES: dict[
    str, tuple[object, object, tuple[str, ...], tuple[ClauseRow, ...], tuple[ContentError, ...]]
] = {}


def rows(records: list[Record], ctx: Context) -> tuple[ClauseRow, ...]:
    """Validated register rows; problems go to the sink."""
    found: list[ClauseRow] = []
    seen: dict[tuple[str, str], Record] = {}
    unknown_files: set[str] = set()
    stems: dict[str, str] = {}
    for record in records:
        doc_id = stems.get(record.file) or stems.setdefault(
            record.file, PurePosixPath(record.file).stem
        )
        anchor = record.text("neo")
        row = ClauseRow(
            SourceRef(doc_id, anchor),
            record.text("trich_dan"),
            record.strings("nhiem_vu"),
            record.text("ly_do"),
            record.file,
            record.data.location.line,
        )
        if not row.task_ids and not row.reason and isinstance(record.data.get("nhiem_vu"), list):
            ctx.sink.add(
                record.loc("nhiem_vu"),
                "chưa có nhiệm vụ theo dõi cũng chưa có lý do — ghi mã nhiệm vụ vào "
                '"nhiem_vu", hoặc thêm dòng "ly_do: …" nói vì sao điều khoản này không '
                "thành nhiệm vụ",
                "nhiem_vu",
                _who(anchor),
            )
        if anchor and (doc_id, anchor) in seen:
            first = seen[(doc_id, anchor)]
            ctx.sink.add(
                record.loc("neo"),
                f"neo đã có ở dòng {first.data.location.line} — gộp hai mục làm một",
                "neo",
                _who(anchor),
            )
        seen.setdefault((doc_id, anchor), record)
        if _check_source(record, row, ctx, unknown_files):
            found.append(row)
    return tuple(found)


def _check_source(record: Record, row: ClauseRow, ctx: Context, unknown: set[str]) -> bool:
    """False when the document is unknown (the row cannot be placed on any page)."""
    if not ctx.corpus.documents:
        return True  # no documents loaded: nothing to check against
    doc_id, anchor = row.source.document, row.source.anchor
    document = document_of(ctx.corpus, doc_id)
    if document is None:
        if record.file not in unknown:
            unknown.add(record.file)
            known = [d.meta.id for d in ctx.corpus.documents]
            ctx.sink.add(
                record.data.location,
                advice(
                    f'tên tệp phải là mã một văn bản, không có văn bản "{doc_id}"',
                    f"đổi tên tệp theo mã văn bản trong content/van-ban/ ({', '.join(known)})",
                    doc_id,
                    known,
                ),
            )
        return False
    if not anchor:
        return True
    if not ctx.corpus.has_anchor(doc_id, anchor):
        ctx.sink.add(
            record.loc("neo"),
            advice(
                f'văn bản "{doc_id}" không có neo "{anchor}"{_cited_by(row.task_ids)}',
                "mở trang văn bản, bấm ¶ cạnh mục hoặc đoạn và chép phần sau dấu #",
                anchor,
                anchors_of(document),
            ),
            "neo",
            _who(anchor),
        )
    elif row.quote and plain(row.quote) not in ctx.clause_text(document, anchor):
        ctx.sink.add(
            record.loc("trich_dan"),
            f'không còn là nguyên văn của neo "{anchor}" trong văn bản "{doc_id}"'
            f"{_cited_by(row.task_ids)} — chép lại đúng từng chữ từ trang văn bản, hoặc "
            "sửa neo cho đúng đoạn",
            "trich_dan",
            _who(anchor),
        )
    return True


def check_tasks(task_records: list[Record], clauses: tuple[ClauseRow, ...], ctx: Context) -> None:
    """Every task's clause is a register row that names the task."""
    if not ctx.corpus.documents:
        return
    listed = _listed(clauses)
    for record in task_records:
        cited = _cited(record)
        if cited is None:
            continue
        ident, ref, raw = cited
        known = document_of(ctx.corpus, ref.document) is not None
        if not known or not ref.anchor or not ctx.corpus.has_anchor(ref.document, ref.anchor):
            continue  # reported by the task's own source check
        if ident in listed.get(ref, set()):
            continue
        where = f"{FOLDER}/{ref.document}.yml"
        if ref in listed:
            fix = f'thêm {ident} vào "nhiem_vu" của mục neo "{ref.anchor}" trong {where}'
        else:
            fix = (
                f'thêm vào {where} một mục neo "{ref.anchor}" (nguyên văn của đoạn) với '
                f'"nhiem_vu: [{ident}]"'
            )
        ctx.sink.add(
            raw.loc("neo"),
            f'điều khoản nguồn (văn bản "{ref.document}", neo "{ref.anchor}") chưa có nhiệm '
            f"vụ này trong bảng đối chiếu — {fix}",
            "nguon",
            f"nhiệm vụ {ident}",
        )


# The rows of the last call and the tasks each clause lists (built again when one changed).
_LISTED: list[tuple[tuple[ClauseRow, ...], dict[SourceRef, set[str]]]] = []


def _listed(clauses: tuple[ClauseRow, ...]) -> dict[SourceRef, set[str]]:
    if _LISTED and same_objects(_LISTED[0][0], clauses):
        return _LISTED[0][1]
    listed: dict[SourceRef, set[str]] = {}
    for row in clauses:
        listed.setdefault(row.source, set()).update(row.task_ids)
    _LISTED[:] = [(clauses, listed)]
    return listed


# What each task record cites, by id(record) (each entry holds its record).
_CITED: dict[int, tuple[Record, tuple[str, SourceRef, LocatedDict] | None]] = {}


def _cited(record: Record) -> tuple[str, SourceRef, LocatedDict] | None:
    """(id, cited clause, the "nguon" mapping) of a task record; None without either."""
    kept = _CITED.get(id(record))
    if kept is not None and kept[0] is record:
        return kept[1]
    raw = record.data.get("nguon")
    ident = record.text("id")
    found = None
    if isinstance(raw, LocatedDict) and ident:
        found = (ident, SourceRef(str(raw.get("van_ban", "")), str(raw.get("neo", ""))), raw)
    if len(_CITED) > 64 * 1024:
        _CITED.clear()
    _CITED[id(record)] = (record, found)
    return found


def check_ids(records: list[Record], task_ids: set[str], ctx: Context) -> None:
    """Every id a row names is a task (or a withdrawn one, `task_ids` holds both): the
    register records what is tracked, not plans."""
    for record in records:
        raw = record.data.get("nhiem_vu")
        if not isinstance(raw, LocatedList) or _all_in(raw, task_ids):
            continue
        for n, ident in enumerate(raw):
            if not isinstance(ident, str) or ident in task_ids:
                continue
            where = raw.item_locations[n] if n < len(raw.item_locations) else raw.location
            ctx.sink.add(
                where,
                advice(
                    f'không có nhiệm vụ "{ident}" trong content/tien-do/nhiem-vu/',
                    "sửa mã cho đúng mã một nhiệm vụ; nếu điều khoản chưa có nhiệm vụ theo "
                    'dõi, lập nhiệm vụ trước rồi mới ghi mã, hoặc bỏ mã và ghi "ly_do: …"',
                    ident,
                    task_ids,
                ),
                "nhiem_vu",
                _who(record.text("neo")),
            )


def _all_in(items: list[object], known: set[str]) -> bool:
    try:
        return known.issuperset(items)
    except TypeError:  # an item that is not text (the schema reports it)
        return False
