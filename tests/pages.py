"""The one list of page types, and how to find one example URL of each in a built site.

Browser tests, accessibility checks and benchmarks all read this list, so a new page
type is added here once. A type whose pages are not generated yet (its branch is not
merged) simply has no example.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class PageType:
    name: str  # short English id used in test ids and artifact names
    pattern: str  # regex over the site-relative path of the page's index.html
    owner: str  # the branch that generates it (for skip messages)


PAGE_TYPES: tuple[PageType, ...] = (
    PageType("home", r"index\.html", "foundation"),
    PageType("documents", r"van-ban/index\.html", "docs"),
    PageType("document", r"van-ban/[^/]+/index\.html", "docs"),
    PageType("topics", r"chu-de/index\.html", "topics"),
    PageType("topic", r"chu-de/[^/]+/index\.html", "topics"),
    PageType("dashboard", r"tien-do/index\.html", "progress"),
    PageType("unit", r"tien-do/don-vi/[^/]+/index\.html", "progress"),
    PageType("task", r"tien-do/nhiem-vu/[^/]+/index\.html", "progress"),
    PageType("status", r"tien-do/trang-thai/[^/]+/index\.html", "progress"),
    PageType("indicators", r"chi-tieu/index\.html", "progress"),
    PageType("indicator", r"chi-tieu/[^/]+/index\.html", "progress"),
    PageType("open-data", r"du-lieu-mo/index\.html", "progress"),
    PageType("guide", r"huong-dan/index\.html", "foundation"),
)

SCREENS: dict[str, tuple[int, int]] = {"mobile": (412, 915), "desktop": (1280, 900)}
# The phone of issue 19's measures: a browser context's options, and the dashboard's
# height on it before the reader expands anything (four screens).
PHONE: dict[str, Any] = {
    "viewport": {"width": 412, "height": 915},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2.625,
}
DASHBOARD_HEIGHT = 3660

BY_NAME = {page_type.name: page_type for page_type in PAGE_TYPES}


def page_files(site: Path) -> list[str]:
    """Site-relative paths of every HTML page, sorted (so discovery is deterministic)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def example_url(site: Path, page_type: PageType) -> str | None:
    """The URL path ("/van-ban/x/") of the first page of this type, or None."""
    regex = re.compile(page_type.pattern)
    for rel in page_files(site):
        if regex.fullmatch(rel):
            return "/" + rel.removesuffix("index.html")
    return None


def examples(site: Path) -> dict[str, str]:
    """page type name -> example URL path, for every type the site has."""
    found = {t.name: example_url(site, t) for t in PAGE_TYPES}
    return {name: url for name, url in found.items() if url is not None}
