"""Task records -> Task: deadline as written, roles as the source says them, statuses."""

from __future__ import annotations

from build_tools.errors import SourceLocation
from build_tools.progress import changes, roles
from build_tools.progress.deadlines import (
    EXAMPLES,
    Deadline,
    DeadlineError,
    DeadlineKind,
    parse_deadline,
)
from build_tools.progress.model import (
    SourceRef,
    Task,
    Update,
)
from build_tools.progress.records import Record, record_name
from build_tools.progress.sources import (
    WHOLE_DOCUMENT,
    Context,
    document_date,
    document_of,
    plain,
    source_ref,
    topic_slugs,
)
from build_tools.progress.status import compute_status
from build_tools.progress.units import assigned_ids, check_unit, unit_list
from build_tools.progress.updates import check_done_units
from build_tools.render import vn_date

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
        ctx.sink.add(record.loc("han"), message, "han", record_name(record, "nhiệm vụ"))
        return fallback


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
    document = document_of(ctx.corpus, source.document)
    if document is None or deadline.kind is DeadlineKind.NONE or not deadline.text:
        return
    if not ctx.corpus.has_anchor(source.document, source.anchor):
        return  # the anchor is reported; its words cannot be checked
    wanted = plain(deadline.text).casefold()
    if _says(wanted, ctx.folded(document, source.anchor)):
        return
    if not _says(wanted, ctx.folded(document, WHOLE_DOCUMENT)):
        ctx.sink.add(
            record.loc("han"),
            f'hạn "{deadline.text}" không có trong văn bản "{source.document}" — ghi hạn đúng '
            'như văn bản viết (chép từ văn bản); nếu văn bản không nêu hạn, ghi "không nêu hạn"',
            "han",
            record_name(record, "nhiệm vụ"),
        )
    elif "han" not in dict(_inferred(record)):
        ctx.sink.add(
            record.loc("han"),
            f'hạn "{deadline.text}" không có ở đoạn được dẫn (neo "{source.anchor}") — nếu hạn '
            'lấy từ đoạn khác, ghi đoạn đó ở "suy_ra: {han: …}" (trang nhiệm vụ sẽ ghi rõ)',
            "han",
            record_name(record, "nhiệm vụ"),
        )


def read_task(
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
    first_assigned = assigned_ids(record)  # as first published, before any change
    data, history, adjusted = changes.apply(record.data, declared or [])
    record = Record(data, record.file)
    check_unit(record, "chu_tri", record.text("chu_tri"), units, ctx)
    partners = unit_list(record, "phoi_hop", units, ctx)
    co_leads = unit_list(record, "cung_duoc_giao", units, ctx)
    inferred = _inferred(record)
    # A unit set by an official decision (điều chỉnh) is that decision's, not the quote's.
    unquoted = dict(inferred) | {field: "điều chỉnh" for field in adjusted}
    roles.check(record, co_leads, unquoted, ctx, partners)
    quoted = (
        () if "trich_dan" in adjusted else ("trich_dan",)
    )  # a decision's words, not the source's
    source = source_ref(record, "nguon", "nhiệm vụ", ctx, quoted)
    deadline = _deadline(record, ctx)
    if "han" not in adjusted:
        _check_deadline_words(record, deadline, source, ctx)
    own = tuple(sorted(updates, key=lambda u: (u.date, u.file, u.line)))
    lead = record.text("chu_tri")
    # A report may come from a unit assigned when it was written: before or after a change.
    now_assigned = (lead, *co_leads) if lead else co_leads
    assigned_units = tuple(dict.fromkeys((*first_assigned, *now_assigned)))
    if set(assigned_units) <= units:  # an unknown unit is already reported: no second error
        check_done_units(ident, own, assigned_units, members or {}, ctx)
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
        topics=topic_slugs(record, ctx),
        quote=record.text("trich_dan"),
        state=state,
        updates=own,
        file=record.file,
        line=record.data.location.line,
        changes=history,
        inferred=inferred,
        parent=record.text("thuoc"),
        indicators=record.strings("chi_tieu"),
    )


def _inferred(record: Record) -> tuple[tuple[str, str], ...]:
    raw = record.data.get("suy_ra")
    if not isinstance(raw, dict):
        return ()
    return tuple((k, v) for k, v in raw.items() if isinstance(k, str) and isinstance(v, str))
