"""Issue 19: the offline copy, unpacked and opened from disk (file://) on a phone."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from build_tools import offline

pytestmark = pytest.mark.browser


def test_unpacked_copy_reads_from_disk(chromium: Any, built_site: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(built_site / offline.ARCHIVE) as archive:
        archive.extractall(tmp_path)
    home = (tmp_path / offline.ROOT_FOLDER / "index.html").as_uri()
    context = chromium.new_context(
        viewport={"width": 412, "height": 915}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(home)
        page.locator(".md-content a[href$='chi-thi-01-ct-tu/index.html']:visible").first.click()
        page.wait_for_load_state()
        assert page.url.endswith("/van-ban/chi-thi-01-ct-tu/index.html")
        assert "Chỉ thị" in page.title()
        page.goto(home)
        page.locator(".md-content a[href$='tien-do/index.html']:visible").first.click()
        page.wait_for_load_state()
        assert page.url.endswith("/tien-do/index.html")
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        page.locator(".md-content a[href*='nhiem-vu/']:visible").first.click()
        page.wait_for_load_state()
        assert "/tien-do/nhiem-vu/" in page.url and page.url.endswith("/index.html")
        assert errors == []
    finally:
        context.close()
