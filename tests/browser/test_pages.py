"""Issue 8.1: every page type renders at phone and desktop size, its menu and tabs work,
the console stays clean and nothing is fetched from another host."""

from __future__ import annotations

import pytest

from tests.browser.conftest import OpenPage
from tests.browser.support import OpenedPage, screenshot
from tests.pages import PAGE_TYPES, SCREENS

pytestmark = pytest.mark.browser

TYPES = [t.name for t in PAGE_TYPES]
TAB_LABELS = ["Trang chủ", "Văn bản", "Chủ đề", 'Tiến độ "5 rõ"', "Chỉ tiêu", "Dữ liệu mở"]


def _clean(opened: OpenedPage) -> None:
    assert opened.errors == [], opened.url
    assert opened.foreign == [], opened.url


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("type_name", TYPES)
def test_page_renders_cleanly(open_page: OpenPage, type_name: str, screen: str) -> None:
    opened = open_page(type_name, screen)
    page = opened.page
    heading = page.locator("article h1").first
    assert heading.is_visible(), opened.url
    assert heading.inner_text().strip()
    width = SCREENS[screen][0]
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= width, f"{opened.url}: page is {overflow}px wide on a {width}px screen"
    screenshot(opened, f"{type_name}-{screen}")
    _clean(opened)


@pytest.mark.parametrize("type_name", TYPES)
def test_mobile_drawer_opens_and_navigates(open_page: OpenPage, type_name: str) -> None:
    opened = open_page(type_name, "mobile")
    page = opened.page
    assert not page.locator(".md-tabs").is_visible()
    page.locator('label.md-header__button[for="__drawer"]').click()
    assert page.locator("#__drawer").is_checked()
    # On a guide page the drawer opens at the guide's own level: go to one of its pages.
    label, url = (
        ("Thêm một văn bản", "**/huong-dan/them-van-ban/")
        if type_name == "guide"
        else ("Hướng dẫn", "**/huong-dan/")
    )
    guide = page.locator(".md-nav--primary .md-nav__link", has_text=label).first
    guide.wait_for(state="visible")
    # the drawer slides in: wait until the link is on screen
    page.wait_for_function(
        "el => el.getBoundingClientRect().left >= 0", arg=guide.element_handle(), timeout=3000
    )
    guide.click()
    page.wait_for_url(url)
    assert page.locator("article h1").first.is_visible()
    _clean(opened)


@pytest.mark.parametrize("type_name", TYPES)
def test_desktop_tabs_navigate(open_page: OpenPage, type_name: str) -> None:
    opened = open_page(type_name, "desktop")
    page = opened.page
    labels = [t.strip() for t in page.locator(".md-tabs__link").all_inner_texts()]
    assert labels[: len(TAB_LABELS)] == TAB_LABELS
    page.locator(".md-tabs__link", has_text="Dữ liệu mở").click()
    page.wait_for_url("**/du-lieu-mo/")
    active = page.locator(".md-tabs__item--active .md-tabs__link").inner_text()
    assert active.strip() == "Dữ liệu mở"
    _clean(opened)


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("type_name", TYPES)
def test_content_tabs_switch(open_page: OpenPage, type_name: str, screen: str) -> None:
    """Tabs inside a page (pymdownx.tabbed or ARIA tabs) show their own panel when chosen."""
    opened = open_page(type_name, screen)
    page = opened.page
    for tab_set in page.locator(".tabbed-set").all():
        labels = tab_set.locator(":scope > .tabbed-labels > label").all()
        blocks = tab_set.locator(":scope > .tabbed-content > .tabbed-block").all()
        for index in reversed(range(len(labels))):
            labels[index].click()
            assert blocks[index].is_visible(), f"{opened.url}: tab {index + 1}"
    for tab in page.locator('[role="tab"]').all():
        if not tab.is_visible():
            continue
        tab.click()
        assert tab.get_attribute("aria-selected") == "true"
        panel = tab.get_attribute("aria-controls")
        if panel:
            assert page.locator(f"#{panel}").is_visible(), f"{opened.url}: #{panel}"
    _clean(opened)
