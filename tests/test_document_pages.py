"""Issue 3: what document pages show around the text (chips, tasks) and how they print."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from build_tools import pipeline
from build_tools.documents import pages as docpages
from build_tools.paths import Paths
from build_tools.progress.model import Status, TaskStatus
from tests.helpers import CHROMIUM, CHROMIUM_ARGS, axe_violations

REPORT = "bao-cao-chinh-tri-dang-bo-cac-co-quan-dang"
IN_PROGRESS = TaskStatus(Status.IN_PROGRESS, True, False, None, None, None)


@dataclass(frozen=True)
class FakeTopic:
    slug: str
    name: str


@dataclass(frozen=True)
class FakeTask:
    id: str
    title: str
    state: TaskStatus
    url: str

    @property
    def status_label(self) -> str:
        return self.state.label


def test_sections_show_topic_chips_and_the_tasks_they_gave_rise_to() -> None:
    site = pipeline.check(Paths())
    doc = site.corpus.get("chuong-trinh-hanh-dong-du-thao")
    assert doc is not None
    extras = docpages.Extras(
        topics=(FakeTopic("chuyen-doi-so", "Chuyển đổi số"),),
        tasks=(FakeTask("KH-01", "Lập đề án", IN_PROGRESS, "tien-do/nhiem-vu/kh-01/"),),
    )
    body = docpages.body(doc, (("ii-3-4", extras),))
    heading = body.index("{#ii-3-4}")
    extras = body[heading : body.index("{#ii-3-5}")]
    assert "[Chuyển đổi số](../../chu-de/chuyen-doi-so/index.md){: .topic-chip }" in extras
    badge = '<span class="status status-in-progress">đang thực hiện (trong hạn)</span>'
    assert f"- [Lập đề án](../../tien-do/nhiem-vu/kh-01/index.md) — {badge}" in extras
    assert body.count("{: .topic-chip }") == 1


@pytest.mark.browser
def test_phone_sees_no_sideways_page_and_reaches_a_paragraph_link(served: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.goto(served + f"van-ban/{REPORT}/#phan-i-i-2-4-p2")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 360
        target = page.locator('[id="phan-i-i-2-4-p2"]')
        assert "99 đảng viên mới" in target.inner_text()
        assert target.is_visible() and target.bounding_box()["y"] < 740  # type: ignore[index]
        browser.close()


@pytest.mark.browser
def test_print_gives_a_clean_handout(served: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(served + "van-ban/cong-van-39-cv-tu/#3")
        page.emulate_media(media="print")
        hidden = page.evaluate(
            """() => ['.md-header', '.md-sidebar--secondary', '.md-footer', 'p > .headerlink']
                .map(s => getComputedStyle(document.querySelector(s)).display)"""
        )
        assert hidden == ["none"] * 4
        assert page.locator(".doc-card").is_visible()
        assert page.locator("#noi-nhan").is_visible()
        browser.close()


@pytest.mark.browser
def test_document_pages_pass_axe(served: str) -> None:
    from playwright.sync_api import sync_playwright

    pages = ["van-ban/", f"van-ban/{REPORT}/", "van-ban/ke-hoach-hoc-tap-quan-triet/"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        found = axe_violations(page, served, pages)
        browser.close()
    assert found == {url: [] for url in pages}
