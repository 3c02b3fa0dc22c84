"""Details on demand: task lists narrowed by status, unit, document and topic.

Without JavaScript every value of a facet has its own page: one page per status label
(`tien-do/trang-thai/<key>/`, paged at PAGE_SIZE tasks so that at city scale no page is
heavy), the unit pages, the clause register of each document and the topic pages. With
JavaScript (docs/assets/loc-nhiem-vu.js, no library, no request) the form above a list
narrows its rows in place: each row carries its units, document and topics in an empty
span (`facet_marks`); its status is read from its badge, as the date script left it.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from build_tools.progress.model import Progress, Task
from build_tools.render import LIST_LIMIT, register_filter
from build_tools.slugs import slugify

PAGE_SIZE = LIST_LIMIT
STATUS_DIR = "tien-do/trang-thai/"


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Facet:
    name: str  # "status" | "unit" | "document" | "topic": the row's data-* it matches
    label: str  # the select's Vietnamese label
    options: tuple[Option, ...]


@dataclass(frozen=True)
class Pager:
    number: int  # 1-based
    pages: int
    first: int  # 1-based index of the first task shown
    last: int

    def href(self, number: int, up_to_status: str) -> str:
        """A sibling page's address from this one (`up_to_status` leads to its page 1)."""
        page = "" if number == 1 else f"trang-{number}/"
        return f"{up_to_status}{page}index.md"


def status_key(label: str) -> str:
    """ "đã quá hạn — chưa có báo cáo" -> "da-qua-han-chua-co-bao-cao" """
    return slugify(label)


def status_url(label: str) -> str:
    return f"{STATUS_DIR}{status_key(label)}/"


def _attr(values: Sequence[str]) -> str:
    return html.escape(" ".join(values)).replace("|", "&#124;")


def facet_marks(task: Task) -> Markup:
    """The row's facets for the in-place filter (an empty span, nothing on screen)."""
    topics = f' data-topic="{_attr(task.topics)}"' if task.topics else ""
    return Markup(
        f'<span class="task-facets" data-unit="{_attr(task.assignees)}" '
        f'data-document="{_attr([task.source.document])}"{topics}></span>'
    )


def facets(
    tasks: Sequence[Task],
    labels: Sequence[str],
    units: dict[str, Any],
    documents: dict[str, str],
    topics: dict[str, str],
) -> tuple[Facet, ...]:
    """The values found among `tasks`, in the site's order, named as its pages name them;
    `labels` are the status labels in vocabulary order (pages.status_counts), those the
    date script may bring included."""
    found_units = {u for t in tasks for u in t.assignees}
    found_docs = {t.source.document for t in tasks}
    found_topics = {s for t in tasks for s in t.topics}
    return (
        Facet("status", "Trạng thái", tuple(Option(label, label) for label in labels)),
        Facet(
            "unit",
            "Đơn vị được giao",
            tuple(Option(i, u.name) for i, u in units.items() if i in found_units),
        ),
        Facet(
            "document",
            "Văn bản",
            tuple(Option(i, name) for i, name in documents.items() if i in found_docs),
        ),
        Facet(
            "topic",
            "Chủ đề",
            tuple(Option(s, name) for s, name in topics.items() if s in found_topics),
        ),
    )


def status_groups(progress: Progress) -> dict[str, list[Task]]:
    """Tasks by displayed status label, in page order."""
    groups: dict[str, list[Task]] = {}
    for task in progress.tasks:
        groups.setdefault(task.status_label, []).append(task)
    return groups


def pagers(count: int, size: int = 0) -> list[Pager]:
    """The pages of a list of `count` tasks, PAGE_SIZE a page unless `size` is given."""
    size = size or PAGE_SIZE
    pages = max(1, -(-count // size))
    return [Pager(n + 1, pages, n * size + 1, min(count, (n + 1) * size)) for n in range(pages)]


def filter_form(facet_list: Sequence[Facet], main: bool = False) -> Markup:
    """The in-place form, hidden until the script shows it (without JavaScript the facet
    pages do the work). One HTML block: every text in it is escaped here. `main`: the
    dashboard's status links filter its list instead of opening the status pages."""
    fields = "".join(
        f'<label class="task-filter__field"><span>{html.escape(f.label)}</span>'
        f'<select data-facet="{f.name}"><option value="">Tất cả</option>'
        + "".join(
            f'<option value="{html.escape(o.value)}">{html.escape(o.label)}</option>'
            for o in f.options
        )
        + "</select></label>"
        for f in facet_list
        if len(f.options) > 1
    )
    if not fields:
        return Markup("")
    return Markup(
        f'<form class="task-filter"{" data-main" if main else ""} hidden '
        'aria-label="Lọc danh sách nhiệm vụ">'
        f"{fields}"
        '<button type="reset" class="md-button">Bỏ lọc</button>'
        '<p class="task-filter__result" role="status" aria-live="polite"></p></form>'
    )


register_filter("facet_marks", facet_marks)  # each row of templates/progress task_table
