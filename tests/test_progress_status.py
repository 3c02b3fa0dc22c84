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
        ("thường xuyên", [update(D(2025, 11, 20))], "thường xuyên — có báo cáo trong kỳ", False),
        ("thường xuyên", [], "thường xuyên — chưa có báo cáo", False),
        ("không nêu hạn", [], "không nêu hạn — chưa có báo cáo", False),
        # an update dated after the as-of date is not known yet
        (NOV, [update(D(2025, 12, 2), done=True)], "đã quá hạn — chưa có báo cáo", False),
        # stale: ongoing / due and nothing new for more than 60 days
        ("thường xuyên", [update(D(2025, 10, 1))], "thường xuyên — quá kỳ chưa có báo cáo", True),
        ("thường xuyên", [update(D(2025, 10, 2))], "thường xuyên — có báo cáo trong kỳ", False),
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
    assert state.stale and state.label == "thường xuyên — quá kỳ chưa có báo cáo"
    fresh = compute_status(parse_deadline("thường xuyên"), [], AS_OF, 60, D(2025, 11, 1))
    assert not fresh.stale and fresh.label == "thường xuyên — chưa có báo cáo"


def test_latest_percent_and_completion_date() -> None:
    updates = [update(D(2025, 11, 3), percent=30), update(D(2025, 11, 20), done=True, percent=100)]
    state = compute_status(parse_deadline(DEC), updates, AS_OF, 60)
    assert (state.percent, state.completed_on, state.last_update) == (
        100,
        D(2025, 11, 20),
        D(2025, 11, 20),
    )


# --- issue 15: the status rules table (build_tools/progress/status.py), case by case ------


def status_on(deadline: str, updates: list[Update], day: date, assigned: date | None = None) -> str:
    return compute_status(parse_deadline(deadline), updates, day, 60, assigned).label


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (D(2025, 11, 15), "chưa đến hạn — chưa có báo cáo"),
        (D(2025, 11, 30), "chưa đến hạn — chưa có báo cáo"),  # the last day is still in time
        (D(2025, 12, 1), "đã quá hạn — chưa có báo cáo"),
        (D(2026, 12, 2), "đã quá hạn — chưa có báo cáo"),
    ],
)
def test_the_same_task_on_several_status_dates(day: date, label: str) -> None:
    assert status_on(NOV, [], day) == label


@pytest.mark.parametrize(
    ("updates", "label"),
    [
        ([], "không nêu hạn — chưa có báo cáo"),
        ([update(D(2025, 11, 1))], "không nêu hạn — đang thực hiện"),
        ([update(D(2025, 11, 1), done=True)], "không nêu hạn — hoàn thành"),
    ],
)
@pytest.mark.parametrize("day", [D(2025, 11, 2), D(2026, 12, 2)])
def test_no_deadline_never_says_on_time_in_time_or_overdue(
    updates: list[Update], label: str, day: date
) -> None:
    shown = status_on("không nêu hạn", updates, day)
    assert shown == label
    assert not any(word in shown for word in ("đúng hạn", "trong hạn", "quá hạn"))


def test_the_latest_report_wins_over_an_earlier_done() -> None:
    reports = [update(D(2025, 11, 10), done=True), update(D(2025, 11, 20))]
    assert status_on(NOV, reports, D(2025, 11, 25)) == "đang thực hiện (trong hạn)"
    assert status_on(NOV, reports, D(2025, 12, 5)) == "quá hạn chưa hoàn thành"
    # before the later report is dated, the earlier one stands
    assert status_on(NOV, reports, D(2025, 11, 15)) == "hoàn thành đúng hạn"
    # done again later: completed on the day of the final "hoàn thành"
    again = [*reports, update(D(2025, 12, 3), done=True)]
    state = compute_status(parse_deadline(NOV), again, D(2025, 12, 5), 60)
    assert (state.label, state.completed_on) == ("hoàn thành quá hạn", D(2025, 12, 3))


@pytest.mark.parametrize(
    ("deadline", "last_report", "day", "label"),
    [
        # no period stated: the staleness threshold (60 days)
        ("thường xuyên", D(2025, 10, 2), D(2025, 12, 1), "thường xuyên — có báo cáo trong kỳ"),
        ("thường xuyên", D(2025, 10, 1), D(2025, 12, 1), "thường xuyên — quá kỳ chưa có báo cáo"),
        ("định kỳ", D(2025, 10, 1), D(2025, 12, 1), "định kỳ — quá kỳ chưa có báo cáo"),
        ("định kỳ", D(2025, 10, 2), D(2025, 12, 1), "định kỳ — có báo cáo trong kỳ"),
        # the period the source states, said in the label
        (
            "định kỳ hằng quý",
            D(2025, 9, 1),
            D(2025, 12, 1),
            "định kỳ hằng quý — có báo cáo trong kỳ",
        ),
        (
            "định kỳ hằng quý",
            D(2025, 8, 30),
            D(2025, 12, 1),
            "định kỳ hằng quý — quá kỳ chưa có báo cáo",
        ),
        (
            "hằng tháng",
            D(2025, 10, 20),
            D(2025, 12, 1),
            "định kỳ hằng tháng — quá kỳ chưa có báo cáo",
        ),
        ("hằng năm", D(2025, 1, 10), D(2025, 12, 1), "định kỳ hằng năm — có báo cáo trong kỳ"),
        ("định kỳ 6 tháng", D(2025, 6, 1), D(2025, 12, 1), "định kỳ 6 tháng — có báo cáo trong kỳ"),
        ("hàng năm", D(2024, 11, 1), D(2025, 12, 1), "định kỳ hằng năm — quá kỳ chưa có báo cáo"),
    ],
)
def test_ongoing_work_is_judged_by_report_recency(
    deadline: str, last_report: date, day: date, label: str
) -> None:
    assert status_on(deadline, [update(last_report)], day) == label


def test_ongoing_without_reports_counts_from_the_assigning_document() -> None:
    assigned = D(2025, 10, 7)
    assert status_on("thường xuyên", [], D(2025, 11, 1), assigned) == (
        "thường xuyên — chưa có báo cáo"
    )
    assert status_on("thường xuyên", [], D(2025, 12, 20), assigned) == (
        "thường xuyên — quá kỳ chưa có báo cáo"
    )


def test_periodic_deadlines_keep_the_period_the_source_states() -> None:
    assert parse_deadline("định kỳ hằng quý").period_days == 92
    assert parse_deadline("hằng năm").period_days == 366
    assert parse_deadline("thường xuyên").period_days is None


@pytest.mark.parametrize(
    ("deadline", "cadence"),
    [
        ("thường xuyên", "thường xuyên"),
        ("thường xuyên, liên tục", "thường xuyên"),
        ("định kỳ", "định kỳ"),
        ("Định kỳ.", "định kỳ"),
        ("định kỳ hằng quý", "định kỳ hằng quý"),
        ("định kỳ, mỗi năm", "định kỳ hằng năm"),
        ("định kỳ 6 tháng", "định kỳ 6 tháng"),
        ("hằng tháng", "định kỳ hằng tháng"),
    ],
)
def test_periodic_work_is_labelled_periodic_not_continuous(deadline: str, cadence: str) -> None:
    """Issue 15: "định kỳ" work was labelled "thường xuyên"; the label says the source's
    kind of work and the period it states, never one it does not."""
    parsed = parse_deadline(deadline)
    assert parsed.cadence == cadence
    assert parsed.text == deadline  # the source's words are kept as written
    assigned = D(2025, 10, 7)
    assert status_on(deadline, [], D(2025, 10, 24), assigned) == f"{cadence} — chưa có báo cáo"
    late = status_on(deadline, [], D(2027, 1, 1), assigned)
    assert late == f"{cadence} — quá kỳ chưa có báo cáo"


def test_a_tentative_deadline_is_said_to_be_tentative() -> None:
    deadline = parse_deadline("dự kiến tháng 11/2025")
    assert deadline.tentative and deadline.end == D(2025, 11, 30)
    assert not parse_deadline("tháng 11/2025").tentative
    state = compute_status(deadline, [], D(2025, 12, 1), 60)
    assert state.label == "đã quá hạn — chưa có báo cáo (theo hạn dự kiến)"
    state = compute_status(deadline, [update(D(2025, 11, 3))], D(2025, 11, 5), 60)
    assert state.label == "đang thực hiện (trong hạn) (theo hạn dự kiến)"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("quý IV/2025", " (trang này hiểu là từ 01/10/2025 đến hết 31/12/2025)"),
        ("chậm nhất 30/12/2025", ""),  # the words already say the day
        ("2025-12-30", " (trang này hiểu là ngày 30/12/2025)"),
        (
            "dự kiến tháng 11/2025",
            " (hạn dự kiến; trang này hiểu là từ 01/11/2025 đến hết 30/11/2025)",
        ),
        ("định kỳ hằng quý", " (trang này xét báo cáo trong mỗi 92 ngày)"),
        ("không nêu hạn", ""),
    ],
)
def test_an_interpreted_deadline_shows_the_date_it_was_read_as(text: str, shown: str) -> None:
    from build_tools.progress.shared import deadline_range

    assert deadline_range(parse_deadline(text)) == shown


@pytest.mark.parametrize("text", ["định kỳ", "thường xuyên"])
def test_ongoing_work_without_a_period_says_the_site_chose_it(text: str) -> None:
    from build_tools.progress.shared import deadline_range

    assert deadline_range(parse_deadline(text), 60) == (
        " (văn bản không nêu kỳ; trang này xét báo cáo trong mỗi 60 ngày)"
    )
    assert deadline_range(parse_deadline("định kỳ hằng quý"), 60) == (
        " (trang này xét báo cáo trong mỗi 92 ngày)"
    )


@pytest.mark.parametrize(
    ("deadline", "updates", "holds_until"),
    [
        (NOV, [], D(2025, 11, 30)),  # not due yet: until the last day
        (NOV, [update(D(2025, 11, 3))], D(2025, 11, 30)),
        (NOV, [update(D(2025, 11, 3), done=True)], None),  # done stays done
        ("30/10/2025", [], None),  # already overdue
        ("thường xuyên", [update(D(2025, 10, 20))], D(2025, 12, 19)),  # + 60 days
        ("định kỳ hằng quý", [update(D(2025, 10, 20))], D(2026, 1, 20)),  # + 92 days
        ("không nêu hạn", [update(D(2025, 10, 20))], None),
    ],
)
def test_how_long_a_status_holds_without_a_new_report(
    deadline: str, updates: list[Update], holds_until: date | None
) -> None:
    state = compute_status(parse_deadline(deadline), updates, D(2025, 11, 5), 60)
    assert state.holds_until == holds_until
