"""Issue 19: paragraph links on a touch screen, and what a page puts on paper."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pypdfium2
import pytest

from build_tools.progress.glance_charts import INDICATOR_ROWS, UNIT_ROWS
from build_tools.progress.overview import STATUS_ROWS
from tests.pages import DASHBOARD_HEIGHT, PHONE

pytestmark = pytest.mark.browser

DOCUMENT = "/van-ban/chi-thi-01-ct-tu/"
PHONES = {"320": (320, 640), "412": (412, 915)}
UNIT = "ban-tuyen-giao-va-dan-van-thanh-uy"
LINKS = ".md-typeset p > a.headerlink, .md-typeset h2 > a.headerlink"


@pytest.fixture
def phone(chromium: Any) -> Iterator[Any]:
    contexts: list[Any] = []

    def _open(width: int, height: int) -> Any:
        context = chromium.new_context(
            viewport={"width": width, "height": height}, is_mobile=True, has_touch=True
        )
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()


@pytest.mark.parametrize("screen", PHONES)
def test_paragraph_links_show_on_touch_screens_with_a_44px_target(
    phone: Any, site_url: str, screen: str
) -> None:
    page = phone(*PHONES[screen])
    page.goto(site_url + DOCUMENT)
    assert page.evaluate("matchMedia('(hover: none)').matches")
    links = page.evaluate(
        """s => [...document.querySelectorAll(s)].map(a => {
            const r = a.getBoundingClientRect();
            return [getComputedStyle(a).opacity, r.width, r.height];
        })""",
        LINKS,
    )
    assert len(links) > 5
    assert all(opacity == "1" and w >= 44 and h >= 44 for opacity, w, h in links), links
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONES[screen][0]


def test_printed_page_has_address_and_date_and_no_navigation(phone: Any, site_url: str) -> None:
    page = phone(412, 915)
    page.goto(site_url + DOCUMENT)
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.md-header', '.md-tabs', '.md-sidebar--primary', '.md-footer']
            .map(s => document.querySelector(s))
            .filter(e => e && getComputedStyle(e).display !== 'none').map(e => e.className)"""
    )
    assert hidden == []
    meta = page.locator(".print-meta")
    assert meta.evaluate("e => getComputedStyle(e).display") == "block"
    text = meta.text_content() or ""
    day = r"\d\d/\d\d/\d{4}"
    address = rf"Trang: \S+{DOCUMENT} · In ngày {day} · Tình trạng tính đến ngày {day}"
    assert re.fullmatch(address, text), text
    assert text.endswith(" · Tình trạng tính đến ngày 24/10/2025")  # the build's status date
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


@pytest.mark.parametrize("screen", PHONES)
@pytest.mark.parametrize(
    "path", ["/tien-do/", "/tien-do/don-vi/ban-tuyen-giao-va-dan-van-thanh-uy/"]
)
def test_task_tables_fit_a_phone(phone: Any, site_url: str, screen: str, path: str) -> None:
    """Every task row shows its id, work, lead unit, deadline and status on screen."""
    width = PHONES[screen][0]
    page = phone(*PHONES[screen])
    page.goto(site_url + path)
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    rows = page.evaluate(
        """w => [...document.querySelectorAll('.task-table tbody tr')].map(tr =>
            [...tr.children].map(td => {
                const r = td.getBoundingClientRect();
                return r.width > 0 && r.left >= 0 && r.right <= w;
            }).concat([tr.querySelector('td a').getBoundingClientRect().height >= 44]))""",
        width,
    )
    assert rows, "the page has task tables"
    assert all(len(cells) == 6 and all(cells) for cells in rows), rows[:3]
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_dashboard_opens_within_four_phone_screens(chromium: Any, site_url: str) -> None:
    """Summary and charts first; each long list waits, collapsed, until the reader opens
    it. The charts draw a fixed number of rows at most, so the page keeps this height at
    city scale too (measured there by `make bench`, tests/bench_city.py)."""
    page = chromium.new_context(**PHONE).new_page()
    page.goto(site_url + "/tien-do/")
    assert page.evaluate("document.documentElement.scrollHeight") <= DASHBOARD_HEIGHT
    assert page.locator("figure.status-chart rect").count() <= STATUS_ROWS
    assert page.locator("figure.unit-chart text.chart-label").count() <= UNIT_ROWS
    assert page.locator("figure.indicator-glance text.chart-label").count() <= INDICATOR_ROWS
    assert page.locator("details[open]").count() == 0
    lists = page.locator("details.task-list")
    assert lists.count() >= 3
    first = page.locator("details.task-list:has(.task-table)").first
    first.locator("summary").click()
    assert first.locator(".task-table tbody tr").first.is_visible()
    page.context.close()


# What only paper shows: laid out on A4 with the site's own @page margins.
CLIPPED = """() => [...document.querySelectorAll('article *')].filter(e => {
    const s = getComputedStyle(e);
    return s.display !== 'none' && e.scrollWidth > e.clientWidth + 1
        && ['auto', 'scroll', 'hidden'].includes(s.overflowX);
}).map(e => e.tagName + '.' + e.className)"""
SHOWN = """s => [...document.querySelectorAll(s)]
    .filter(e => getComputedStyle(e).display !== 'none').map(e => e.className)"""


def _print_a4(page: Any, path: str) -> tuple[int, list[str], str]:
    """Pages of the A4 PDF, clipped boxes in print layout, and the printed address line."""
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.goto(path)
    page.emulate_media(media="print")
    clipped = page.evaluate(CLIPPED)
    meta = page.locator(".print-meta").text_content() or ""
    pdf = pypdfium2.PdfDocument(page.pdf(format="A4", prefer_css_page_size=True))
    return len(pdf), clipped, meta


@pytest.mark.parametrize(
    "path",
    [
        "/van-ban/bao-cao-chinh-tri-dang-bo-cac-co-quan-dang/",  # wide appendix tables
        "/tien-do/",
        f"/tien-do/don-vi/{UNIT}/",
        "/tien-do/nhiem-vu/ct01-2/",
    ],
)
def test_pages_print_on_a4_without_clipping_or_navigation(
    phone: Any, site_url: str, path: str
) -> None:
    page = phone(412, 915)
    pages, clipped, meta = _print_a4(page, site_url + path)
    assert pages >= 1 and clipped == []
    shown = page.evaluate(SHOWN, ".md-header, .md-tabs, .md-sidebar, .md-footer, .feed-link")
    assert shown == []
    assert meta.startswith(f"Trang: http://127.0.0.1:8000{path} · In ngày ")
    assert meta.endswith(" · Tình trạng tính đến ngày 24/10/2025")


def test_a_unit_page_prints_as_a_one_page_handout(phone: Any, site_url: str) -> None:
    page = phone(412, 915)
    pages, clipped, _ = _print_a4(page, f"{site_url}/tien-do/don-vi/{UNIT}/")
    assert (pages, clipped) == (1, [])
    rows = page.locator(".task-table tbody tr")
    assert rows.count() >= 9  # its tasks, led and supported, all on the sheet
    assert rows.last.is_visible()
