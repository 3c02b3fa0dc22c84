"""Issue 5 in a real browser: progress pages pass axe (WCAG 2 A/AA), charts are announced."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import CHROMIUM, CHROMIUM_ARGS

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

    axe = (Path(__file__).resolve().parent.parent / "node_modules/axe-core/axe.min.js").read_text(
        encoding="utf-8"
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        found = {}
        for url in PAGES:
            page.goto(served + url)
            page.add_script_tag(content=axe)
            found[url] = page.evaluate(
                """async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']}))
                    .violations.map(v => v.id + ': ' + v.nodes[0].target.join(' '))"""
            )
        page.goto(served + "chi-tieu/cqd-05/")
        chart = page.get_by_role("img", name="Biểu đồ: Kết nạp đảng viên trong nhiệm kỳ")
        assert chart.is_visible()
        browser.close()
    assert found == {url: [] for url in PAGES}
