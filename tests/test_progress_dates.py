"""Issue 15: the two dates (status date and data date) everywhere a status is published,
and the site-wide staleness banner."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from build_tools import home, progress
from build_tools.models import Site
from build_tools.progress import dates
from build_tools.progress.model import Task
from tests.progress_helpers import SAMPLE, copy_sample, load

AS_OF = date(2025, 12, 20)  # the sample's reports run to 15/12/2025; threshold 30 days
BOTH = "Tình trạng tính đến ngày 20/12/2025; báo cáo tiến độ mới nhất ngày 15/12/2025."
TABLES = ("nhiem-vu", "cap-nhat", "don-vi", "chi-tieu", "chi-tieu-so-lieu")


def _files(day: date = AS_OF) -> tuple[Site, dict[str, str]]:
    site, errors = load(SAMPLE, day)
    assert errors == []
    files = {**progress.render(site), **home.render(site)}
    return site, {k: v for k, v in files.items() if isinstance(v, str)}


def _front_matter(page: str) -> dict[str, str]:
    head = page.split("---\n", 2)[1]
    return {
        key: json.loads(value) if value.startswith('"') else value
        for key, _, value in (line.partition(": ") for line in head.splitlines())
    }


def test_every_progress_page_and_the_home_page_state_both_dates() -> None:
    site, files = _files()
    shell = "tien-do/nhiem-vu/_khung/"  # taskpages.SHELL: placeholders, no content
    pages = [p for p in files if p.endswith("index.md") and not p.startswith(shell)]
    assert "index.md" in pages and "tien-do/index.md" in pages
    line = (
        '<p class="as-of" data-as-of="2025-12-20">Tình trạng tính đến ngày 20/12/2025 (ngày '
        "trang được cập nhật); số liệu: báo cáo tiến độ mới nhất ngày 15/12/2025.</p>"
    )
    for path in pages:
        assert line in files[path], path
    for path in [p for p in pages if p != "index.md"]:
        assert _front_matter(files[path])["description"].endswith(BOTH), path
    assert site.progress.data_date == date(2025, 12, 15)


def test_every_open_data_file_carries_the_dates() -> None:
    _, files = _files()
    for name in TABLES:
        rows = list(csv.DictReader(io.StringIO(files[f"du-lieu-mo/{name}.csv"].lstrip("\ufeff"))))
        assert rows, name
        assert {(r["ngay_tinh_trang"], r["ngay_bao_cao_moi_nhat"]) for r in rows} == {
            ("2025-12-20", "2025-12-15")
        }
        data = json.loads(files[f"du-lieu-mo/{name}.json"])
        assert {d["ngay_tinh_trang"] for d in data} == {"2025-12-20"}, name
    full = json.loads(files["du-lieu-mo/chi-tieu-day-du.json"])
    assert {d["ngay_tinh_trang"] for d in full} == {"2025-12-20"}
    feed = ET.fromstring(files["du-lieu-mo/cap-nhat.xml"])
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert feed.findtext("a:subtitle", namespaces=ns) == BOTH
    assert feed.findtext("a:updated", namespaces=ns) == "2025-12-15T00:00:00Z"


def test_without_any_report_the_pages_say_so(tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "project")
    (project / "content" / "tien-do" / "cap-nhat" / "mau.yml").write_text("[]\n", "utf-8")
    site, errors = load(project, AS_OF)
    assert errors == [] and site.progress.data_date is None
    files = progress.render(site)
    assert "số liệu: chưa có báo cáo tiến độ nào." in str(files["tien-do/index.md"])
    assert 'class="data-stale"' not in str(files["tien-do/index.md"])
    rows = json.loads(str(files["du-lieu-mo/nhiem-vu.json"]))
    assert {r["ngay_bao_cao_moi_nhat"] for r in rows} == {""}


@pytest.mark.parametrize(
    ("day", "banner"),
    [(date(2026, 1, 14), False), (date(2026, 1, 15), True), (date(2026, 6, 1), True)],
)
def test_a_banner_when_the_newest_report_is_older_than_the_threshold(
    day: date, banner: bool
) -> None:
    _, files = _files(day)
    shown = '<p class="data-stale" role="note"><strong>'
    # until then it is in the page, hidden, for the date script to show after 14/01/2026
    hidden = '<p class="data-stale" role="note" hidden data-fresh="2026-01-14"><strong>'
    for path in ("tien-do/index.md", "tien-do/nhiem-vu/m-01/index.md", "index.md"):
        assert (shown in files[path]) is banner, (path, day)
        assert (hidden in files[path]) is not banner, (path, day)
    if banner:
        assert (
            "báo cáo tiến độ mới nhất là ngày 15/12/2025, đã quá 30 ngày"
            in files["tien-do/index.md"]
        )


def test_adding_a_report_changes_only_the_report_file(tmp_path: Path) -> None:
    """No other date to move: the data date follows the newest report by itself."""
    project = copy_sample(tmp_path / "project")
    reports = project / "content" / "tien-do" / "cap-nhat" / "mau.yml"
    reports.write_text(
        reports.read_text("utf-8")
        + "- nhiem_vu: M-06\n  ngay: 2025-12-18\n  don_vi_bao_cao: don-vi-a\n"
        + "  trang_thai: đang thực hiện\n  tom_tat: Bắt đầu.\n",
        encoding="utf-8",
    )
    site, errors = load(project, AS_OF)
    assert errors == [] and site.progress.data_date == date(2025, 12, 18)


def test_numbers_carry_how_they_change_as_days_pass() -> None:
    """Every task counts, even those a long list does not show (city scale)."""
    site, _ = load(SAMPLE, AS_OF)
    tasks = site.progress.tasks
    assert dates.overdue_moves(tasks) == (
        ' data-move="2025-12-31:+1,2026-01-05:+1,2026-03-31:+1,2030-12-31:+1"'
    )
    assert dates.label_moves(tasks, "chưa đến hạn — chưa có báo cáo") == (
        ' data-move="2026-03-31:-1,2030-12-31:-1"'
    )
    assert dates.label_moves(tasks, "thường xuyên — quá kỳ chưa có báo cáo") == (
        ' data-move="2026-01-09:+1"'
    )
    assert dates.label_moves(tasks, "hoàn thành đúng hạn") == ""
    assert dates.stale_moves(tasks) == (' data-move="2025-12-31:+2,2026-01-09:+1,2026-01-14:+1"')


# What the date script shows a reader on a later day must be what a build on that day would
# say: every status that changes by itself changes on the day the marks give, no other.
LATER = (
    date(2025, 12, 21),
    date(2026, 1, 9),
    date(2026, 1, 20),
    date(2026, 4, 1),
    date(2031, 1, 1),
)


@pytest.mark.parametrize("later", LATER)
def test_the_marks_predict_a_later_build(later: date) -> None:
    site, _ = load(SAMPLE, AS_OF)
    rebuilt, _ = load(SAMPLE, later)
    for task, fresh in zip(site.progress.tasks, rebuilt.progress.tasks, strict=True):
        assert _predicted(task, later) == (fresh.status_label, fresh.state.stale), task.id


def _predicted(task: Task, later: date) -> tuple[str, bool]:
    """The label and flag the date script shows on `later` for a badge built earlier."""
    state, late = task.state, dates.late_state(task)
    label = task.status_label
    if late is not None and state.holds_until is not None and state.holds_until < later:
        label = late.label
    return label, state.stale or (state.fresh_until is not None and state.fresh_until < later)


def test_a_badge_carries_its_marks_and_its_flag() -> None:
    site, _ = load(SAMPLE, AS_OF)
    badges = {t.id: str(dates.badge(t)) for t in site.progress.tasks}
    assert any("data-fresh=" in b for b in badges.values())
    for task in site.progress.tasks:
        text = badges[task.id]
        assert text.startswith(f'<span class="status status-{task.state.css}"')
        assert f">{task.status_label}</span>" in text
        assert ("status-stale" in text) is task.state.stale
        assert ("data-fresh=" in text) is (task.state.fresh_until is not None)
        assert not (task.state.stale and task.state.fresh_until), task.id


def _real(day: date, monkeypatch: pytest.MonkeyPatch) -> Site:
    from build_tools import pipeline
    from build_tools.paths import Paths

    monkeypatch.setenv("AS_OF", day.isoformat())
    return pipeline.check(Paths())


def test_on_the_real_content_the_marks_predict_a_later_build(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The suite's status date (24/10/2025) against the days issue 15 was read on and later:
    what the date script makes of the build's marks is what a build on that day says."""
    built = _real(date(2025, 10, 24), monkeypatch).progress.tasks
    for later in (date(2025, 11, 8), date(2026, 12, 7), date(2028, 1, 1)):
        rebuilt = _real(later, monkeypatch).progress.tasks
        for task, fresh in zip(built, rebuilt, strict=True):
            assert _predicted(task, later) == (fresh.status_label, fresh.state.stale), task.id
    periodic = [t for t in built if t.deadline.text == "định kỳ"]
    assert len(periodic) == 5  # CT01-4, CT01-5B, CT01-6A, CTHD-TH-6, CV39-6: no period stated
    assert all(t.status_label.startswith("định kỳ — ") for t in periodic)
