"""The two dates every progress page states, and the marks the page's date script reads.

- status date (as-of): the day statuses were computed for (config.as_of_date);
- data date: the newest progress report's date, or "chưa có báo cáo tiến độ nào".

`as_of_html` carries `data-as-of` (ISO) for the inline script in overrides/main.html, which,
when the reader's day is later, turns each badge marked by `due_attrs` overdue (or "quá kỳ")
once its last day has passed, moves each number by its `data-move` schedule and says how
many deadlines fell due since.
"""

from __future__ import annotations

import dataclasses
import html
from collections import Counter
from collections.abc import Callable, Iterable

from markupsafe import Markup

from build_tools.progress.model import Progress, Status, Task, TaskStatus
from build_tools.render import register_filter, vn_date

NO_REPORT_YET = "chưa có báo cáo tiến độ nào"


def data_words(progress: Progress) -> str:
    """ "báo cáo tiến độ mới nhất ngày 30/11/2025", or that there is none yet."""
    newest = progress.data_date
    return f"báo cáo tiến độ mới nhất ngày {vn_date(newest)}" if newest else NO_REPORT_YET


def summary(progress: Progress) -> str:
    """Both dates in one sentence, for meta descriptions and Open Graph text."""
    return f"Tình trạng tính đến ngày {vn_date(progress.as_of)}; {data_words(progress)}."


def as_of_html(progress: Progress) -> Markup:
    """The dates paragraph (printed without JavaScript), plus the site-wide staleness banner."""
    iso = progress.as_of.isoformat()
    line = (
        f'<p class="as-of" data-as-of="{iso}">Tình trạng tính đến ngày '
        f"{vn_date(progress.as_of)} (ngày trang được cập nhật); số liệu: "
        f"{data_words(progress)}.</p>"
    )
    return Markup(f"{line}\n{stale_banner(progress)}" if progress.data_stale else line)


def stale_banner(progress: Progress) -> Markup:
    """Said when the newest report is older than the staleness threshold."""
    newest = vn_date(progress.data_date)
    return Markup(
        f'<p class="data-stale" role="note"><strong>Lâu chưa cập nhật:</strong> báo cáo tiến độ '
        f"mới nhất là ngày {newest}, đã quá {progress.stale_days} ngày; tình trạng các nhiệm vụ "
        "có thể chưa phản ánh việc đã làm sau ngày đó.</p>"
    )


def late_state(task: Task) -> TaskStatus | None:
    """The status the task takes the day after `holds_until` if nobody reports."""
    if task.state.holds_until is None:
        return None
    late = Status.ONGOING_DUE if task.state.status is Status.ONGOING else Status.OVERDUE
    return dataclasses.replace(task.state, status=late)


def due_attrs(task: Task) -> Markup:
    """Marks on a badge the date script may change ("" for any other badge): the last day
    its status holds and the task (counted once per page). A deadline's overdue label the
    script writes itself, as `TaskStatus.label` would (tests/test_date_script.py holds them
    equal); an ongoing task's "quá kỳ" label and class are given (data-late)."""
    late = late_state(task)
    if late is None or task.state.holds_until is None:
        return Markup("")
    attrs = f' data-due="{task.state.holds_until.isoformat()}" data-task="{html.escape(task.id)}"'
    if late.status is Status.ONGOING_DUE:
        attrs += (
            f' data-late="{html.escape(late.label)}" data-late-class="status status-{late.css}"'
        )
    return Markup(attrs)


def _moves(tasks: Iterable[Task], delta: Callable[[Task, TaskStatus], int]) -> Markup:
    """` data-move="2025-11-07:+2,2025-12-31:-1"`: how a number on the page changes once each
    day has passed (`holds_until` of the tasks it counts). Counted over every task the
    number covers, not only those a long list shows, so the script stays right at any size."""
    changes: Counter[str] = Counter()
    for task in tasks:
        late = late_state(task)
        if late is not None and task.state.holds_until is not None:
            changes[task.state.holds_until.isoformat()] += delta(task, late)
    moves = ",".join(f"{day}:{change:+d}" for day, change in sorted(changes.items()) if change)
    return Markup(f' data-move="{moves}"' if moves else "")


def label_moves(tasks: Iterable[Task], label: str) -> Markup:
    """For the number of tasks showing `label`: leaving it, or arriving at it."""

    def delta(task: Task, late: TaskStatus) -> int:
        return (late.label == label) - (task.status_label == label)

    return _moves(tasks, delta)


def overdue_moves(tasks: Iterable[Task]) -> Markup:
    """For a number of overdue tasks: each deadline that passes adds one."""
    return _moves(tasks, lambda _, late: int(late.status is Status.OVERDUE))


register_filter("due_attrs", due_attrs)  # the status badges of task lists and task pages
