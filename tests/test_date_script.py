"""Issue 15: "still true when nobody rebuilds" — the inline date script.

The real site is built with AS_OF=2025-10-24 (tests/conftest.py). In Chromium with a mocked
clock, a reader on a later day sees each deadline passed since then as overdue, the
dashboard's numbers follow, and a banner says how many fell due; on the build day itself
nothing changes, and without JavaScript the status date is printed all the same.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from build_tools.progress.deadlines import parse_deadline
from build_tools.progress.model import Status, TaskStatus
from tests.helpers import CHROMIUM, CHROMIUM_ARGS, ROOT, TEST_AS_OF, parse

PARTIAL = ROOT / "overrides" / "partials" / "date-script.html"
# Every kind of page that shows a task's status: home (numbers only), dashboard, task, unit,
# document, topic and register pages.
PAGES = [
    "",
    "tien-do/",
    "tien-do/nhiem-vu/kh-1/",
    "tien-do/don-vi/van-phong-thanh-uy/",
    "van-ban/ke-hoach-hoc-tap-quan-triet/",
    "chu-de/hoc-tap-quan-triet/",
    "tien-do/doi-chieu/ke-hoach-hoc-tap-quan-triet/",
]
# The deadlines that pass between the suite's status date and 2 December 2026 (issue 15).
# Sub-tasks take their parent's deadline (issue 16); KH-1's is "dự kiến" (tentative).
FELL_DUE = [
    *["CT01-2", "KH-1", "KH-1.a", "KH-1.b", "KH-1.c", "KH-1.d", "KH-2", "KH-3A", "KH-3B"],
    *["KH-3C", "KH-3C.a", "KH-4A", "KH-4B", "KH-8"],
]
TENTATIVE = " (theo hạn dự kiến)"


def _script() -> str:
    text = PARTIAL.read_text(encoding="utf-8")
    found = re.search(r"<script[^>]*>(.*)</script>", text, flags=re.S)
    assert found is not None
    return found.group(1)


def test_the_script_is_small_and_asks_for_nothing() -> None:
    script = _script()
    assert len(script.encode("utf-8")) < 2048
    for word in ("fetch", "XMLHttpRequest", "import", "src", "http", "innerHTML", "eval"):
        assert word not in script


def test_the_script_writes_the_labels_the_build_writes() -> None:
    script = _script()
    tentative = parse_deadline("dự kiến tháng 11/2025")
    for reported in (True, False):
        late = TaskStatus(Status.OVERDUE, reported, False, None, None, None)
        assert late.label in script
        assert f"status status-{late.css}".startswith("status status-overdue")
        tentative_late = TaskStatus(
            Status.OVERDUE, reported, False, None, None, None, tentative=tentative.tentative
        )
        assert tentative_late.label.endswith(" (theo hạn dự kiến)")
    assert '" (theo hạn dự kiến)"' in script


def _inline_scripts(soup: BeautifulSoup) -> list[str]:
    """Executable inline scripts (JSON data blocks are not scripts)."""
    return [
        s.get_text()
        for s in soup.find_all("script")
        if not s.get("src") and s.get("type") in (None, "text/javascript", "module")
    ]


@pytest.mark.parametrize("url", PAGES)
def test_pages_print_the_date_and_carry_the_script_once(built_site: Path, url: str) -> None:
    soup = parse(built_site / url / "index.html")
    mark = soup.select_one("[data-as-of]")
    assert mark is not None and mark["data-as-of"] == TEST_AS_OF
    assert "tính đến ngày 24/10/2025 (ngày trang được cập nhật)" in mark.get_text()
    assert mark.get_text().startswith("Tình trạng")
    assert "chưa có báo cáo tiến độ nào" in mark.get_text()
    ours = [s for s in _inline_scripts(soup) if "data-as-of" in s]
    assert ours == [_script()]
    # The project's only inline script: any other comes from Material's own templates
    # (partials/javascripts/base.html and content.html: `__md_scope`, `__tabbed_`).
    others = [s for s in _inline_scripts(soup) if "data-as-of" not in s]
    assert all("__md_" in s or "__tabbed_" in s for s in others), others
    # Any Content-Security-Policy the site sets must let this script run.
    digest = base64.b64encode(hashlib.sha256(_script().encode("utf-8")).digest()).decode()
    for meta in soup.select('meta[http-equiv="Content-Security-Policy"]'):
        policy = str(meta.get("content", ""))
        assert f"'sha256-{digest}'" in policy or "'unsafe-inline'" in policy, policy


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _open(browser: Any, url: str, day: date | None, javascript: bool = True) -> Any:
    """A phone-sized page at `url` whose clock reads 9:00 on `day` in Vietnam."""
    context = browser.new_context(
        viewport={"width": 412, "height": 915},
        is_mobile=True,
        has_touch=True,
        java_script_enabled=javascript,
        timezone_id="Asia/Ho_Chi_Minh",
        locale="vi-VN",
    )
    page = context.new_page()
    if day is not None:
        page.clock.set_fixed_time(datetime.fromisoformat(f"{day.isoformat()}T09:00:00+07:00"))
    page.goto(url)
    return page


def _overdue_tasks(page: Any) -> list[str]:
    marks = page.locator(".status-overdue[data-task]").evaluate_all(
        "els => els.map(e => e.getAttribute('data-task'))"
    )
    return sorted(set(marks))


@pytest.mark.browser
def test_a_later_reader_sees_the_deadlines_passed_since(browser: Any, served: str) -> None:
    page = _open(browser, served + "tien-do/", date(2026, 12, 2))
    banner = page.locator(".as-of-later")
    assert banner.inner_text() == (
        "Trang được cập nhật ngày 24/10/2025; từ đó đến nay 14 nhiệm vụ đã đến hạn (đã được "
        "đánh dấu quá hạn trên trang này)."
    )
    assert banner.get_attribute("role") == "status"
    # the badges the page shows: its full list holds every task at this size (148 rows)
    assert _overdue_tasks(page) == sorted(FELL_DUE)
    # the in-place filter reads the badges as the script left them (issue 19)
    page.locator("details.task-list:has(form.task-filter) > summary").click()
    page.locator('form[data-main] select[data-facet="status"]').select_option(
        "đã quá hạn — chưa có báo cáo"
    )
    shown = page.locator("details:has(form[data-main]) .task-table tbody tr:not([hidden])")
    assert shown.count() == 9
    assert page.locator('[data-count="overdue"]').text_content() == "14"
    assert page.locator('[data-count="đã quá hạn — chưa có báo cáo"]').text_content() == "9"
    tentative = page.locator(f'[data-count="đã quá hạn — chưa có báo cáo{TENTATIVE}"]')
    assert tentative.text_content() == "5"  # KH-1 and its four sub-tasks
    badge = page.locator('.status[data-task="KH-1"]').first
    assert badge.text_content() == "đã quá hạn — chưa có báo cáo" + TENTATIVE  # in a closed list
    # ongoing work with no report since its documents (October 2025): past its period now,
    # said as such, and not counted as a deadline
    ongoing = page.locator('.status[data-task="CT01-1"]').first
    assert ongoing.text_content() == "thường xuyên — quá kỳ chưa có báo cáo"
    assert "status-ongoing-due" in str(ongoing.get_attribute("class"))
    # periodic work ("định kỳ") says so; CTHD-TH-6 comes from an undated document: no day to
    # count its period from
    assert page.locator('[data-count="định kỳ — chưa có báo cáo"]').text_content() == "1"
    assert page.locator('[data-count="thường xuyên — chưa có báo cáo"]').text_content() == "0"
    past_period = page.locator('[data-count="thường xuyên — quá kỳ chưa có báo cáo"]')
    assert past_period.text_content() == "2"
    periodic = page.locator('[data-count="định kỳ — quá kỳ chưa có báo cáo"]')
    assert periodic.text_content() == "4"
    assert page.locator('.status[data-task="CT01-4"]').first.text_content() == (
        "định kỳ — quá kỳ chưa có báo cáo"
    )
    # nothing reported for over 60 days since the documents: 17 tasks turn "lâu chưa cập nhật"
    assert page.locator('[data-count="stale"]').text_content() == "17"
    flag = page.locator('.status[data-task="CT01-1"] + .status-stale').first
    assert flag.text_content() == "lâu chưa cập nhật"
    # the "Theo đơn vị" table: KH-4A and KH-4B are led by the party committees of the wards
    unit = "dang-uy-xa-phuong-va-dang-uy-truc-thuoc-thanh-uy"
    row = page.locator(f'tr:has(a[href*="don-vi/{unit}/"]) [data-count="overdue-unit"]')
    assert row.text_content() == "2"
    page.context.close()
    page = _open(browser, served + f"tien-do/don-vi/{unit}/", date(2026, 12, 2))
    assert page.locator('[data-count="overdue-unit"]').text_content() == "2"
    assert "từ đó đến nay 2 nhiệm vụ đã đến hạn" in page.locator(".as-of-later").inner_text()
    page.context.close()


@pytest.mark.browser
def test_on_a_task_page_only_its_own_deadline_counts(browser: Any, served: str) -> None:
    page = _open(browser, served + "tien-do/nhiem-vu/kh-1/", date(2026, 12, 2))
    assert (
        page.locator(".as-of-later")
        .inner_text()
        .startswith("Trang được cập nhật ngày 24/10/2025; từ đó đến nay 5 nhiệm vụ đã đến hạn")
    )  # KH-1 and the four sub-tasks its page lists
    badges = page.locator("article .status[data-task]")
    assert badges.count() >= 1
    assert set(badges.all_inner_texts()) == {"đã quá hạn — chưa có báo cáo" + TENTATIVE}
    page.context.close()


def _expected(built_site: Path, url: str, day: date) -> tuple[list[str], int]:
    """From the built page's marks: the tasks a reader on `day` sees overdue (ongoing work
    turns "quá kỳ" instead), and how many "lâu chưa cập nhật" flags the page then shows."""
    soup = parse(built_site / url / "index.html")
    iso = day.isoformat()
    marks = soup.select("[data-due]")
    overdue = {str(e["data-task"]) for e in marks if str(e["data-due"]) < iso}
    ongoing = {str(e["data-task"]) for e in marks if e.get("data-late")}
    turned = [e for e in soup.select(".status[data-fresh]") if str(e["data-fresh"]) < iso]
    return sorted(overdue - ongoing), len(soup.select(".status-stale")) + len(turned)


# The document, topic and register pages of the study plan show KH-1…KH-8 and their
# sub-tasks: every one due by the end of 2025; the topic page adds CT01-2 (quý IV/2025).
KH_DUE = [t for t in FELL_DUE if t.startswith("KH")]
# The study plan bears no date, so its tasks have no day to count staleness from; the
# Chỉ thị's (07/10/2025) turn "lâu chưa cập nhật" after 60 days without a report.
PAGE_KINDS = [
    ("van-ban/ke-hoach-hoc-tap-quan-triet/", KH_DUE, False),
    ("tien-do/doi-chieu/ke-hoach-hoc-tap-quan-triet/", KH_DUE, False),
    ("van-ban/chi-thi-01-ct-tu/", ["CT01-2"], True),
    ("tien-do/doi-chieu/chi-thi-01-ct-tu/", ["CT01-2"], True),
    ("chu-de/hoc-tap-quan-triet/", FELL_DUE, True),
    ("tien-do/nhiem-vu/ct01-2/", ["CT01-2"], True),
    ("tien-do/don-vi/van-phong-thanh-uy/", ["KH-2"], True),
]


@pytest.mark.browser
@pytest.mark.parametrize(("url", "due", "stale"), PAGE_KINDS)
def test_every_page_that_shows_a_status_follows_the_readers_day(
    browser: Any, served: str, built_site: Path, url: str, due: list[str], stale: bool
) -> None:
    day = date(2026, 12, 2)
    overdue, flags = _expected(built_site, url, day)
    assert overdue == sorted(due)
    page = _open(browser, served + url, day)
    assert _overdue_tasks(page) == sorted(due)
    banner = page.locator(".as-of-later").inner_text()
    assert f"từ đó đến nay {len(due)} nhiệm vụ đã đến hạn" in banner
    assert (flags > 0) is stale
    assert page.locator(".status-stale").count() == flags
    page.context.close()


@pytest.mark.browser
def test_the_home_page_numbers_follow_the_readers_day(browser: Any, served: str) -> None:
    page = _open(browser, served, date(2026, 12, 2))
    assert page.locator('[data-count="overdue"]').text_content() == "14"
    assert page.locator('[data-count="stale"]').text_content() == "17"
    assert "từ đó đến nay 14 nhiệm vụ đã đến hạn" in page.locator(".as-of-later").inner_text()
    # the chart is drawn at build time and says so
    caption = page.locator(".status-chart figcaption").inner_text()
    assert caption == "Số nhiệm vụ theo trạng thái, vẽ theo tình trạng ngày 24/10/2025."
    page.context.close()
    page = _open(browser, served, date(2025, 12, 6))  # the last day before any turns stale
    assert page.locator('[data-count="stale"]').text_content() == "0"
    page.context.close()


# A page with a report: the site-wide note waits, hidden, for the day the newest report
# passes the threshold (dates.stale_banner), as a build on that day would show it.
STALE_PAGE = """<!doctype html><html><body>
<p class="as-of" data-as-of="2026-01-10">Tình trạng tính đến ngày 10/01/2026</p>
<p class="data-stale" role="note" hidden data-fresh="2026-02-13">Lâu chưa cập nhật</p>
<span class="status status-ongoing" data-fresh="2026-02-01">thường xuyên</span>
{script}</body></html>"""


@pytest.mark.browser
@pytest.mark.parametrize(
    ("day", "note", "flags"),
    [(date(2026, 2, 1), False, 0), (date(2026, 2, 2), False, 1), (date(2026, 2, 14), True, 1)],
)
def test_the_staleness_note_and_flags_appear_on_their_day(
    browser: Any, day: date, note: bool, flags: int
) -> None:
    page = _open(browser, "about:blank", day)
    page.set_content(STALE_PAGE.format(script=f"<script>{_script()}</script>"))
    assert page.locator(".data-stale").is_visible() is note
    assert page.locator(".status-stale").count() == flags
    if flags:
        assert page.locator(".status-ongoing + .status-stale").inner_text() == "lâu chưa cập nhật"
    page.context.close()


@pytest.mark.browser
def test_on_the_build_day_nothing_changes(browser: Any, served: str) -> None:
    page = _open(browser, served + "tien-do/", date.fromisoformat(TEST_AS_OF))
    assert page.locator(".as-of-later").count() == 0
    assert _overdue_tasks(page) == []
    assert page.locator('[data-count="overdue"]').text_content() == "0"
    assert page.locator('[data-count="stale"]').text_content() == "0"
    assert page.locator(".status-stale").count() == 0
    page.context.close()


@pytest.mark.browser
def test_the_day_a_deadline_passes(browser: Any, served: str) -> None:
    """KH-1 and KH-2 are due "tuần đầu của tháng 11/2025" (read as up to 07/11/2025)."""
    page = _open(browser, served + "tien-do/", date(2025, 11, 7))
    assert _overdue_tasks(page) == []
    assert "từ đó đến nay 0 nhiệm vụ đã đến hạn." in page.locator(".as-of-later").inner_text()
    page.context.close()
    page = _open(browser, served + "tien-do/", date(2025, 11, 8))
    assert _overdue_tasks(page) == ["KH-1", "KH-1.a", "KH-1.b", "KH-1.c", "KH-1.d", "KH-2"]
    assert "từ đó đến nay 6 nhiệm vụ đã đến hạn" in page.locator(".as-of-later").inner_text()
    assert page.locator('[data-count="chưa đến hạn — chưa có báo cáo"]').text_content() == "106"
    page.context.close()


@pytest.mark.browser
def test_without_javascript_the_date_is_still_printed(browser: Any, served: str) -> None:
    page = _open(browser, served + "tien-do/", None, javascript=False)
    assert "Tình trạng tính đến ngày 24/10/2025" in page.locator(".as-of").inner_text()
    assert page.locator(".as-of-later").count() == 0
    page.context.close()
