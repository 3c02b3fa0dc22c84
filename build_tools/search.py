"""Site search: a Pagefind index of the built site, one record per section, folded for
Vietnamese. See SEARCH.md for the measurements behind these choices.

- One record per section: every indexed page is cut at its headings that carry an id, and
  each piece is staged as its own file ("van-ban/x/_ii-3-4.html"), from whose URL the
  search box rebuilds the section's ("van-ban/x/#ii-3-4"). A result then opens the exact
  section, ranking compares sections rather than whole documents, and the text a result
  needs ("fragment") is a few hundred bytes instead of the whole document.
- Few words per query: Pagefind 1.5 indexes the words of every meta field, so a record's
  meta is its title only (the page title of a section is stored hidden, see hidden());
  progress pages are indexed without their repeated labels, units, states and reports
  (essentials()); index chunks are kept small (CHUNK_SIZE). See SEARCH.md, "City scale".
- "đ": Pagefind folds every tone mark (ế -> e) but not "đ", which Unicode does not
  decompose. So the indexed copies write "đ" as "d" + U+0335 (combining short stroke):
  Pagefind folds that to "d" like any other mark, so "dong" finds "đồng". The search box
  (docs/assets/search.js) writes the reader's "đ" the same way and turns U+0335 back into
  "đ" before showing titles and excerpts. The published pages are never changed.

Runs after MkDocs wrote the site (mkdocs_hooks.on_post_build), so the atomic build
(build_tools/site.py) indexes its temporary folder before the swap; offline, deterministic.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

BUNDLE = "pagefind"
STROKE = "\u0335"
HIDDEN = 0xF0000  # start of Unicode plane 15 (private use): see hidden()
START, END = "<!--search:start-->", "<!--search:end-->"

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
    ".doc-toc",  # a document's own table of contents
    ".section-extras",  # topic chips and task links under a section
    ".topic-chips",
    ".status",  # progress badges ("đang thực hiện", "chưa có báo cáo"…)
    ".as-of",  # "Tính đến ngày …"
)

# Word positions per index chunk (Pagefind's default: 20,000). Pagefind sizes a chunk by
# the positions of a word's plain form only, not of its forms with diacritics, and nearly
# every Vietnamese word is such a form ("thực" is stored under "thuc"): with the default,
# one chunk gathered "đảng", "đại", "dân"… and weighed 150–350 KB at city scale. Smaller
# chunks cut those piles; each chunk adds a line to the file loaded on the first search.
# Measured at city scale (SEARCH.md): 300 gives the lightest heaviest query (500: +0 KB on
# the first query, one more query over budget; 2000: +22 KB first, 230 KB worst).
# Pagefind reads it from PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE (1.5.2, no CLI flag).
CHUNK_SIZE = 300

# Bundle files the site's own search box does not use (Pagefind's stock UIs, its worker).
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
    "pagefind-worker.js",
)

_KIND = re.compile(r'data-pagefind-meta="loai:([^"]*)"')
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
# Where a section starts: a heading with an id, or a numbered clause the document pages
# render as a paragraph (<p class="clause" id="1">1- Tổ chức …</p>).
_CUT = re.compile(
    r'<h([2-6])\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>'
    r'|<p class="clause" id="([^"]+)"[^>]*>(.*?)</p>',
    re.S,
)
CLAUSE_TITLE_WORDS = 12

# Long pages are cut into sections; a task, unit, topic or indicator page is one result.
CUT_KINDS = frozenset({"Văn bản", "Hướng dẫn"})

# Progress pages repeat the same labels, unit names, states and dates on every page; at
# city scale (10,000 tasks) those words' posting lists dominate what a query downloads. A
# task is indexed by its id and title (the heading), what the document asks (Rõ việc, Rõ
# trách nhiệm, Rõ kết quả) and its quoted source text; a unit by its name and kind; an
# indicator by its name, quoted text and targets. Who, when, state and reports are left
# out: they have their own pages (units) or change daily (states, reports).
TASK_PREFIX = "/tien-do/nhiem-vu/"
TASKS_PER_RECORD = 8  # see task_groups()
TASK_GROUP = "nhom-"  # anchor of a group record: /tien-do/nhiem-vu/#nhom-00001
TASK_KEEP_LABELS = frozenset({"Rõ việc", "Rõ trách nhiệm", "Rõ kết quả"})
TASK_FILLER = "Văn bản không nêu riêng."  # the task template's text for "not stated"
_DEFINITION = re.compile(r"<dt>(.*?)</dt>\s*((?:<dd>.*?</dd>\s*)+)", re.S)
_DD = re.compile(r"<dd>(.*?)</dd>", re.S)
_BLOCKQUOTE = re.compile(r"<blockquote>.*?</blockquote>", re.S)
_PARAGRAPH = re.compile(r"<p>.*?</p>", re.S)
# Where an indicator page stops being indexed: the previous term's results (rows copied
# from a document's appendix, which is indexed as the document itself).
INDICATOR_STOP = '<h2 id="ket-qua-nhiem-ky-truoc"'

_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Record:
    """One indexed section: where it opens, and the HTML Pagefind reads for it."""

    url: str
    html: str


def kind_for(url: str) -> str:
    """The Vietnamese result kind of a page URL ("van-ban/x/" -> "Văn bản"), or ""."""
    if url in LISTINGS:
        return ""
    for prefix, kind in KINDS:
        if url.startswith(prefix):
            return kind
    return ""


def fold_for_index(text: str) -> str:
    """Write đ/Đ as d/D + U+0335 so Pagefind folds them to d like every other mark."""
    return text.replace("đ", "d" + STROKE).replace("Đ", "D" + STROKE)


def plain(fragment: str) -> str:
    """Text of an HTML fragment: permalinks and tags dropped, entities decoded, spaces tidy."""
    text = _TAG.sub("", _HEADERLINK.sub("", fragment))
    return " ".join(html.unescape(text).split())


def page_records(page_html: str, url: str) -> list[Record]:
    """The records of one built page (url "/van-ban/x/"); none if it is not indexed."""
    start, end = page_html.find(START), page_html.find(END)
    kind = _KIND.search(page_html)
    if start < 0 or end < start or kind is None:
        return []
    article = page_html[start + len(START) : end]
    h1 = _H1.search(article)
    page_title = plain(h1.group(1)) if h1 else ""
    kind_text = html.unescape(kind.group(1))
    cuts = list(_CUT.finditer(article)) if kind_text in CUT_KINDS else []
    intro = essentials(kind_text, article[: cuts[0].start() if cuts else None])
    records = [Record(url, _record(page_title, page_title, intro))]
    for i, cut in enumerate(cuts):
        stop = cuts[i + 1].start() if i + 1 < len(cuts) else len(article)
        if cut.group(2):  # a heading: it becomes the record's title
            anchor, title = cut.group(2), plain(cut.group(3))
            body = f"<h1>{html.escape(title)}</h1>" + article[cut.end() : stop]
        else:  # a clause: its first words are the title, the whole clause is the body
            anchor, words = cut.group(4), plain(cut.group(5)).split()
            title = " ".join(words[:CLAUSE_TITLE_WORDS])
            title += "…" if len(words) > CLAUSE_TITLE_WORDS else ""
            body = article[cut.start() : stop]
        target = f"{url}#{anchor}"
        records.append(Record(target, _record(page_title, title, body)))
    return records


def essentials(kind: str, article: str) -> str:
    """The part of a progress page worth indexing (see TASK_KEEP_LABELS); other pages whole."""
    h1 = _H1.search(article)
    head = h1.group(0) if h1 else ""
    if kind == "Nhiệm vụ":
        title = plain(h1.group(1)).partition(": ")[2] if h1 else ""
        kept = [
            _without_title(dd, title)
            for label, dds in _DEFINITION.findall(article)
            if plain(label) in TASK_KEEP_LABELS
            for dd in _DD.findall(dds)
            if plain(dd) != TASK_FILLER
        ]
        return head + "".join(kept) + "".join(_BLOCKQUOTE.findall(article))
    if kind == "Đơn vị":  # name and kind; its counts and task tables repeat the task pages
        first = _PARAGRAPH.search(article, h1.end() if h1 else 0)
        return head + (first.group(0) if first else "")
    if kind == "Chỉ tiêu":
        stop = article.find(INDICATOR_STOP)
        return article[: stop if stop >= 0 else None]
    return article


def _without_title(dd: str, title: str) -> str:
    """A task's "Rõ việc" ("<title> — <description>") without the title the heading holds."""
    text = plain(dd)
    if title and text.startswith(title):
        text = text[len(title) :].lstrip(" —-")
        return f"<p>{html.escape(text)}</p>" if text else ""
    return f"<p>{dd}</p>"


def hidden(text: str) -> str:
    """Text Pagefind stores but does not index: every character moved to Unicode plane 15
    (private use, neither letter nor digit, so Pagefind makes no word of it). Pagefind 1.5
    indexes every meta field's words; a section's page title repeated on every section of
    every document made "đảng", "thành", "ban"… the heaviest words of the index. The search
    box reverses this (docs/assets/search.js)."""
    return "".join(chr(HIDDEN + ord(c)) for c in text)


def _head(page_title: str, title: str) -> str:
    """The record's meta: its title (indexed, as Pagefind ranks title matches first) and,
    for a section, its page's title, hidden from the index. No URL or kind: the search box
    reads both from the record's own URL, so they cost no index words."""
    head = f'<meta data-pagefind-meta="title[content]" content="{html.escape(title)}">'
    if page_title and page_title != title:
        trang = html.escape(hidden(page_title))
        head += f'<meta data-pagefind-meta="trang[content]" content="{trang}">'
    return head


def _record(page_title: str, title: str, body: str) -> str:
    return fold_for_index(
        f'<!doctype html><html lang="vi"><head><title>{html.escape(title)}</title>'
        f"{_head(page_title, title)}</head>"
        f"<body><main data-pagefind-body>{body}</main></body></html>"
    )


def task_groups(records: Iterator[Record]) -> Iterator[Record]:
    """Task records gathered TASKS_PER_RECORD at a time into one record, each task under a
    heading whose id is the task's ("<h2 id="kh-1">KH-1: …</h2>"); other records unchanged.
    Pagefind loads one line per record before the first search (≈ 6.5 bytes gzip each):
    10,000 tasks alone weighed 65 KB of it. The search box shows the task of a group that
    best matches the query (Pagefind's sub-result for that heading) and opens its page."""
    group: list[Record] = []
    count = 0
    for record in records:
        is_task = record.url.startswith(TASK_PREFIX) and "#" not in record.url
        if group and (not is_task or len(group) == TASKS_PER_RECORD):
            count += 1
            yield _task_group(group, count)
            group = []
        if is_task:
            group.append(record)
        else:
            yield record
    if group:
        yield _task_group(group, count + 1)


def _task_group(tasks: list[Record], number: int) -> Record:
    parts = []
    for task in tasks:
        body = task.html.split("<main data-pagefind-body>", 1)[1].rsplit("</main>", 1)[0]
        h1 = _H1.search(body)
        task_id = task.url.removeprefix(TASK_PREFIX).strip("/")
        heading = html.escape(plain(h1.group(1))) if h1 else task_id
        rest = body[h1.end() :] if h1 else body
        parts.append(f'<section><h2 id="{task_id}">{heading}</h2>{rest}</section>')
    return Record(
        f"{TASK_PREFIX}#{TASK_GROUP}{number:05d}",
        '<!doctype html><html lang="vi"><head></head><body><main data-pagefind-body>'
        + "".join(parts)
        + "</main></body></html>",
    )


def site_records(site_dir: Path) -> Iterator[Record]:
    """Records of every indexed page of a built site, in a stable order."""
    for page in sorted(site_dir.rglob("index.html")):
        rel = page.relative_to(site_dir)
        if rel.parts[0] == BUNDLE:
            continue
        url = "/" + rel.parent.as_posix().removeprefix(".") + "/"
        yield from page_records(page.read_text(encoding="utf-8"), url.replace("//", "/"))


def index_site(site_dir: Path) -> int:
    """Build site_dir/pagefind/ from the indexed pages of a built site; returns records."""
    bundle = site_dir / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix=".search-") as tmp:
        count = _stage(task_groups(site_records(site_dir)), Path(tmp))
        if not count:
            return 0  # nothing to index yet; the search box then says it cannot load
        _run_pagefind(Path(tmp), bundle)
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    return count


def _stage(records: Iterator[Record], staged: Path) -> int:
    """One file per record ("/van-ban/x/#ii-3" -> van-ban/x/_ii-3.html) for the Pagefind CLI,
    which indexes files in parallel; the record's real URL travels as the "url" meta."""
    count = 0
    for record in records:
        path, _, anchor = record.url.partition("#")
        target = staged / path.strip("/") / (f"_{anchor}.html" if anchor else "index.html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(record.html, encoding="utf-8")
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
        env={**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(CHUNK_SIZE)},
    )
