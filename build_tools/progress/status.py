"""Status from deadline + reports + the status date (as-of; never the wall clock).

One table, the same as in the editors' guide (docs/huong-dan/ghi-bao-cao-tien-do.md); the
latest report on or before the as-of date decides ("hoàn thành" followed by a later
"đang thực hiện" is not done):

| hạn trong văn bản         | báo cáo mới nhất    | trạng thái                              |
| -------------------------- | ------------------- | --------------------------------------- |
| có ngày cuối (kể cả hạn    | hoàn thành, ≤ hạn   | hoàn thành đúng hạn                     |
|   hiểu từ "quý IV/2025")   | hoàn thành, > hạn   | hoàn thành quá hạn                      |
|                            | khác, hạn đã qua    | quá hạn chưa hoàn thành                 |
|                            | đang thực hiện      | đang thực hiện (trong hạn)              |
|                            | chưa có             | chưa đến hạn / đã quá hạn — chưa có ... |
| thường xuyên               | trong kỳ (*)        | thường xuyên — có báo cáo trong kỳ      |
|                            | quá kỳ              | thường xuyên — quá kỳ chưa có báo cáo   |
| định kỳ [kỳ văn bản nêu]   | trong kỳ (*)        | định kỳ [hằng quý] — có báo cáo trong kỳ|
|                            | quá kỳ              | định kỳ [hằng quý] — quá kỳ chưa có ... |
| không nêu hạn              | hoàn thành          | không nêu hạn — hoàn thành              |
|                            | đang thực hiện      | không nêu hạn — đang thực hiện          |
|                            | chưa có             | không nêu hạn — chưa có báo cáo         |

(*) the period the source states ("định kỳ hằng quý": 92 days), else the staleness threshold
(`so_ngay_lau_chua_cap_nhat`), counted from the last report or, before any, from the date
of the document that assigned the task. A deadline the source marks "dự kiến" gives the
same statuses, labelled "(theo hạn dự kiến)".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from build_tools.progress.deadlines import Deadline
from build_tools.progress.model import Status, TaskStatus, Update, UpdateState


def compute_status(
    deadline: Deadline,
    updates: Sequence[Update],
    as_of: date,
    stale_days: int,
    assigned_on: date | None = None,
) -> TaskStatus:
    """The status of one task as of `as_of`; `assigned_on` is its source document's date.

    `updates` in the order they were written: among reports of one day the later one wins."""
    known = sorted((u for u in updates if u.date <= as_of), key=lambda u: u.date)
    latest = known[-1] if known else None
    completed = _completed_on(known)
    percent = next((u.percent for u in reversed(known) if u.percent is not None), None)
    last = latest.date if latest else None
    since = last or assigned_on
    status = _status(deadline, latest, completed, since, as_of, stale_days)
    stale = _stale(deadline, status, since, as_of, stale_days)
    holds_until = _holds_until(deadline, status, since, stale_days)
    return TaskStatus(
        status,
        latest is not None,
        stale,
        percent,
        completed,
        last,
        undated=not deadline.dated and not deadline.ongoing,
        tentative=deadline.tentative,
        holds_until=holds_until,
        cadence=deadline.cadence,
        fresh_until=None if stale else _fresh_until(deadline, status, since, stale_days),
    )


def _holds_until(
    deadline: Deadline, status: Status, since: date | None, stale_days: int
) -> date | None:
    """The last day `status` stays true without a new report (None: it does not expire)."""
    if status in (Status.IN_PROGRESS, Status.NOT_DUE):
        return deadline.end
    if status is Status.ONGOING and since is not None:
        return since + timedelta(days=deadline.period_days or stale_days)
    return None


def _fresh_until(
    deadline: Deadline, status: Status, since: date | None, stale_days: int
) -> date | None:
    """The last day before "lâu chưa cập nhật" becomes true without a new report (_stale):
    more than `stale_days` after `since`, once the work has started."""
    if status in DONE or since is None:
        return None
    first = since + timedelta(days=stale_days + 1)
    if deadline.start is not None:
        first = max(first, deadline.start)
    return first - timedelta(days=1)


def _completed_on(known: Sequence[Update]) -> date | None:
    """The first day of the final run of "hoàn thành" reports; None unless the latest is one."""
    completed = None
    for update in known:
        done = update.state is UpdateState.DONE
        completed = (completed or update.date) if done else None
    return completed


def _status(
    deadline: Deadline,
    latest: Update | None,
    completed: date | None,
    since: date | None,
    as_of: date,
    stale_days: int,
) -> Status:
    if deadline.ongoing:
        period = deadline.period_days or stale_days
        current = since is None or as_of - since <= timedelta(days=period)
        return Status.ONGOING if current else Status.ONGOING_DUE
    if not deadline.dated or deadline.end is None:
        if completed is not None:
            return Status.UNDATED_DONE
        return Status.UNDATED_IN_PROGRESS if latest is not None else Status.UNDATED
    if completed is not None:
        return Status.DONE_ON_TIME if completed <= deadline.end else Status.DONE_LATE
    if deadline.end < as_of:
        return Status.OVERDUE
    return Status.IN_PROGRESS if latest is not None else Status.NOT_DUE


DONE = (Status.DONE_ON_TIME, Status.DONE_LATE, Status.UNDATED_DONE)


def _stale(
    deadline: Deadline, status: Status, since: date | None, as_of: date, stale_days: int
) -> bool:
    """Due or ongoing, unfinished, and nothing reported for more than `stale_days`."""
    if status in DONE or since is None:
        return False
    due = deadline.start is None or deadline.start <= as_of
    return due and as_of - since > timedelta(days=stale_days)
