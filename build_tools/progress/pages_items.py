"""Progress pages about one item (a task, a unit, an indicator, a page of one status): each
renderer takes that item and what it lists, plus `shared.Shared`, and nothing else, so its
planned key (planned.planned) changes exactly when the page can."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from build_tools import taskpages
from build_tools.planned import Planned, planned
from build_tools.progress import chart, filters
from build_tools.progress.model import Indicator, Progress, SourceRef, Status, Task, Unit
from build_tools.progress.shared import Shared, citer, context
from build_tools.progress.status import DONE
from build_tools.render import render as render_template


@dataclass(frozen=True)
class UnitRow:
    unit: Unit
    lead: int
    partner: int
    done: int
    on_time: int
    overdue: int


def unit_row_of(unit: Unit, led: Sequence[Task], supported: Sequence[Task]) -> UnitRow:
    """A unit's counts from the tasks it leads and supports."""
    return UnitRow(
        unit=unit,
        lead=len(led),
        partner=len(supported),
        done=sum(1 for t in led if t.state.status in DONE),
        on_time=sum(1 for t in led if t.state.status is Status.DONE_ON_TIME),
        overdue=sum(1 for t in led if t.state.status is Status.OVERDUE),
    )


@dataclass(frozen=True)
class Reporter:
    """Who reported an indicator's previous-term values: the body that issued the document
    stating them (a Báo cáo chính trị reports its Đảng bộ's term), and that document."""

    document: str  # document id
    title: str
    issuer: str


def reporters(corpus: Any, indicator: Indicator) -> list[Reporter]:
    """The documents an indicator's previous-term results are taken from, in order."""
    found: dict[str, Reporter] = {}
    for entry in indicator.history:
        doc = corpus.get(entry.source.document)
        if doc is not None and doc.meta.id not in found:
            found[doc.meta.id] = Reporter(doc.meta.id, doc.meta.title, doc.meta.issuer)
    return list(found.values())


def task_page(
    task: Task,
    parent: Task | None,
    subtasks: tuple[Task, ...],
    shared: Shared,
    cites: tuple[tuple[SourceRef, str], ...],
) -> str:
    """A task's article (taskpages.py puts it into the page MkDocs renders)."""
    return render_template(
        "progress/task.html.j2",
        task=task,
        parent=parent,
        subtasks=subtasks,
        h1=taskpages.heading_id(task),
        **context(shared, cites),
    )


def unit_page(
    unit: Unit,
    led: tuple[Task, ...],
    supported: tuple[Task, ...],
    labels: tuple[str, ...],
    shared: Shared,
) -> str:
    """A unit's page: what it leads and what it supports; `labels` orders the form's statuses."""
    common = context(shared)
    return render_template(
        "progress/unit.md.j2",
        unit=unit,
        row=unit_row_of(unit, led, supported),
        led=led,
        supported=supported,
        facets=filters.facets(led, labels, common["units"], common["docs"], dict(shared.topics)),
        **common,
    )


def indicator_page(
    indicator: Indicator,
    found: tuple[Reporter, ...],
    shared: Shared,
    cites: tuple[tuple[SourceRef, str], ...],
) -> str:
    """An indicator's page: targets, readings, its chart and the previous term."""
    return render_template(
        "progress/indicator.md.j2",
        indicator=indicator,
        svg=Markup(chart.indicator_svg(indicator)),  # every text in it is escaped
        reporters=list(found),
        **context(shared, cites),
    )


def status_page(
    label: str,
    css: str,
    shown: tuple[Task, ...],
    total: int,
    pager: filters.Pager,
    shared: Shared,
) -> str:
    """One page of the tasks showing one status label, with the in-place form."""
    common = context(shared)
    sub = pager.number > 1
    return render_template(
        "progress/status.md.j2",
        label=label,
        css=css,
        tasks=list(shown),
        total=total,
        pager=pager,
        depth="../" * (4 if sub else 3),
        home="../" if sub else "",
        facets=filters.facets(shown, [label], common["units"], common["docs"], dict(shared.topics)),
        **common,
    )


def plan_items(
    progress: Progress,
    corpus: Any,
    shared: Shared,
    counted: Sequence[tuple[str, str]],
    by_id: dict[str, Task],
) -> dict[str, Planned]:
    """Task, unit, status and indicator pages; `counted`: (label, css) in status order,
    `by_id`: the tasks by id."""
    cite = citer(corpus)
    files: dict[str, Planned] = {}
    if progress.tasks:
        files[taskpages.SHELL] = planned(taskpages.shell_markdown)
    for task in progress.tasks:
        parent = by_id.get(task.parent) if task.parent else None
        files[f"{task.url}index.md"] = planned(
            task_page,
            task,
            parent,
            progress.subtasks(task.id),
            shared,
            ((task.source, cite(task.source)),),
        )
    labels = tuple(label for label, _ in counted)
    for unit in progress.units:
        led, supported = progress.tasks_led_by(unit.id), progress.tasks_supported_by(unit.id)
        files[f"{unit.url}index.md"] = planned(unit_page, unit, led, supported, labels, shared)
    files.update(_status_pages(progress, shared, counted))
    for indicator in progress.indicators:
        sources = (indicator.source, *(h.source for h in indicator.history))
        files[f"{indicator.url}index.md"] = planned(
            indicator_page,
            indicator,
            tuple(reporters(corpus, indicator)),
            shared,
            tuple((s, cite(s)) for s in dict.fromkeys(sources)),
        )
    return files


def _status_pages(
    progress: Progress, shared: Shared, counted: Sequence[tuple[str, str]]
) -> dict[str, Planned]:
    """One page per status label some task shows, paged."""
    files: dict[str, Planned] = {}
    groups = filters.status_groups(progress)
    for label, css in counted:
        tasks = groups.get(label, [])
        for pager in filters.pagers(len(tasks)) if tasks else ():
            shown = tuple(tasks[pager.first - 1 : pager.last])
            sub = "" if pager.number == 1 else f"trang-{pager.number}/"
            files[f"{filters.status_url(label)}{sub}index.md"] = planned(
                status_page, label, css, shown, len(tasks), pager, shared
            )
    return files
