"""Site search: a Pagefind index of the built site, folded for Vietnamese.

Pagefind folds every tone mark (ế -> e) but not "đ", which Unicode does not decompose.
So the pages it reads are copies in which "đ" is written "d" + U+0335 (combining short
stroke): Pagefind folds that to "d" like any other mark, "dong" finds "đồng", and the
search box (docs/assets/search.js) writes the reader's "đ" the same way and turns
U+0335 back into "đ" before showing titles and excerpts. The published pages are never
changed. Runs after MkDocs wrote the site (mkdocs_hooks.on_post_build), so the atomic
build (build_tools/site.py) indexes its temporary folder before the swap.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BUNDLE = "pagefind"
MARKER = "data-pagefind-body"
STROKE = "\u0335"

# Result kinds shown next to each result, by the first segments of a page URL; the most
# specific prefix wins. Pages of no kind (home, tab indexes, open data) are not indexed.
KINDS: tuple[tuple[str, str], ...] = (
    ("tien-do/nhiem-vu/", "Nhiệm vụ"),
    ("tien-do/don-vi/", "Đơn vị"),
    ("tien-do/chi-tieu/", "Chỉ tiêu"),
    ("van-ban/", "Văn bản"),
    ("chu-de/", "Chủ đề"),
    ("chi-tieu/", "Chỉ tiêu"),
    ("huong-dan/", "Hướng dẫn"),
)

# Tab index pages only list what has its own page: indexing them would double results.
LISTINGS = frozenset({"van-ban/", "chu-de/", "tien-do/", "chi-tieu/"})

# Inside the indexed article, text that is navigation rather than content.
EXCLUDE_SELECTORS = (
    ".headerlink",
    ".md-source-file",
    ".md-content__button",
    "nav",
    ".chips",
    ".md-tags",
)

# Bundle files the site's own search box does not use (Pagefind's stock UIs).
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


def kind_for(url: str) -> str:
    """The Vietnamese result kind of a page URL ("van-ban/x/" -> "Văn bản"), or ""."""
    if url in LISTINGS:
        return ""
    for prefix, kind in KINDS:
        if url.startswith(prefix):
            return kind
    return ""


def fold_for_index(html: str) -> str:
    """Write đ/Đ as d/D + U+0335 so Pagefind folds them to d like every other mark."""
    return html.replace("đ", "d" + STROKE).replace("Đ", "D" + STROKE)


def index_site(site_dir: Path) -> None:
    """Build site_dir/pagefind/ from the indexable pages of a built site (offline)."""
    bundle = site_dir / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix=".search-") as tmp:
        staged = Path(tmp)
        if not _stage_pages(site_dir, staged):
            return  # nothing to index yet; the search box then says it cannot load
        _run_pagefind(staged, bundle)
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)


def _stage_pages(site_dir: Path, staged: Path) -> int:
    """Folded copies of the pages that carry data-pagefind-body; returns their count."""
    count = 0
    for page in sorted(site_dir.rglob("*.html")):
        rel = page.relative_to(site_dir)
        if rel.parts[0] == BUNDLE:
            continue
        html = page.read_text(encoding="utf-8")
        if MARKER not in html:
            continue
        target = staged / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(fold_for_index(html), encoding="utf-8")
        count += 1
    return count


def _run_pagefind(staged: Path, bundle: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(staged),
            "--output-path",
            str(bundle),
            "--force-language",
            "vi",
            "--exclude-selectors",
            ", ".join(EXCLUDE_SELECTORS),
            "--silent",
        ],
        check=True,
    )
