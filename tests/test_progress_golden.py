"""Issue 5: golden pages for the illustrative sample (every status), refreshed by
`make golden` (pytest --update-golden); review the diff like code."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from build_tools import progress
from tests.progress_helpers import GOLDEN, SAMPLE, load

SKIPPED = ("du-lieu-mo/schemas/",)


def _rendered() -> dict[str, str]:
    site, errors = load(SAMPLE)
    assert errors == []
    files = progress.render(site)
    return {
        path: content if isinstance(content, str) else content.decode("utf-8")
        for path, content in files.items()
        if not path.startswith(SKIPPED)
    }


def test_sample_pages_match_golden_files(update_golden: bool) -> None:
    rendered = _rendered()
    if update_golden:
        for old in GOLDEN.rglob("*"):
            if old.is_file():
                old.unlink()
        for path, text in rendered.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_bytes(text.encode("utf-8"))
    expected = {
        p.relative_to(GOLDEN).as_posix(): p.read_bytes().decode("utf-8")
        for p in GOLDEN.rglob("*")
        if p.is_file()
    }
    assert sorted(rendered) == sorted(expected)
    for path, text in rendered.items():
        assert text == expected[path], f"{path} differs; run `make golden` and review the diff"


def test_sample_exercises_every_status() -> None:
    site, _ = load(SAMPLE)
    labels = {t.status_label for t in site.progress.tasks}
    assert labels == {
        "hoàn thành đúng hạn",
        "hoàn thành quá hạn",
        "đang thực hiện (trong hạn)",
        "quá hạn chưa hoàn thành",
        "đã quá hạn — chưa có báo cáo",
        "chưa đến hạn — chưa có báo cáo",
        "thường xuyên — có báo cáo trong kỳ",
        "không nêu hạn — chưa có báo cáo",
    }
    assert {t.id for t in site.progress.tasks if t.state.stale} == {"M-04", "M-05", "M-08", "M-09"}


def test_dashboard_counts_lists_and_roll_ups() -> None:
    page = _rendered()["tien-do/index.md"]
    assert "- Đã hoàn thành: **2/10** nhiệm vụ." in page
    assert "**10** nhiệm vụ; **6** có báo cáo tiến độ; **4** chưa có báo cáo." in page
    overdue = page.split("## Đã quá hạn")[1].split("##")[0]
    assert "[M-04]" in overdue and "[M-05]" in overdue and "[M-01]" not in overdue
    soon = page.split("## Đến hạn trong 30 ngày tới")[1].split("##")[0]
    assert "[M-10]" in soon and "[M-06]" not in soon
    assert "| [Chuyển đổi số](../chu-de/chuyen-doi-so/index.md) | 2 | 0 |" in page
    assert "| [Đơn vị A](../tien-do/don-vi/don-vi-a/index.md) | 8 | 1 | 2 | 1 | <span " in page
    assert 'data-count="overdue-unit"' in page


def test_task_page_shows_five_clear_card_timeline_and_exact_clause() -> None:
    page = _rendered()["tien-do/nhiem-vu/m-02/index.md"]
    for label in ("Rõ người", "Rõ việc", "Rõ trách nhiệm", "Rõ tiến độ", "Rõ kết quả"):
        assert f"\n<dt>{label}</dt>\n<dd>" in page
    assert '<a href="../../../van-ban/vb-mau/#1">Văn bản mẫu, mục 1</a>' in page
    assert page.index("25/11/2025") < page.index("10/11/2025")  # newest first
    assert 'Minh chứng: <a href="https://example.org/bao-cao-mau">Báo cáo mẫu</a>' in page


def test_open_data_holds_exactly_what_pages_show() -> None:
    files = _rendered()
    assert files["du-lieu-mo/nhiem-vu.csv"].startswith("\ufeffid,")
    rows = list(csv.DictReader(io.StringIO(files["du-lieu-mo/nhiem-vu.csv"].lstrip("\ufeff"))))
    site, _ = load(SAMPLE)
    assert [(r["id"], r["trang_thai"]) for r in rows] == [
        (t.id, t.status_label) for t in site.progress.tasks
    ]
    data = json.loads(files["du-lieu-mo/nhiem-vu.json"])
    assert [d["trang_thai"] for d in data] == [r["trang_thai"] for r in rows]
    updates = list(csv.DictReader(io.StringIO(files["du-lieu-mo/cap-nhat.csv"].lstrip("\ufeff"))))
    assert len(updates) == 7 and updates[0]["ngay"] == "2025-11-05"


def test_atom_feed_is_valid_and_newest_first() -> None:
    feed = ET.fromstring(_rendered()["du-lieu-mo/cap-nhat.xml"])
    ns = {"a": "http://www.w3.org/2005/Atom"}
    updated = [e.findtext("a:updated", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert updated == sorted(updated, reverse=True) and len(updated) == 8
    terms = [c.get("term") for c in feed.iterfind("a:entry/a:category", ns)]
    assert terms.count("bao-cao") == 7 and terms.count("van-ban") == 1  # reports, a document
    assert feed.findtext("a:updated", namespaces=ns) == "2025-12-15T00:00:00Z"


def test_indicator_chart_is_accessible() -> None:
    page = _rendered()["chi-tieu/mau-01/index.md"]
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    assert "87,5%" in svg and "91,5%" in svg
    assert "| đơn vị mẫu đạt yêu cầu | 2024: 88% | ít nhất 90% (hằng năm) | 2025: 91,5% |" in page
    assert (
        "| vi phạm | văn bản không nêu | không quá 2% (hằng năm) | chưa có số liệu (tính đến "
        "20/12/2025) |"
    ) in page


@pytest.mark.parametrize(
    ("anchor", "expected"), [("1", ["M-01", "M-02"]), ("1-p1", ["M-03"]), ("9", [])]
)
def test_tasks_for_anchor(anchor: str, expected: list[str]) -> None:
    site, _ = load(SAMPLE)
    assert [t.id for t in site.progress.tasks_for_anchor("vb-mau", anchor)] == expected


def test_tasks_for_topic_and_contract_fields() -> None:
    site, _ = load(SAMPLE)
    tasks = site.progress.tasks_for_topic("chuyen-doi-so")
    assert [t.id for t in tasks] == ["M-03", "M-04"]
    task = tasks[0]
    assert (task.lead, task.source_document, task.source_anchor, task.url) == (
        "don-vi-a",
        "vb-mau",
        "1-p1",
        "tien-do/nhiem-vu/m-03/",
    )
    assert task.topics == ("chuyen-doi-so",)


def test_golden_folder_is_committed() -> None:
    assert Path(GOLDEN / "tien-do" / "index.md").is_file()


def test_long_task_lists_show_the_first_rows_and_say_where_the_rest_are(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """City scale: 10,000 tasks must not make the dashboard a 6 MB page: the full list
    is left to the status pages, the other lists show their first rows."""
    site, errors = load(SAMPLE)
    assert errors == []
    monkeypatch.setattr(progress.pages, "LIST_LIMIT", 2)
    dashboard = str(progress.render(site)["tien-do/index.md"])
    everything = dashboard.split("## Tất cả nhiệm vụ", 1)[1]
    total = len(site.progress.tasks)
    assert total > 2 * progress.pages.ALL_LISTS  # longer than the whole list may be
    assert everything.count("| [M-") == 0  # every task is on its status and unit pages
    assert f"**{total}** nhiệm vụ, quá nhiều cho một trang: mỗi nhiệm vụ có ở [trang của" in (
        everything
    )
    assert "](../tien-do/index.md#trang-thai) (2 nhiệm vụ một trang)" in everything
    assert "ở trang của đơn vị được giao" in everything
    before = dashboard.split("## Tất cả nhiệm vụ", 1)[0]
    assert "Đang hiện 2 trong " in before  # a list above shows its first rows
    assert "<form" not in dashboard and "task_filter" not in dashboard  # status pages have it
    assert "[Dữ liệu mở](../du-lieu-mo/index.md)" in everything
