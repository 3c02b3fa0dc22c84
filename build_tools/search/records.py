"""Records: a built page's HTML -> the sections a result opens.

Every indexed page is cut at its headings that carry an id and at its numbered clauses, so
a result opens the exact section ("van-ban/x/#ii-3-4"); a task, unit, topic or indicator
page is one record. Progress pages are indexed without the labels, units, states and
reports every one of them repeats (essentials()).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from build_tools.search.text import KIND_ORDER, kind_for

START, END = "<!--search:start-->", "<!--search:end-->"

# Inside the indexed article, elements that are navigation rather than content, by tag or
# class ("nav", ".chips"); dropped with everything they hold (see without_excluded()).
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
    ".data-stale",  # "Lâu chưa cập nhật: …", the site-wide staleness note (may be hidden)
)

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
TASK_KEEP_LABELS = frozenset({"Rõ việc", "Rõ trách nhiệm", "Rõ kết quả"})

TASK_FILLER = "Văn bản không nêu riêng."  # the task template's text for "not stated"

_DEFINITION = re.compile(r"<dt>(.*?)</dt>\s*((?:<dd>.*?</dd>\s*)+)", re.S)

_DD = re.compile(r"<dd>(.*?)</dd>", re.S)

_BLOCKQUOTE = re.compile(r"<blockquote>.*?</blockquote>", re.S)

_PARAGRAPH = re.compile(r"<p>.*?</p>", re.S)

# Where an indicator page stops being indexed: the previous term's results (rows copied
# from a document's appendix, which is indexed as the document itself).
INDICATOR_STOP = '<h2 id="ket-qua-nhiem-ky-truoc"'

_TAG = re.compile(r"<[^>]+>")

_BREAK = re.compile(r"<(?:/p|/h\d|/li|/td|/th|/dd|/dt|br|/blockquote|/div)\b[^>]*>")

# A block of a section with its own ¶ anchor ("ii-3-3-p7", docpages.PERMALINK): the box
# links a result to the one holding its best hit.
_ANCHORED = re.compile(r'<(?:p|li|td|th|dd|blockquote)\b[^>]*\bid="([^"]+)"')


@dataclass(frozen=True)
class Record:
    """One indexed section: where it opens, what it is called, and its plain text."""

    url: str  # site-relative with a leading slash: "/van-ban/x/#ii-3-4"
    title: str
    page: str  # the page's title when the record is one of its sections, else ""
    text: str
    # the ¶ anchors inside the text: (index of the block's first word in text, anchor)
    paragraphs: tuple[tuple[int, str], ...] = ()
    ident: str = ""  # a document's number ("01-CT/TU") or a task's id ("CT01-3"), if any


def plain(fragment: str) -> str:
    """Text of an HTML fragment: excluded elements and tags dropped, entities decoded."""
    return _text(without_excluded(fragment))


def _text(fragment: str) -> str:
    """Text of an HTML fragment: tags dropped (a space where a block ends), entities decoded."""
    return " ".join(html.unescape(_TAG.sub(" ", _BREAK.sub(" ", fragment))).split())


def _excluded_pattern() -> re.Pattern[str]:
    tags = [s for s in EXCLUDE_SELECTORS if not s.startswith(".")]
    classes = [re.escape(s[1:]) for s in EXCLUDE_SELECTORS if s.startswith(".")]
    return re.compile(
        r"<(?:(" + "|".join(tags) + r")\b[^>]*"
        r'|([a-z][a-z0-9]*)\b[^>]*\bclass="(?:[^"]*\s)?(?:' + "|".join(classes) + r')(?:\s[^"]*)?"'
        r"[^>]*)>"
    )


_EXCLUDED = _excluded_pattern()

_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>[^<]*</a>')  # the commonest, never nested


def without_excluded(fragment: str) -> str:
    """The fragment without the elements EXCLUDE_SELECTORS names (nested ones included)."""
    fragment = _HEADERLINK.sub("", fragment)
    parts, at = [], 0
    for start in _EXCLUDED.finditer(fragment):
        if start.start() < at:
            continue  # inside an element already dropped
        tag = start.group(1) or start.group(2)
        parts.append(fragment[at : start.start()])
        at = _element_end(fragment, tag, start.end())
    parts.append(fragment[at:])
    return "".join(parts)


def _element_end(fragment: str, tag: str, pos: int) -> int:
    """Where the element whose opening tag ends at pos closes (after its end tag)."""
    tags = re.compile(rf"<(/?){tag}\b[^>]*>")
    depth = 1
    for match in tags.finditer(fragment, pos):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return len(fragment)


def page_records(page_html: str, url: str) -> list[Record]:
    """The records of one built page (url "/van-ban/x/"); none if it is not indexed."""
    start, end = page_html.find(START), page_html.find(END)
    kind = kind_for(url.lstrip("/"))
    if start < 0 or end < start or not kind:
        return []
    article = without_excluded(page_html[start + len(START) : end])
    h1 = _H1.search(article)
    page_title = _text(h1.group(1)) if h1 else ""
    cuts = list(_CUT.finditer(article)) if kind in CUT_KINDS else []
    intro = essentials(kind, article[: cuts[0].start() if cuts else None])
    if h1 and kind in CUT_KINDS:
        intro = intro.replace(h1.group(0), "", 1)
    text, paragraphs = _anchored_text(intro) if kind in CUT_KINDS else (_text(intro), ())
    records = [Record(url, page_title, "", text, paragraphs, _ident(kind, page_title, text))]
    for i, cut in enumerate(cuts):
        stop = cuts[i + 1].start() if i + 1 < len(cuts) else len(article)
        if cut.group(2):  # a heading: it becomes the record's title
            anchor, title = cut.group(2), _text(cut.group(3))
            body = article[cut.end() : stop]
        else:  # a clause: its first words are the title, the whole clause is the body
            anchor, clause = cut.group(4), _text(cut.group(5)).split()
            title = " ".join(clause[:CLAUSE_TITLE_WORDS])
            title += "…" if len(clause) > CLAUSE_TITLE_WORDS else ""
            body = article[cut.start() : stop]
        text, paragraphs = _anchored_text(body)
        records.append(Record(f"{url}#{anchor}", title, page_title, text, paragraphs))
    return records


# A document page's metadata card: "Số, ký hiệu 01-CT/TU Ngày ban hành …"
# (templates/document card); a number has a digit ("Dự thảo" is none).
_DOC_NUMBER = re.compile(r"Số, ký hiệu (\S*\d\S*) ")


def _ident(kind: str, title: str, text: str) -> str:
    """A page's identifier: a task's id (its heading "CT01-3: …"), a document's number."""
    if kind == "Nhiệm vụ":
        return title.partition(": ")[0] if ": " in title else ""
    number = _DOC_NUMBER.search(text[:400]) if kind == "Văn bản" else None
    return number.group(1) if number else ""


def _anchored_text(body: str) -> tuple[str, tuple[tuple[int, str], ...]]:
    """A section's text and where each of its ¶-anchored blocks starts in it (in words).
    Cut at tags, the parts' words add up to the whole's (a tag is a space to _text())."""
    parts, paragraphs, at, count = [], [], 0, 0
    for block in _ANCHORED.finditer(body):
        part = _text(body[at : block.start()])
        parts.append(part)
        count += len(part.split())
        paragraphs.append((count, block.group(1)))
        at = block.start()
    parts.append(_text(body[at:]))
    return " ".join(p for p in parts if p), tuple(paragraphs)


def essentials(kind: str, article: str) -> str:
    """The part of a progress page worth indexing (see TASK_KEEP_LABELS); other pages whole.
    The page's heading (<h1>) is the record's title and is left out of what this returns."""
    h1 = _H1.search(article)
    after = h1.end() if h1 else 0
    if kind == "Nhiệm vụ":
        title = _text(h1.group(1)).partition(": ")[2] if h1 else ""
        kept = [
            _without_title(dd, title)
            for label, dds in _DEFINITION.findall(article)
            if _text(label) in TASK_KEEP_LABELS
            for dd in _DD.findall(dds)
            if _text(dd) != TASK_FILLER
        ]
        return "".join(kept) + "".join(_BLOCKQUOTE.findall(article))
    if kind == "Đơn vị":  # name and kind; its counts and task tables repeat the task pages
        first = _PARAGRAPH.search(article, after)
        return first.group(0) if first else ""
    if kind == "Chỉ tiêu":
        stop = article.find(INDICATOR_STOP)
        return article[after : stop if stop >= 0 else None]
    return article[after:] if kind not in CUT_KINDS else article


def _without_title(dd: str, title: str) -> str:
    """A task's "Rõ việc" ("<title> — <description>") without the title the heading holds."""
    text = _text(dd)
    if title and text.startswith(title):
        text = text[len(title) :].lstrip(" —-")
        return f"<p>{html.escape(text)}</p>" if text else ""
    return f"<p>{dd}</p>"


def site_pages(site_dir: Path) -> list[tuple[str, Path]]:
    """The indexed pages of a built site ("/van-ban/x/", file), by KIND_ORDER then URL."""
    pages = []
    for page in site_dir.rglob("index.html"):
        url = page.parent.relative_to(site_dir).as_posix() + "/"
        if kind_for(url):
            pages.append((KIND_ORDER.index(kind_for(url)), "/" + url, page))
    return [(url, page) for _, url, page in sorted(pages)]


def pages_records(pages: list[tuple[str, Path]]) -> Iterator[Record]:
    for url, page in pages:
        yield from page_records(page.read_text(encoding="utf-8"), url)


def site_records(site_dir: Path) -> Iterator[Record]:
    """Records of every indexed page of a built site, in index order."""
    return pages_records(site_pages(site_dir))
