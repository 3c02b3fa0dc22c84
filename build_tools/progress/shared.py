"""What every progress page is given besides its own part of the model: the two dates, the
units' names, the documents' titles, the topics' names (`Shared`), and the template
helpers built from them (`context`). A page's key holds its `Shared`: a unit renamed
changes every page that names units; a task edited changes only the pages given that task.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from build_tools.progress import chart, dates, filters
from build_tools.progress.deadlines import Deadline, DeadlineKind
from build_tools.progress.model import Evidence, Indicator, SourceRef, Target, Task, Unit
from build_tools.render import vn_date


@dataclass(frozen=True)
class Shared:
    """Small context shared by the progress pages (equal for every page of one build)."""

    dates: dates.Dates
    units: tuple[Unit, ...]
    docs: tuple[tuple[str, str], ...]  # (id, title) of the documents that have pages
    drafts: tuple[tuple[str, str], ...]  # (id, the adopted text's name or "") of drafts
    topics: tuple[tuple[str, str], ...]  # (slug, name), in content/topics.yml order


_LAST: list[Shared] = []  # the previous plan's, kept when equal (see `interned`)
_CONTEXT: dict[int, tuple[Shared, dict[str, Any]]] = {}


def interned(shared: Shared) -> Shared:
    """The previous plan's `Shared` when equal to this one: keys holding the same object
    compare by identity, so comparing two plans costs one comparison of it, not one per
    page."""
    if _LAST and _LAST[0] == shared:
        return _LAST[0]
    _LAST[:] = [shared]
    _CONTEXT.clear()
    return shared


def context(shared: Shared, cites: tuple[tuple[SourceRef, str], ...] = ()) -> dict[str, Any]:
    """The names every progress template may use; `progress` is the dates (pages about one
    item read `progress.as_of` and `progress.stale_days`); `cite` names the given sources."""
    found = _CONTEXT.get(id(shared))
    if found is None or found[0] is not shared:
        found = (shared, _common(shared))
        _CONTEXT[id(shared)] = found
    labels = dict(cites)
    return {**found[1], "cite": labels.__getitem__}


def _common(shared: Shared) -> dict[str, Any]:
    progress = shared.dates
    return {
        "progress": progress,
        "docs": dict(shared.docs),
        "drafts": dict(shared.drafts),
        "units": {u.id: u for u in shared.units},
        "fmt": chart.vn_number,
        "qty": chart.with_unit,
        "amount": chart.amount,
        "target_text": target_text,
        "latest": indicator_latest,
        "appendix": chart.appendix_name,
        "evidence": evidence_text,
        "deadline_range": deadline_range,
        "progress_note": progress_note,
        "dates_html": dates.as_of_html(progress),
        "dates_summary": dates.summary(progress),
        "label_moves": dates.label_moves,
        "overdue_moves": dates.overdue_moves,
        "stale_moves": dates.stale_moves,
        "status_href": filters.status_url,
        "filter_form": filters.filter_form,
    }


def numbering(document: Any, anchor: str) -> str:
    """ "II.1.1", "Phần II, mục III.2", "Phụ lục 1": the clause as a reader would cite it."""
    chain = []
    section = document.section(anchor)
    while section is not None:
        chain.append(section)
        section = document.section(section.parent) if section.parent else None
    chain.reverse()
    if not chain:
        return ""
    if not chain[-1].number:
        return chart.appendix_name(anchor) if anchor.startswith("phu-luc-") else chain[-1].title
    part = ""
    if chain[0].anchor.startswith("phan-"):
        part, chain = f"Phần {chain[0].number}", chain[1:]
    numbers: list[str] = []
    for item in chain:
        if numbers and item.number.startswith(numbers[-1] + "."):
            numbers[-1] = item.number
        else:
            numbers.append(item.number)
    clause = f"mục {'.'.join(numbers)}" if numbers else ""
    return ", ".join(x for x in (part, clause) if x)


def source_label(document: Any, source: SourceRef) -> str:
    """ "Chỉ thị số 01-CT/TU, mục 6" or "…, mục III.1, đoạn 3" (`document`: the source's
    document, None when it has no page: then the ids)."""
    if document is None:
        return f"{source.document}, neo {source.anchor}"
    section, _, paragraph = source.anchor.rpartition("-p")
    if paragraph.isdigit() and section:
        where = "phần mở đầu" if section == "mo-dau" else numbering(document, section)
        where = f"{where}, đoạn {paragraph}"
    else:
        where = numbering(document, source.anchor)
    return f"{document.meta.title}, {where}" if where else str(document.meta.title)


# Labels by document, kept while the document is the same object (a preview keeps loaded
# documents: a save of a task does not work its 10,000 sources out again).
_LABELS: dict[int, tuple[Any, dict[str, str]]] = {}


def citer(corpus: Any) -> Callable[[SourceRef], str]:
    """`source_label` over a corpus, each source worked out once per document object."""
    getter = getattr(corpus, "get", None)
    if len(_LABELS) > 2 * len(getattr(corpus, "documents", ())) + 16:
        _LABELS.clear()

    def cite(source: SourceRef) -> str:
        document = getter(source.document) if callable(getter) else None
        if document is None:
            return source_label(None, source)
        found = _LABELS.get(id(document))
        if found is None or found[0] is not document:
            found = _LABELS[id(document)] = (document, {})
        label = found[1].get(source.anchor)
        if label is None:
            label = found[1][source.anchor] = source_label(document, source)
        return label

    return cite


def evidence_text(evidence: Evidence) -> str:
    """A Markdown link when there is an address, plus the document number."""
    title = f"[{evidence.title}]({evidence.url})" if evidence.url else evidence.title
    return f"{title} (số {evidence.number})" if evidence.number else title


def deadline_range(deadline: Deadline, stale_days: int | None = None) -> str:
    """How the site reads the source's words, said as such: " (trang này hiểu là từ
    01/10/2025 đến hết 31/12/2025)", " (hạn dự kiến)", or "" when the words say the day.
    Ongoing work with no period stated is judged by the staleness threshold (`stale_days`)."""
    start, end = deadline.start, deadline.end
    notes = ["hạn dự kiến"] if deadline.tentative else []
    if deadline.ongoing and deadline.period_days:
        notes.append(f"trang này xét báo cáo trong mỗi {deadline.period_days} ngày")
    elif deadline.ongoing and stale_days:
        notes.append(f"văn bản không nêu kỳ; trang này xét báo cáo trong mỗi {stale_days} ngày")
    elif start and end and start != end:
        notes.append(f"trang này hiểu là từ {vn_date(start)} đến hết {vn_date(end)}")
    elif end is not None and vn_date(end) not in deadline.text:
        kind = "đến hết" if deadline.kind is DeadlineKind.BY else "ngày"
        notes.append(f"trang này hiểu là {kind} {vn_date(end)}")
    return f" ({'; '.join(notes)})" if notes else ""


def progress_note(task: Task) -> str:
    """What the reports say, in one phrase; nothing when nobody reported."""
    state = task.state
    parts = []
    if state.completed_on:
        parts.append(f"báo cáo hoàn thành ngày {vn_date(state.completed_on)}")
    elif state.percent is not None:
        parts.append(f"đạt {state.percent}% theo báo cáo gần nhất")
    if state.last_update and state.last_update != state.completed_on:
        parts.append(f"báo cáo gần nhất ngày {vn_date(state.last_update)}")
    return f" — {'; '.join(parts)}" if parts else ""


def target_text(target: Target) -> str:
    """ "tối thiểu 98% (hằng năm)", or the words alone when the target has no number."""
    period = "" if target.period in ("", "không nêu") else f" ({target.period})"
    if target.value is None:
        return f"{target.text}{period}"
    return f"{chart.amount(target.comparison, target.value, target.unit)}{period}"


def indicator_latest(indicator: Indicator) -> str:
    """The latest reported value of this term, or the honest absence of one."""
    if not indicator.readings:
        return "chưa có số liệu"
    last = indicator.readings[-1]
    return f"{chart.amount(last.comparison, last.value, '')} ({last.period})"
