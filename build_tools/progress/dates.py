"""The two dates every progress page states, and the marks the page's date script reads.

- status date (as-of): the day statuses were computed for (config.as_of_date);
- data date: the newest progress report's date, or "chưa có báo cáo tiến độ nào".

`as_of_html` carries `data-as-of` (ISO) for the inline script in overrides/main.html, which,
when the reader's day is later, turns each badge marked by `due_attrs` overdue once its last
day has passed, updates the `data-count` numbers and says how many fell due since.
"""

from __future__ import annotations

import html

from build_tools.progress.model import Progress, Status, Task
from build_tools.render import vn_date

NO_REPORT_YET = "chưa có báo cáo tiến độ nào"
# Statuses that become "quá hạn" by themselves once the last day passes.
OPEN = (Status.IN_PROGRESS, Status.NOT_DUE)


def data_words(progress: Progress) -> str:
    """ "báo cáo tiến độ mới nhất ngày 30/11/2025", or that there is none yet."""
    newest = progress.data_date
    return f"báo cáo tiến độ mới nhất ngày {vn_date(newest)}" if newest else NO_REPORT_YET


def summary(progress: Progress) -> str:
    """Both dates in one sentence, for meta descriptions and Open Graph text."""
    return f"Tình trạng tính đến ngày {vn_date(progress.as_of)}; {data_words(progress)}."


def as_of_html(progress: Progress) -> str:
    """The dates paragraph (printed without JavaScript), plus the site-wide staleness banner."""
    iso = progress.as_of.isoformat()
    line = (
        f'<p class="as-of" data-as-of="{iso}">Tình trạng tính đến ngày '
        f"{vn_date(progress.as_of)} (ngày trang được cập nhật); số liệu: "
        f"{data_words(progress)}.</p>"
    )
    return f"{line}\n{stale_banner(progress)}" if progress.data_stale else line


def stale_banner(progress: Progress) -> str:
    """Said when the newest report is older than the staleness threshold."""
    newest = vn_date(progress.data_date)
    return (
        f'<p class="data-stale" role="note"><strong>Lâu chưa cập nhật:</strong> báo cáo tiến độ '
        f"mới nhất là ngày {newest}, đã quá {progress.stale_days} ngày; tình trạng các nhiệm vụ "
        "có thể chưa phản ánh việc đã làm sau ngày đó.</p>"
    )


def due_attrs(task: Task) -> str:
    """Marks on a badge the date script may turn overdue ("" for any other badge): its last
    day and the task (counted once per page). The script writes the overdue label itself,
    as `TaskStatus.label` would (tests/test_date_script.py holds them equal)."""
    end = task.deadline.end
    if task.state.status not in OPEN or end is None or not task.deadline.dated:
        return ""
    return f' data-due="{end.isoformat()}" data-task="{html.escape(task.id)}"'
