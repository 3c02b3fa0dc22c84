"""Progress model -> generated Markdown pages (dashboard, units, tasks, indicators)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from build_tools import taskpages
from build_tools.progress import chart, datapackage, dates, filters, glance_charts, opendata
from build_tools.progress.deadlines import Deadline, DeadlineKind
from build_tools.progress.model import (
    Evidence,
    Indicator,
    Progress,
    SourceRef,
    Status,
    Target,
    Task,
    Unit,
)
from build_tools.progress.overview import status_chart
from build_tools.progress.status import DONE
from build_tools.render import LIST_LIMIT, vn_date
from build_tools.render import render as render_template

if TYPE_CHECKING:
    from build_tools.models import Site

REGISTER = "tien-do/doi-chieu/"  # the clause register's pages
SOON_DAYS = 30
# The dashboard's full list is whole, and filtered in place by the script, up to ALL_LISTS
# times LIST_LIMIT tasks (the real size: 148); beyond, it shows LIST_LIMIT rows like the
# other lists, without the form (city scale: the page stays under the weight budget), and
# the status pages hold every task, each with its own form.
ALL_LISTS = 2
DOCUMENT_ROWS = 20  # rows of the dashboard's by-document table (the register lists all)


@dataclass(frozen=True)
class StatusCount:
    label: str
    css: str
    count: int


@dataclass(frozen=True)
class UnitRow:
    unit: Unit
    lead: int
    partner: int
    done: int
    on_time: int
    overdue: int


def render(site: Site) -> dict[str, str | bytes]:
    """Every progress page and download, by docs-relative path."""
    progress: Progress = site.progress
    common: dict[str, Any] = {
        "site": site,
        "progress": progress,
        "docs": _doc_links(site),
        "drafts": _drafts(site),
        "units": {u.id: u for u in progress.units},
        "fmt": chart.vn_number,
        "qty": chart.with_unit,
        "amount": chart.amount,
        "target_text": target_text,
        "latest": indicator_latest,
        "appendix": chart.appendix_name,
        "cite": lambda source: source_label(site, source),
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
    files: dict[str, str | bytes] = {
        "tien-do/index.md": render_template(
            "progress/dashboard.md.j2", **common, **dashboard(progress, site)
        ),
        "chi-tieu/index.md": render_template("progress/indicators.md.j2", **common),
    }
    if progress.tasks:
        files[taskpages.SHELL] = taskpages.shell_markdown()
    for task in progress.tasks:
        files[f"{task.url}index.md"] = render_template(
            "progress/task.html.j2", task=task, h1=taskpages.heading_id(task), **common
        )
    topics = _topic_names(site)
    counted = status_counts(progress.tasks)
    labels = [c.label for c in counted]
    for unit in progress.units:
        led = progress.tasks_led_by(unit.id)
        files[f"{unit.url}index.md"] = render_template(
            "progress/unit.md.j2",
            unit=unit,
            row=unit_row(progress, unit),
            facets=filters.facets(led, labels, common["units"], common["docs"], topics),
            **common,
        )
    files.update(
        filters.status_pages(progress, common, [(c.label, c.css) for c in counted], topics)
    )
    for indicator in progress.indicators:
        files[f"{indicator.url}index.md"] = render_template(
            "progress/indicator.md.j2",
            indicator=indicator,
            svg=Markup(chart.indicator_svg(indicator)),  # every text in it is escaped
            reporters=reporters(site, indicator),
            **common,
        )
    files.update(register_pages(site, common))
    files.update(opendata.render(site))
    counts = {name: len(rows) for name, rows in opendata.rows(site.progress).items()}
    files.update(datapackage.files(opendata.tables(site.progress), counts))
    return files


def _doc_links(site: Site) -> dict[str, str]:
    """Titles of the documents that have pages; sources elsewhere are cited as text."""
    return {doc.meta.id: doc.meta.title for doc in site.corpus.documents}


def _drafts(site: Site) -> dict[str, str]:
    """Draft documents: the adopted text each names ("" when no source names it)."""
    return {
        doc.meta.id: doc.meta.adopted
        for doc in site.corpus.documents
        if doc.meta.status == "dự thảo"
    }


def _numbering(document: Any, anchor: str) -> str:
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


def source_label(site: Site, source: SourceRef) -> str:
    """ "Chỉ thị số 01-CT/TU, mục 6" or "…, mục III.1, đoạn 3"; the ids when unknown."""
    getter = getattr(site.corpus, "get", None)
    document = getter(source.document) if callable(getter) else None
    if document is None:
        return f"{source.document}, neo {source.anchor}"
    section, _, paragraph = source.anchor.rpartition("-p")
    if paragraph.isdigit() and section:
        where = "phần mở đầu" if section == "mo-dau" else _numbering(document, section)
        where = f"{where}, đoạn {paragraph}"
    else:
        where = _numbering(document, source.anchor)
    return f"{document.meta.title}, {where}" if where else str(document.meta.title)


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


def status_counts(tasks: tuple[Task, ...]) -> list[StatusCount]:
    """Counts by displayed label, in the order of the status vocabulary; an overdue label
    some task may still reach shows with 0, so the date script has a number to raise."""
    order = list(Status)
    counts = Counter(t.status_label for t in tasks)
    states = {t.status_label: t.state for t in reversed(tasks)}
    for task in tasks:
        late = dates.late_state(task)  # what the reader's day may turn it into
        if late is not None:
            states.setdefault(late.label, late)
            counts.setdefault(late.label, 0)
    labels = sorted(counts, key=lambda label: (order.index(states[label].status), label))
    return [StatusCount(label, states[label].css, counts[label]) for label in labels]


def dashboard(progress: Progress, site: Site) -> dict[str, Any]:
    tasks = progress.tasks
    as_of = progress.as_of
    soon = [
        t
        for t in tasks
        if t.state.status not in DONE
        and t.deadline.end is not None
        and as_of < t.deadline.end <= as_of + timedelta(days=SOON_DAYS)
    ]
    counts = status_counts(tasks)
    topics: dict[str, list[Task]] = {}
    for task in tasks:
        for slug in task.topics:
            topics.setdefault(slug, []).append(task)
    whole = len(tasks) <= ALL_LISTS * LIST_LIMIT
    docs = _doc_links(site)
    return {
        "counts": counts,
        "status_chart": status_chart(counts, as_of),
        "unit_chart": glance_charts.unit_chart(progress),
        "indicator_chart": glance_charts.indicator_chart(progress),
        "all_limit": len(tasks) if whole else LIST_LIMIT,
        "all_form": _all_form(progress, site, counts) if whole else Markup(""),
        "by_document": _by_document(progress, docs),
        "documents_shown": DOCUMENT_ROWS,
        "done": sum(1 for t in tasks if t.state.status in DONE),
        "reported": sum(1 for t in tasks if t.state.reported),
        "overdue": sorted(
            (t for t in tasks if t.state.status is Status.OVERDUE),
            key=lambda t: (t.deadline.end or as_of, t.id),  # longest overdue first
        ),
        "soon": sorted(soon, key=lambda t: (t.deadline.end, t.id)),
        "stale": [t for t in tasks if t.state.stale],
        "by_topic": sorted(topics.items(), key=lambda item: (_topic_rank(site, item[0]), item[0])),
        "topic_names": _topic_names(site),
        "unit_rows": [unit_row(progress, u) for u in progress.units],
        "soon_days": SOON_DAYS,
        "soon_from": as_of + timedelta(days=1),
        "soon_until": as_of + timedelta(days=SOON_DAYS),
        "list_limit": LIST_LIMIT,
    }


def _all_form(progress: Progress, site: Site, counts: list[StatusCount]) -> Markup:
    """The in-place form of the dashboard's full list; its status links drive it."""
    found = filters.facets(
        progress.tasks,
        [c.label for c in counts],
        {u.id: u for u in progress.units},
        _doc_links(site),
        _topic_names(site),
    )
    return filters.filter_form(found, main=True)


def _by_document(progress: Progress, docs: dict[str, str]) -> list[tuple[str, str, int, int, int]]:
    """(document id, title, tasks, done, overdue) for each document with tasks, in corpus order."""
    grouped: dict[str, list[Task]] = {}
    for task in progress.tasks:  # one pass: a city has 500 documents and 10,000 tasks
        grouped.setdefault(task.source.document, []).append(task)
    rows = []
    for doc_id, title in docs.items():
        tasks = grouped.get(doc_id, [])
        if tasks:
            done = sum(1 for t in tasks if t.state.status in DONE)
            overdue = sum(1 for t in tasks if t.state.status is Status.OVERDUE)
            rows.append((doc_id, title, len(tasks), done, overdue))
    return rows


def _topic_rank(site: Site, slug: str) -> int:
    """The topic's place in content/topics.yml (unknown slugs last)."""
    order = [str(getattr(t, "slug", "")) for t in site.topics.topics]
    return order.index(slug) if slug in order else len(order)


def _topic_names(site: Site) -> dict[str, str]:
    return {str(getattr(t, "slug", "")): str(getattr(t, "name", "")) for t in site.topics.topics}


def unit_row(progress: Progress, unit: Unit) -> UnitRow:
    led = progress.tasks_led_by(unit.id)
    return UnitRow(
        unit=unit,
        lead=len(led),
        partner=len(progress.tasks_supported_by(unit.id)),
        done=sum(1 for t in led if t.state.status in DONE),
        on_time=sum(1 for t in led if t.state.status is Status.DONE_ON_TIME),
        overdue=sum(1 for t in led if t.state.status is Status.OVERDUE),
    )


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


@dataclass(frozen=True)
class Reporter:
    """Who reported an indicator's previous-term values: the body that issued the document
    stating them (a Báo cáo chính trị reports its Đảng bộ's term), and that document."""

    document: str  # document id
    title: str
    issuer: str


def reporters(site: Site, indicator: Indicator) -> list[Reporter]:
    """The documents an indicator's previous-term results are taken from, in order."""
    found: dict[str, Reporter] = {}
    for entry in indicator.history:
        doc = site.corpus.get(entry.source.document)
        if doc is not None and doc.meta.id not in found:
            found[doc.meta.id] = Reporter(doc.meta.id, doc.meta.title, doc.meta.issuer)
    return list(found.values())


def register_pages(site: Site, common: dict[str, Any]) -> dict[str, str | bytes]:
    """The clause register: one page listing the documents, one page per document."""
    progress: Progress = site.progress
    lines = opendata.register_lines(progress)
    by_doc: dict[str, list[opendata.RegisterLine]] = {}
    for line in lines:
        by_doc.setdefault(line.row.source.document, []).append(line)
    documents = [(d, by_doc[d.meta.id]) for d in site.corpus.documents if d.meta.id in by_doc]
    totals = {
        "rows": len(lines),
        "tracked": sum(1 for line in lines if line.tasks),
        "excluded": sum(1 for line in lines if not line.tasks),
        "tasks": len(progress.tasks),
    }
    files: dict[str, str | bytes] = {
        f"{REGISTER}index.md": render_template(
            "progress/register-index.md.j2", documents=documents, totals=totals, **common
        )
    }
    for doc, doc_lines in documents:
        files[f"{REGISTER}{doc.meta.id}/index.md"] = render_template(
            "progress/register.md.j2", doc=doc, lines=doc_lines, **common
        )
    return files
