"""Progress model -> generated pages, planned (planned.py): the dashboard, the indicators' list,
the clause register; pages about one item are in pages_items.py, open data in opendata.py."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from build_tools.planned import Planned, make_all, planned
from build_tools.progress import dates, downloads, filters, glance_charts, opendata
from build_tools.progress.model import Indicator, Progress, Status, Task, TaskStatus, Unit
from build_tools.progress.overview import status_chart
from build_tools.progress.pages_items import UnitRow, plan_items, unit_row_of
from build_tools.progress.shared import Shared, context, interned, source_label
from build_tools.progress.status import DONE
from build_tools.render import LIST_LIMIT
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


def plan(site: Site) -> dict[str, Planned]:
    """Every progress page and download, by docs-relative path, made when asked."""
    progress: Progress = site.progress
    shared = interned(
        Shared(
            dates.of(progress),
            progress.units,
            tuple((doc.meta.id, doc.meta.title) for doc in site.corpus.documents),
            tuple(
                (doc.meta.id, doc.meta.adopted)
                for doc in site.corpus.documents
                if doc.meta.status == "dự thảo"
            ),
            tuple((str(t.slug), str(t.name)) for t in site.topics.topics),
        )
    )
    counted = tuple((c.label, c.css) for c in status_counts(progress.tasks))
    by_id = {t.id: t for t in reversed(progress.tasks)}  # as Progress.task: the first wins
    files: dict[str, Planned] = {
        "tien-do/index.md": planned(dashboard_page, progress, shared),
        "chi-tieu/index.md": planned(indicators_page, progress.indicators, shared),
    }
    files.update(plan_items(progress, site.corpus, shared, counted, by_id))
    files.update(register_plan(progress, site.corpus, shared, by_id))
    files.update(downloads.plan(progress, site.corpus))
    return files


def render(site: Site) -> dict[str, str | bytes]:
    """Every progress page and download, by docs-relative path."""
    return make_all(plan(site))


def dashboard_page(progress: Progress, shared: Shared) -> str:
    """tien-do/index.md: everything at a glance, every list cut at LIST_LIMIT rows."""
    return render_template(
        "progress/dashboard.md.j2",
        **{**context(shared), "progress": progress},
        **dashboard(progress, shared),
    )


def indicators_page(indicators: tuple[Indicator, ...], shared: Shared) -> str:
    """chi-tieu/index.md: every indicator with its target and latest value."""
    only = Progress(indicators=indicators, as_of=shared.dates.as_of)  # all the page reads
    return render_template("progress/indicators.md.j2", **{**context(shared), "progress": only})


def status_counts(tasks: tuple[Task, ...]) -> list[StatusCount]:
    """Counts by displayed label, in the order of the status vocabulary; an overdue label
    some task may still reach shows with 0, so the date script has a number to raise."""
    order = list(Status)
    counts: Counter[str] = Counter()
    states: dict[str, TaskStatus] = {}
    late: dict[tuple[Status, bool, str, bool], TaskStatus | None] = {}
    for task in tasks:
        label = task.state.label
        counts[label] += 1
        states.setdefault(label, task.state)
    for task in tasks:
        state = task.state
        if state.holds_until is None:
            continue
        # what the reader's day may turn it into: its label and class depend on these only
        said = (state.status, state.reported, state.cadence, state.tentative)
        if said not in late:
            late[said] = dates.late_state(task)
        later = late[said]
        if later is not None:
            states.setdefault(later.label, later)
            counts.setdefault(later.label, 0)
    labels = sorted(counts, key=lambda label: (order.index(states[label].status), label))
    return [StatusCount(label, states[label].css, counts[label]) for label in labels]


def dashboard(progress: Progress, shared: Shared) -> dict[str, Any]:
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
    order = [slug for slug, _ in shared.topics]
    return {
        "counts": counts,
        "status_chart": status_chart(counts, as_of),
        "unit_chart": glance_charts.unit_chart(progress),
        "indicator_chart": glance_charts.indicator_chart(progress),
        "all_limit": len(tasks) if whole else LIST_LIMIT,
        "all_form": _all_form(progress, shared, counts) if whole else Markup(""),
        "by_document": _by_document(progress, dict(shared.docs)),
        "documents_shown": DOCUMENT_ROWS,
        "done": sum(1 for t in tasks if t.state.status in DONE),
        "reported": sum(1 for t in tasks if t.state.reported),
        "overdue": sorted(
            (t for t in tasks if t.state.status is Status.OVERDUE),
            key=lambda t: (t.deadline.end or as_of, t.id),  # longest overdue first
        ),
        "soon": sorted(soon, key=lambda t: (t.deadline.end, t.id)),
        "stale": [t for t in tasks if t.state.stale],
        "by_topic": sorted(topics.items(), key=lambda item: (_rank(order, item[0]), item[0])),
        "topic_names": dict(shared.topics),
        "unit_rows": [unit_row(progress, u) for u in progress.units],
        "soon_days": SOON_DAYS,
        "soon_from": as_of + timedelta(days=1),
        "soon_until": as_of + timedelta(days=SOON_DAYS),
        "list_limit": LIST_LIMIT,
    }


def _all_form(progress: Progress, shared: Shared, counts: list[StatusCount]) -> Markup:
    """The in-place form of the dashboard's full list; its status links drive it."""
    found = filters.facets(
        progress.tasks,
        [c.label for c in counts],
        {u.id: u for u in progress.units},
        dict(shared.docs),
        dict(shared.topics),
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


def _rank(order: list[str], slug: str) -> int:
    """The topic's place in content/topics.yml (unknown slugs last)."""
    return order.index(slug) if slug in order else len(order)


def unit_row(progress: Progress, unit: Unit) -> UnitRow:
    """A unit's counts (the dashboard's table by unit)."""
    return unit_row_of(unit, progress.tasks_led_by(unit.id), progress.tasks_supported_by(unit.id))


@dataclass(frozen=True)
class Listed:
    """A document as a list names it: its metadata (title, id), not its text."""

    meta: Any


def register_plan(
    progress: Progress, corpus: Any, shared: Shared, by_id: dict[str, Task]
) -> dict[str, Planned]:
    """The clause register: one page listing the documents, one page per document."""
    lines = opendata.lines_of(progress.clauses, by_id.__contains__)
    by_doc: dict[str, list[opendata.RegisterLine]] = {}
    for line in lines:
        by_doc.setdefault(line.row.source.document, []).append(line)
    documents = [(d, tuple(by_doc[d.meta.id])) for d in corpus.documents if d.meta.id in by_doc]
    listed = tuple((Listed(d.meta), found) for d, found in documents)
    files = {f"{REGISTER}index.md": planned(register_index, listed, len(progress.tasks), shared)}
    for doc, found in documents:
        tasks = tuple({i: by_id[i] for line in found for i in line.tasks}.values())
        files[f"{REGISTER}{doc.meta.id}/index.md"] = planned(
            register_page, doc, found, tasks, shared
        )
    return files


def register_index(
    documents: tuple[tuple[Listed, tuple[opendata.RegisterLine, ...]], ...],
    task_count: int,
    shared: Shared,
) -> str:
    """tien-do/doi-chieu/index.md: the documents with their clause counts."""
    lines = [line for _, found in documents for line in found]
    totals = {
        "rows": len(lines),
        "tracked": sum(1 for line in lines if line.tasks),
        "excluded": sum(1 for line in lines if not line.tasks),
        "tasks": task_count,
    }
    return render_template(
        "progress/register-index.md.j2",
        documents=[(d, list(found)) for d, found in documents],
        totals=totals,
        **context(shared),
    )


def register_page(
    doc: Any, lines: tuple[opendata.RegisterLine, ...], tasks: tuple[Task, ...], shared: Shared
) -> str:
    """tien-do/doi-chieu/<doc id>/index.md: each assigning clause, its tasks or the reason."""
    cites = tuple((line.row.source, source_label(doc, line.row.source)) for line in lines)
    return render_template(
        "progress/register.md.j2",
        doc=doc,
        lines=list(lines),
        tasks={t.id: t for t in tasks},
        **context(shared, cites),
    )
