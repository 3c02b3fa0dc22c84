"""Browser fixtures: the built site served on localhost and one headless Debian chromium.

Every page is opened through `open_page`, which records console errors, failed loads and
any request to another host (such requests are aborted, never sent).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.browser.support import OpenedPage, watch
from tests.helpers import CHROMIUM, CHROMIUM_ARGS
from tests.pages import BY_NAME, SCREENS, example_url

playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="session")
def site_url(served: str) -> str:
    """http://127.0.0.1:PORT serving the session's built site (no trailing slash)."""
    return served.rstrip("/")


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One headless chromium per test module and worker.

    Module scope, not session: a running sync Playwright owns an event loop, and other
    test modules that start their own `sync_playwright()` would fail beside it.
    """
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser`")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


OpenPage = Callable[[str, str], OpenedPage]


@pytest.fixture
def open_page(chromium: Any, site_url: str, built_site: Path) -> Iterator[OpenPage]:
    """open_page(page_type, screen) loads the example page of that type at that size."""
    contexts: list[Any] = []
    origin = urlparse(site_url).netloc

    def _open(type_name: str, screen: str) -> OpenedPage:
        page_type = BY_NAME[type_name]
        path = example_url(built_site, page_type)
        if path is None:
            pytest.skip(f"no {type_name} page in the built site yet ({page_type.owner} branch)")
        width, height = SCREENS[screen]
        context = chromium.new_context(viewport={"width": width, "height": height})
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        opened = OpenedPage(page, site_url + path)
        watch(page, origin, opened)
        response = page.goto(opened.url, wait_until="load")
        assert response is not None and response.status == 200, opened.url
        return opened

    yield _open
    for context in contexts:
        context.close()
