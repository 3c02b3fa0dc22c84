"""Issue 4 in a real browser: from the topic index to the exact section, on a phone."""

from __future__ import annotations

import pytest

from tests.helpers import CHROMIUM, CHROMIUM_ARGS, axe_violations

PHONE = {"width": 360, "height": 740}


@pytest.mark.browser
def test_phone_goes_from_topic_card_to_the_exact_section(served: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=PHONE)
        page.goto(served + "chu-de/")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
        page.get_by_role(
            "link", name="Khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số"
        ).click()
        page.wait_for_url("**/chu-de/khoa-hoc-cong-nghe/")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
        page.locator('article a[href$="#ii-3-4"]').click()
        page.wait_for_url("**/van-ban/chuong-trinh-hanh-dong-du-thao/#ii-3-4")
        heading = page.locator('[id="ii-3-4"]')
        assert "Tăng cường nghiên cứu" in heading.inner_text()
        box = heading.bounding_box()
        assert box is not None and 0 <= box["y"] < PHONE["height"]
        browser.close()


@pytest.mark.browser
def test_topic_pages_pass_axe(served: str) -> None:
    from playwright.sync_api import sync_playwright

    pages = ["chu-de/", "chu-de/khoa-hoc-cong-nghe/", "chu-de/xay-dung-dang/"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        found = axe_violations(page, served, pages)
        browser.close()
    assert found == {url: [] for url in pages}
