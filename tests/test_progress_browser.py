"""Issue 5 in a real browser: progress pages pass axe (WCAG 2 A/AA), charts are announced."""

from __future__ import annotations

import pytest

from tests.helpers import CHROMIUM, CHROMIUM_ARGS, axe_violations

PAGES = [
    "tien-do/",
    "tien-do/nhiem-vu/kh-4b/",
    "tien-do/don-vi/ban-tuyen-giao-va-dan-van-thanh-uy/",
    "chi-tieu/",
    "chi-tieu/cqd-03/",
    "du-lieu-mo/",
]


@pytest.mark.browser
def test_progress_pages_pass_axe_and_chart_has_a_name(served: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        found = axe_violations(page, served, PAGES)
        page.goto(served + "chi-tieu/cqd-05/")
        chart = page.get_by_role("img", name="Biểu đồ: Kết nạp đảng viên trong nhiệm kỳ")
        assert chart.is_visible()
        browser.close()
    assert found == {url: [] for url in PAGES}
