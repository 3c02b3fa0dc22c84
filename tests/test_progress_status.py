"""Issue 5: deadline expressions and computed status, table-driven."""

from __future__ import annotations

from datetime import date

import pytest

from build_tools.progress.deadlines import DeadlineError, DeadlineKind, parse_deadline
from build_tools.progress.model import Update, UpdateState
from build_tools.progress.status import compute_status

D = date


@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        ("30/12/2025", DeadlineKind.DATE, D(2025, 12, 30), D(2025, 12, 30)),
        ("2025-12-30", DeadlineKind.DATE, D(2025, 12, 30), D(2025, 12, 30)),
        ("ngày 5/1/2026", DeadlineKind.DATE, D(2026, 1, 5), D(2026, 1, 5)),
        ("tháng 11/2025", DeadlineKind.PERIOD, D(2025, 11, 1), D(2025, 11, 30)),
        ("tháng 2/2028", DeadlineKind.PERIOD, D(2028, 2, 1), D(2028, 2, 29)),
        ("Hoàn thành trong tháng 12/2025.", DeadlineKind.PERIOD, D(2025, 12, 1), D(2025, 12, 31)),
        ("tuần đầu tháng 11/2025", DeadlineKind.PERIOD, D(2025, 11, 1), D(2025, 11, 7)),
        (
            "dự kiến vào tuần đầu của tháng 11/2025",
            DeadlineKind.PERIOD,
            D(2025, 11, 1),
            D(2025, 11, 7),
        ),
        ("quý IV/2025", DeadlineKind.PERIOD, D(2025, 10, 1), D(2025, 12, 31)),
        ("trong quý I/2026", DeadlineKind.PERIOD, D(2026, 1, 1), D(2026, 3, 31)),
        ("chậm nhất 30/12/2025", DeadlineKind.BY, None, D(2025, 12, 30)),
        ("chậm nhất đến ngày 30/12/2025", DeadlineKind.BY, None, D(2025, 12, 30)),
        ("năm 2026", DeadlineKind.PERIOD, D(2026, 1, 1), D(2026, 12, 31)),
        ("cả nhiệm kỳ 2025–2030", DeadlineKind.PERIOD, D(2025, 1, 1), D(2030, 12, 31)),
        ("giai đoạn 2025 - 2030", DeadlineKind.PERIOD, D(2025, 1, 1), D(2030, 12, 31)),
        ("thường xuyên", DeadlineKind.ONGOING, None, None),
        ("thường xuyên, liên tục", DeadlineKind.ONGOING, None, None),
        ("định kỳ", DeadlineKind.ONGOING, None, None),
        ("không nêu hạn", DeadlineKind.NONE, None, None),
    ],
)
def test_deadline_forms(
    text: str, kind: DeadlineKind, start: date | None, end: date | None
) -> None:
    deadline = parse_deadline(text)
    assert (deadline.text, deadline.kind, deadline.start, deadline.end) == (text, kind, start, end)


@pytest.mark.parametrize(
    ("text", "impossible"),
    [
        ("31/02/2025", True),
        ("2025-02-31", True),
        ("tháng 13/2025", True),
        ("chậm nhất 31/11/2025", True),
        ("sớm", False),
        ("quý V/2025", False),
        ("nhiệm kỳ 2030-2025", False),
    ],
)
def test_unreadable_or_impossible_deadlines(text: str, impossible: bool) -> None:
    with pytest.raises(DeadlineError) as caught:
        parse_deadline(text)
    assert caught.value.impossible is impossible


def update(day: date, done: bool = False, percent: int | None = None) -> Update:
    state = UpdateState.DONE if done else UpdateState.IN_PROGRESS
    return Update("T-1", day, "u", state, "…", percent)


AS_OF = D(2025, 12, 1)
NOV = "tháng 11/2025"
DEC = "tháng 12/2025"


@pytest.mark.parametrize(
    ("deadline", "updates", "label", "stale"),
    [
        # done on the last day -> on time; a day later -> late
        (NOV, [update(D(2025, 11, 30), done=True)], "hoàn thành đúng hạn", False),
        (NOV, [update(D(2025, 11, 1), done=True)], "hoàn thành đúng hạn", False),
        (DEC, [update(D(2025, 11, 2), done=True, percent=100)], "hoàn thành đúng hạn", False),
        ("chậm nhất 30/11/2025", [update(D(2025, 12, 1), done=True)], "hoàn thành quá hạn", False),
        # deadline ends on the as-of date: still within time
        ("01/12/2025", [update(D(2025, 11, 20))], "đang thực hiện (trong hạn)", False),
        (DEC, [update(D(2025, 11, 20), percent=40)], "đang thực hiện (trong hạn)", False),
        # deadline ended the day before the as-of date
        ("30/11/2025", [update(D(2025, 11, 20))], "quá hạn chưa hoàn thành", False),
        ("30/11/2025", [], "đã quá hạn — chưa có báo cáo", False),
        (DEC, [], "chưa đến hạn — chưa có báo cáo", False),
        ("quý I/2026", [], "chưa đến hạn — chưa có báo cáo", False),
        ("thường xuyên", [update(D(2025, 11, 20))], "thường xuyên", False),
        ("thường xuyên", [], "thường xuyên — chưa có báo cáo", False),
        ("không nêu hạn", [], "không nêu hạn — chưa có báo cáo", False),
        # an update dated after the as-of date is not known yet
        (NOV, [update(D(2025, 12, 2), done=True)], "đã quá hạn — chưa có báo cáo", False),
        # stale: ongoing / due and nothing new for more than 60 days
        ("thường xuyên", [update(D(2025, 10, 1))], "thường xuyên", True),
        ("thường xuyên", [update(D(2025, 10, 2))], "thường xuyên", False),
        ("cả nhiệm kỳ 2025–2030", [update(D(2025, 9, 1))], "đang thực hiện (trong hạn)", True),
        ("quý I/2026", [update(D(2025, 9, 1))], "đang thực hiện (trong hạn)", False),
        ("30/11/2025", [update(D(2025, 9, 1), percent=10)], "quá hạn chưa hoàn thành", True),
        (
            NOV,
            [update(D(2025, 9, 1)), update(D(2025, 9, 2), done=True)],
            "hoàn thành đúng hạn",
            False,
        ),
    ],
)
def test_status(deadline: str, updates: list[Update], label: str, stale: bool) -> None:
    state = compute_status(parse_deadline(deadline), updates, AS_OF, 60)
    assert (state.label, state.stale) == (label, stale)


def test_stale_counts_from_the_assigning_document_when_nobody_reported() -> None:
    state = compute_status(parse_deadline("thường xuyên"), [], AS_OF, 60, D(2025, 10, 1))
    assert state.stale and state.label == "thường xuyên — chưa có báo cáo"


def test_latest_percent_and_completion_date() -> None:
    updates = [update(D(2025, 11, 3), percent=30), update(D(2025, 11, 20), done=True, percent=100)]
    state = compute_status(parse_deadline(DEC), updates, AS_OF, 60)
    assert (state.percent, state.completed_on, state.last_update) == (
        100,
        D(2025, 11, 20),
        D(2025, 11, 20),
    )
