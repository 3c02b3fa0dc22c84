"""Status from deadline + updates + the data's as-of date (never the wall clock).

Rules, in order:
1. a "hoàn thành" update on or before the as-of date -> done on time if it is dated on or
   before the deadline's last day, else done late;
2. an ongoing deadline ("thường xuyên") -> ongoing;
3. the deadline's last day is before the as-of date -> overdue;
4. some update exists -> in progress (within the deadline); otherwise not yet due.
Without any update the label says "chưa có báo cáo": it never claims finished or unfinished.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from build_tools.progress.deadlines import Deadline, DeadlineKind
from build_tools.progress.model import Status, TaskStatus, Update, UpdateState


def compute_status(
    deadline: Deadline,
    updates: Sequence[Update],
    as_of: date,
    stale_days: int,
    assigned_on: date | None = None,
) -> TaskStatus:
    """The status of one task as of `as_of`; `assigned_on` is its source document's date."""
    known = sorted((u for u in updates if u.date <= as_of), key=lambda u: u.date)
    done = next((u for u in known if u.state is UpdateState.DONE), None)
    percent = next((u.percent for u in reversed(known) if u.percent is not None), None)
    last = known[-1].date if known else None
    status = _status(deadline, bool(known), done, as_of)
    stale = _stale(deadline, status, last or assigned_on, as_of, stale_days)
    undated = deadline.kind is DeadlineKind.NONE
    completed = done.date if done else None
    return TaskStatus(status, bool(known), stale, percent, completed, last, undated)


def _status(deadline: Deadline, reported: bool, done: Update | None, as_of: date) -> Status:
    if done is not None:
        on_time = deadline.end is None or done.date <= deadline.end
        return Status.DONE_ON_TIME if on_time else Status.DONE_LATE
    if deadline.ongoing:
        return Status.ONGOING
    if deadline.end is not None and deadline.end < as_of:
        return Status.OVERDUE
    return Status.IN_PROGRESS if reported else Status.NOT_DUE


def _stale(
    deadline: Deadline, status: Status, since: date | None, as_of: date, stale_days: int
) -> bool:
    """Due or ongoing, unfinished, and nothing reported for more than `stale_days`."""
    if status in (Status.DONE_ON_TIME, Status.DONE_LATE) or since is None:
        return False
    due = deadline.start is None or deadline.start <= as_of
    return due and as_of - since > timedelta(days=stale_days)
