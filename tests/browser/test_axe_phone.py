"""Issue 19: axe-core with the WCAG 2.2 AA tags (target-size included) finds nothing on the
pages a citizen opens first, on a 320 px and a 412 px touch phone, lists opened."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import AXE_SCRIPT

pytestmark = pytest.mark.browser

WCAG22_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONES = {"320": (320, 640), "412": (412, 915)}
PAGES = {
    "home": "/",
    "dashboard": "/tien-do/",
    "unit": "/tien-do/don-vi/ban-tuyen-giao-va-dan-van-thanh-uy/",
    "task": "/tien-do/nhiem-vu/ct01-2/",
    "document": "/van-ban/chi-thi-01-ct-tu/",
}
RUN = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => ({
    violations: r.violations.flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' '))),
    ran: [...r.passes, ...r.violations, ...r.incomplete, ...r.inapplicable].map(v => v.id),
}))"""


@pytest.mark.parametrize("screen", PHONES)
@pytest.mark.parametrize("name", PAGES)
def test_axe_wcag22_finds_nothing_on_a_phone(
    chromium: Any, site_url: str, name: str, screen: str
) -> None:
    width, height = PHONES[screen]
    context = chromium.new_context(
        viewport={"width": width, "height": height}, is_mobile=True, has_touch=True
    )
    try:
        page = context.new_page()
        page.goto(site_url + PAGES[name])
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        page.add_script_tag(path=str(AXE_SCRIPT))
        result = page.evaluate(RUN, WCAG22_TAGS)
    finally:
        context.close()
    assert "target-size" in result["ran"]  # the 2.2 rule really ran
    assert result["violations"] == []
