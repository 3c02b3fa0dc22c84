"""Browser test support: what a loaded page recorded, and screenshots as artifacts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent.parent
ARTIFACTS = ROOT / "test-artifacts"


@dataclass
class OpenedPage:
    """A loaded page and what went wrong while loading and using it."""

    page: Any
    url: str
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)


def watch(page: Any, origin: str, opened: OpenedPage) -> None:
    """Abort and record requests to other hosts; record console errors and failed loads."""

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith(("data:", "blob:")) or urlparse(url).netloc == origin:
            r.continue_()
        else:
            opened.foreign.append(url)
            r.abort()

    page.route("**/*", route)
    page.on(
        "console",
        lambda m: (
            opened.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None
        ),
    )
    page.on("pageerror", lambda exc: opened.errors.append(f"page error: {exc}"))
    page.on(
        "response",
        lambda r: opened.errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
    )


# Long documents render paragraphs only near the screen (content-visibility: auto in
# van-ban.css); a full-page capture is not a scroll, so show every block as a reader who
# scrolls through the page sees it.
RENDER_ALL = ":root * { content-visibility: visible !important; }"


def screenshot(opened: OpenedPage, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/screenshots/ and return its path."""
    target = ARTIFACTS / "screenshots" / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    opened.page.add_style_tag(content=RENDER_ALL)
    opened.page.screenshot(path=str(target), full_page=True, timeout=60_000)
    return target
