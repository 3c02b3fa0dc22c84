"""Issue 19: task lists narrowed on a phone, with JavaScript (in place) and without (pages);
the counts a reader sees equal the open data (du-lieu-mo/nhiem-vu.csv)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

PHONES = {"320": (320, 640), "412": (412, 915)}
VISIBLE_ROWS = """f => [...f.closest('details, article').querySelectorAll('.task-table tbody tr')]
    .filter(r => r.getBoundingClientRect().height > 0)
    .map(r => [r.querySelector('td a').textContent,
               r.querySelector('.status').textContent.trim()])"""
SMALL_TARGETS = """sel => [...document.querySelectorAll(sel)]
    .filter(e => e.getBoundingClientRect().height > 0)
    .map(e => e.getBoundingClientRect())
    .filter(r => r.width < 44 || r.height < 44).length"""


def _wait_for_rows(page: Any, form: Any, count: int) -> None:
    """The form applies a reset after the browser has cleared its fields (next task): wait
    until `count` rows show, then the caller asserts as before."""
    page.wait_for_function(
        f"([f, n]) => ({VISIBLE_ROWS})(f).length === n", arg=[form.element_handle(), count]
    )


@pytest.fixture
def phone(chromium: Any) -> Iterator[Any]:
    contexts: list[Any] = []

    def _open(screen: str, script: bool = True) -> Any:
        width, height = PHONES[screen]
        context = chromium.new_context(
            viewport={"width": width, "height": height},
            is_mobile=True,
            has_touch=True,
            java_script_enabled=script,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()


def _statuses(site: Path) -> Counter[str]:
    text = (site / "du-lieu-mo" / "nhiem-vu.csv").read_text(encoding="utf-8-sig")
    return Counter(r["trang_thai"] for r in csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("screen", PHONES)
def test_status_link_filters_the_full_list_in_place(
    phone: Any, site_url: str, built_site: Path, screen: str
) -> None:
    counts = _statuses(built_site)
    page = phone(screen)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + "/tien-do/")
    form = page.locator("form.task-filter[data-main]")
    assert form.is_hidden()  # inside the collapsed list until the reader asks
    page.locator("#trang-thai > summary").tap()  # the statuses, collapsed under the chart
    assert page.evaluate(SMALL_TARGETS, "#trang-thai td a") == 0
    link = page.locator("#trang-thai td a").last
    status = (link.text_content() or "").strip()
    link.tap()
    assert page.url.endswith("/tien-do/")  # in place: no new page
    assert form.is_visible()
    rows = form.evaluate(VISIBLE_ROWS)
    assert len(rows) == counts[status] and {s for _, s in rows} == {status}
    result = form.locator(".task-filter__result").text_content() or ""
    assert (
        result
        == f"Đang hiện {counts[status]} trong {sum(counts.values())} nhiệm vụ của danh sách này."
    )
    assert page.evaluate(SMALL_TARGETS, "form.task-filter select, form.task-filter button") == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONES[screen][0]
    form.locator("button[type=reset]").tap()
    _wait_for_rows(page, form, sum(counts.values()))
    assert len(form.evaluate(VISIBLE_ROWS)) == sum(counts.values())
    assert errors == []


def test_facets_combine_and_the_keyboard_works(phone: Any, site_url: str, built_site: Path) -> None:
    text = (built_site / "du-lieu-mo" / "nhiem-vu.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    page = phone("412")
    page.goto(site_url + "/tien-do/")
    page.locator("details.task-list:has(form.task-filter) > summary").click()
    form = page.locator("form.task-filter[data-main]")
    unit = Counter(r["chu_tri"] for r in rows).most_common(1)[0][0]
    status = Counter(r["trang_thai"] for r in rows if r["chu_tri"] == unit).most_common(1)[0][0]
    form.locator('select[data-facet="unit"]').select_option(unit)
    form.locator('select[data-facet="status"]').select_option(status)
    expected = {
        r["id"]
        for r in rows
        if r["trang_thai"] == status and unit in [r["chu_tri"], *r["cung_duoc_giao"].split(";")]
    }
    assert {i for i, _ in form.evaluate(VISIBLE_ROWS)} == expected
    document = rows[0]["van_ban"]
    form.locator('select[data-facet="document"]').select_option(document)
    expected = {r["id"] for r in rows if r["id"] in expected and r["van_ban"] == document}
    assert {i for i, _ in form.evaluate(VISIBLE_ROWS)} == expected
    # the keyboard: from the last field, Tab reaches "Bỏ lọc", Enter clears every field
    form.locator('select[data-facet="topic"]').focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Bỏ lọc"
    page.keyboard.press("Enter")
    _wait_for_rows(page, form, len(rows))
    assert len(form.evaluate(VISIBLE_ROWS)) == len(rows)
    # a status link reached with the keyboard filters as a tap does
    page.locator("#trang-thai > summary").click()
    page.locator("#trang-thai td a").first.focus()
    page.keyboard.press("Enter")
    first = page.locator("#trang-thai td a").first.text_content() or ""
    assert {s for _, s in form.evaluate(VISIBLE_ROWS)} == {first.strip()}


@pytest.mark.parametrize("screen", PHONES)
def test_without_javascript_each_status_has_its_page(
    phone: Any, site_url: str, built_site: Path, screen: str
) -> None:
    counts = _statuses(built_site)
    page = phone(screen, script=False)
    page.goto(site_url + "/tien-do/")
    assert page.locator("form.task-filter").first.is_hidden()
    page.locator("#trang-thai > summary").tap()  # details open without JavaScript
    link = page.locator("#trang-thai td a").first
    status = (link.text_content() or "").strip()
    link.tap()
    page.wait_for_url("**/tien-do/trang-thai/**")
    assert (page.locator("h1").text_content() or "").startswith(f"Nhiệm vụ: {status}")
    shown = page.locator(".task-table tbody tr")
    assert shown.count() == min(counts[status], 100)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONES[screen][0]
    # the other facets: unit pages, the register of each document, topic pages
    page.goto(site_url + "/tien-do/")
    for heading in ("theo-don-vi", "theo-van-ban", "theo-chu-de"):
        target = page.locator(f"h2#{heading} + details a").first.get_attribute("href")
        assert target and not target.startswith(("http", "#")), heading


@pytest.mark.parametrize("screen", PHONES)
def test_unit_page_filters_its_tasks_in_place(phone: Any, site_url: str, screen: str) -> None:
    page = phone(screen)
    page.goto(site_url + "/tien-do/don-vi/cac-cap-cac-nganh-dia-phuong/")
    form = page.locator("form.task-filter").first
    if not form.count():
        pytest.fail("the unit with the most tasks has a filter form")
    assert form.is_visible()
    select = form.locator("select").first
    values = select.evaluate(
        "s => [...s.options].filter(o => o.value && !o.disabled).map(o => o.value)"
    )
    select.select_option(values[0])
    shown = form.evaluate(
        """f => [...f.closest('article').querySelectorAll('.task-table')][0]
            .querySelectorAll('tbody tr:not([hidden])').length"""
    )
    assert shown >= 1
    assert f"Đang hiện {shown} trong" in (form.locator(".task-filter__result").text_content() or "")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONES[screen][0]
    assert page.evaluate(SMALL_TARGETS, "form.task-filter select, form.task-filter button") == 0
