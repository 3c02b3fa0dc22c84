"""Drive the search box in a real Chromium as a reader would (keyboard only), and count
the bytes each step downloads. Shared by tests/test_search_browser.py and the benchmark.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from typing import Any

from tests.helpers import CHROMIUM_ARGS

ARGS = CHROMIUM_ARGS
TOP = 5


def wire_size(body: bytes) -> int:
    """Bytes on the wire with gzip (what any static host sends); files that are gzip
    already are counted as they are."""
    if body[:2] == b"\x1f\x8b":
        return len(body)
    return min(len(body), len(gzip.compress(body, 9, mtime=0)))


@dataclass
class Traffic:
    """Every response a page received: (url, bytes on the wire)."""

    log: list[tuple[str, int]] = field(default_factory=list)

    def attach(self, page: Any) -> None:
        page.on("requestfinished", self._finished)

    def _finished(self, request: Any) -> None:
        response = request.response()
        body = b""
        if response is not None:
            try:
                body = response.body()
            except Exception:  # redirects and aborted requests have no body
                body = b""
        self.log.append((request.url, wire_size(body)))

    def mark(self) -> int:
        return len(self.log)

    def since(self, mark: int) -> int:
        return sum(size for _, size in self.log[mark:])

    def urls_since(self, mark: int) -> list[str]:
        return [url for url, _ in self.log[mark:]]

    def settle(self, page: Any, quiet_ms: int = 400, most_ms: int = 10_000) -> None:
        """Let the page's last responses reach this log: Playwright may report a finished
        request after the page has already used its body."""
        waited, seen = 0, -1
        while waited < most_ms and seen != len(self.log):
            seen = len(self.log)
            page.wait_for_timeout(quiet_ms)
            waited += quiet_ms


class SearchBox:
    """The site's search box (overrides/partials/site-search.html)."""

    field = "#site-search-input"

    def __init__(self, page: Any) -> None:
        self.page = page

    def open_with_shortcut(self, key: str = "/") -> None:
        self.page.keyboard.press(key)
        self.page.wait_for_function(
            "() => document.activeElement && document.activeElement.id === 'site-search-input'"
        )

    def search(self, text: str, delay: int = 5, timeout: int = 20_000) -> list[str]:
        """Type `text` (replacing what is there) and return the first result links."""
        page = self.page
        if page.evaluate("() => document.activeElement.id") != "site-search-input":
            self.open_with_shortcut("Control+k")
        page.keyboard.press("Control+a")
        page.keyboard.press("Backspace")
        page.keyboard.type(text, delay=delay)
        self._wait_done(text, timeout)
        return self.links()

    def paste(self, text: str, timeout: int = 20_000) -> list[str]:
        """Put `text` in the box at once (one input event, as a paste does): only the
        whole query is searched, none of its half-typed prefixes."""
        page = self.page
        if page.evaluate("() => document.activeElement.id") != "site-search-input":
            self.open_with_shortcut("Control+k")
        page.fill(self.field, text)
        self._wait_done(text, timeout)
        return self.links()

    def _wait_done(self, text: str, timeout: int) -> None:
        self.page.wait_for_function(
            """value => {
                const list = document.getElementById('site-search-results');
                return list.dataset.state === 'done' && list.dataset.for === value;
            }""",
            arg=text,
            timeout=timeout,
        )

    def links(self) -> list[str]:
        hrefs: list[str] = self.page.eval_on_selector_all(
            "#site-search-results a.md-search-result__link", "els => els.map(a => a.href)"
        )
        return hrefs[:TOP]
