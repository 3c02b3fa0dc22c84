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
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from markupsafe import Markup

from build_tools.progress.model import Progress, Status, Task, TaskStatus
from build_tools.render import register_filter, vn_date

NO_REPORT_YET = "chưa có báo cáo tiến độ nào"


class Dated(Protocol):
    """What the dates paragraph reads: a `Progress`, or the `Dates` a page is given."""

    @property
    def as_of(self) -> date: ...
    @property
    def stale_days(self) -> int: ...
    @property
    def data_date(self) -> date | None: ...
    @property
    def data_stale(self) -> bool: ...


@dataclass(frozen=True)
class Dates:
    """The status date, the staleness threshold and the data's date: all a page needs of
    the progress data to say its dates (a page about one task gets these, not Progress)."""

    as_of: date
    stale_days: int
    data_date: date | None

    @property
    def data_stale(self) -> bool:
        """The newest report is older than the staleness threshold."""
        newest = self.data_date
        return newest is not None and (self.as_of - newest).days > self.stale_days


def of(progress: Progress) -> Dates:
    """The dates of the progress data."""
    return Dates(progress.as_of, progress.stale_days, progress.data_date)


def data_words(progress: Dated) -> str:
    """ "báo cáo tiến độ mới nhất ngày 30/11/2025", or that there is none yet."""
    newest = progress.data_date
    return f"báo cáo tiến độ mới nhất ngày {vn_date(newest)}" if newest else NO_REPORT_YET


def summary(progress: Dated) -> str:
    """Both dates in one sentence, for meta descriptions and Open Graph text."""
    return f"Tình trạng tính đến ngày {vn_date(progress.as_of)}; {data_words(progress)}."


def as_of_html(progress: Dated, subject: str = "") -> Markup:
    """The dates paragraph (printed without JavaScript), plus the site-wide staleness banner:
    shown when the newest report is older than the threshold, else (when there is a report)
    hidden until the date script finds the reader's day past it. `subject` names what the
    status is of on pages that are not about progress (" các nhiệm vụ")."""
    iso = progress.as_of.isoformat()
    line = (
        f'<p class="as-of" data-as-of="{iso}">Tình trạng{html.escape(subject)} tính đến ngày '
        f"{vn_date(progress.as_of)} (ngày trang được cập nhật); số liệu: "
        f"{data_words(progress)}.</p>"
    )
    newest = progress.data_date
    if newest is None:
        return Markup(line)
    return Markup(f"{line}\n{stale_banner(progress, newest)}")


def stale_banner(progress: Dated, newest: date) -> Markup:
    """Said when the newest report is older than the staleness threshold; until then the
    paragraph is hidden, and `data-fresh` says the last day it stays so."""
    fresh_until = newest + timedelta(days=progress.stale_days)
    later = "" if progress.data_stale else f' hidden data-fresh="{fresh_until.isoformat()}"'
    return Markup(
        f'<p class="data-stale" role="note"{later}><strong>Lâu chưa cập nhật:</strong> báo cáo '
        f"tiến độ mới nhất là ngày {vn_date(newest)}, đã quá {progress.stale_days} ngày; tình "
        "trạng các nhiệm vụ có thể chưa phản ánh việc đã làm sau ngày đó.</p>"
    )


def late_state(task: Task) -> TaskStatus | None:
    """The status the task takes the day after `holds_until` if nobody reports."""
    if task.state.holds_until is None:
        return None
    late = Status.ONGOING_DUE if task.state.status is Status.ONGOING else Status.OVERDUE
    return dataclasses.replace(task.state, status=late)


STALE_FLAG = "lâu chưa cập nhật"


def badge(task: Task) -> Markup:
    """A task's status badge with the marks the date script reads, and its staleness flag:
    the one way every page (task lists, task, unit, document, topic and register pages)
    shows a status, so the script finds every one of them."""
    state = task.state
    label = html.escape(task.status_label)
    marks = due_attrs(task) + fresh_attr(task)
    text = f'<span class="status status-{state.css}"{marks}>{label}</span>'
    if state.stale:
        text += f' <span class="status status-stale">{STALE_FLAG}</span>'
    return Markup(text)


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


def fresh_attr(task: Task) -> Markup:
    """` data-fresh="…"`: the last day the task is not "lâu chưa cập nhật"; after it the
    date script adds the flag (written as STALE_FLAG) after the badge."""
    fresh = task.state.fresh_until
    return Markup(f' data-fresh="{fresh.isoformat()}"' if fresh else "")


def _moves(tasks: Iterable[Task], change: Callable[[Task], tuple[date | None, int]]) -> Markup:
    """` data-move="2025-11-07:+2,2025-12-31:-1"`: how a number on the page changes once each
    day has passed (the day each task's state changes, with how it counts). Counted over
    every task the number covers, not only those a long list shows, so the script stays
    right at any size."""
    changes: Counter[str] = Counter()
    for task in tasks:
        day, delta = change(task)
        if day is not None:
            changes[day.isoformat()] += delta
    moves = ",".join(f"{day}:{n:+d}" for day, n in sorted(changes.items()) if n)
    return Markup(f' data-move="{moves}"' if moves else "")


def _late(task: Task, delta: Callable[[Task, TaskStatus], int]) -> tuple[date | None, int]:
    late = late_state(task)
    return (task.state.holds_until, delta(task, late)) if late is not None else (None, 0)


def label_moves(tasks: Iterable[Task], label: str) -> Markup:
    """For the number of tasks showing `label`: leaving it, or arriving at it."""

    def delta(task: Task, late: TaskStatus) -> int:
        return (late.label == label) - (task.status_label == label)

    return _moves(tasks, lambda task: _late(task, delta))


def overdue_moves(tasks: Iterable[Task]) -> Markup:
    """For a number of overdue tasks: each deadline that passes adds one."""
    return _moves(tasks, lambda t: _late(t, lambda _, late: int(late.status is Status.OVERDUE)))


def stale_moves(tasks: Iterable[Task]) -> Markup:
    """For a number of "lâu chưa cập nhật" tasks: each that turns stale adds one."""
    return _moves(tasks, lambda task: (task.state.fresh_until, 1))


register_filter("due_attrs", due_attrs)  # the status badges of task lists and task pages
register_filter("badge", badge)  # every status badge, in any domain's template
register_filter("as_of_html", lambda progress, subject="": as_of_html(progress, subject))
