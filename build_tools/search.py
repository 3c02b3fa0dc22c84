"""Site search: the project's own static index of the built site, sharded so that a query
downloads only the posting lists of its own words. See SEARCH.md for the measurements
behind these choices (route (c); Pagefind, route (b), could not stay under 150 KB).

- Records: every indexed page is cut at its headings that carry an id and at its numbered
  clauses, so a result opens the exact section ("van-ban/x/#ii-3-4"); a task, unit, topic
  or indicator page is one record. Progress pages are indexed without the labels, units,
  states and reports every one of them repeats (essentials()).
- Terms (words(), fold(); docs/assets/search.js has the same two functions, a test keeps
  them equal): NFC, lower case, runs of letters and digits ("01-CT/TU" -> 01 ct tu). Each
  record is indexed by its folded words (no tone marks, "đ" -> "d"), its folded adjacent
  pairs ("chuyen doi": a phrase is found without storing positions) and its words with
  diacritics (so exact matches can rank first).
- Scores are computed here (BM25, title words weighted up) and stored as one character,
  so the search box needs no table of record lengths: it sums them.
- Files, under site/search-index/: index.json (shard count, record count, the version
  folder), then <version>/t/<n>.txt, the terms whose hash (FNV-1a) falls in shard n with
  their postings, and <version>/r/<n>.json, the details (URL, title, page title, text) of
  a block of records from record n on, fetched only for the results shown. The version is
  a hash of the content, so hosts may cache everything but index.json for ever.

Runs after MkDocs wrote the site (mkdocs_hooks.on_post_build), in two processes for a
large site (site_index()); deterministic.
"""

from __future__ import annotations

import bisect
import concurrent.futures
import hashlib
import html
import itertools
import json
import math
import operator
import re
import shutil
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from build_tools import workers

BUNDLE = "search-index"
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

# Ranking: BM25 with k1 = 1.2 and a length weight b of 0.3 rather than the usual 0.75: a
# document section is long by nature and a task short, and at 0.75 a task quoting a
# sentence outranked the section it quotes (suite hits at city scale 13 -> 26 of 39; 1×
# 39/39 either way; SEARCH.md). A word of a record's title counts TITLE_WEIGHT times. A
# score is stored as one character, ":" (0) to "`" (38): ASCII 58-96, none of them a
# base-36 digit, so postings need no separator. The highest possible score is 38.
K1, B = 1.2, 0.3
TITLE_WEIGHT = 2
SCORES = "".join(chr(c) for c in range(58, 97))
# Equal scores list records in this order of kinds: the source documents first.
KIND_ORDER = ("Văn bản", "Chủ đề", "Chỉ tiêu", "Nhiệm vụ", "Đơn vị", "Hướng dẫn")

# Shards: the number is a power of two chosen so that a shard weighs about SHARD_BYTES
# with gzip (as a host sends it); a query fetches one shard per term. Records' details
# are written a block of records to a file, the records of one kind together: as many as
# hold about BLOCK_WORDS words of text (block_size()). A result fetches its block, so a
# document section (hundreds of words) has a file of its own and short tasks share one.
SHARD_BYTES = 1_000
MAX_SHARDS = 4096
BLOCK_WORDS = 150
MAX_BLOCK = 16
# The stored text a result's excerpt is chosen from: a section's whole text (the longest
# of the real documents has 1,947 words), capped for a pathological one.
EXCERPT_WORDS = 4_000
# A block of a section with its own ¶ anchor ("ii-3-3-p7", docpages.PERMALINK): the box
# links a result to the one holding its best hit.
_ANCHORED = re.compile(r'<(?:p|li|td|th|dd|blockquote)\b[^>]*\bid="([^"]+)"')

_WORD = re.compile(r"[^\W_]+")  # letters and digits (JS: /[\p{L}\p{N}]+/gu)
# i and y: after a consonant, a syllable whose whole rhyme is one i or y may be written
# either way (sĩ/sỹ, kĩ/kỹ, lí/lý, mĩ/mỹ, tì/tỳ): such a final y is read as i, its tone
# kept. Not in a longer rhyme ("ay", "uy", "yê": máy, quý, huy, yêu) nor a syllable that
# is y alone (y tế, ý kiến), where only y is written. SEARCH.md, "i and y".
_I_OR_Y = re.compile(r"[bcdđghklmnprstvx]+[yýỳỷỹỵ]")
_Y_AS_I = str.maketrans("yýỳỷỹỵ", "iíìỉĩị")
_MARKS = re.compile("[\u0300-\u036f]")  # combining diacritical marks


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


def ident_term(ident: str) -> str:
    """The term under which a document number or task id is indexed: "=" and its folded
    words ("01-CT/TU" -> "=01 ct tu"); the box looks the whole query up the same way, so
    typing a number or an id finds its document or task first."""
    return "=" + " ".join(fold(w) for w in words(ident))


def words(text: str) -> list[str]:
    """The words of a text: NFC, lower case ("Ð" U+00D0 read as "Đ"), runs of letters and
    digits, a y that may be written i read as i (i_for_y()). search.js words() does the
    same."""
    lowered = unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).lower())
    return [i_for_y(w) for w in _WORD.findall(lowered.replace("ð", "đ"))]


def i_for_y(word: str) -> str:
    """A lower-case NFC word with a final y that Vietnamese may write i, as i ("sỹ" ->
    "sĩ", "ky" -> "ki"); other words as they are ("máy", "quý", "huy", "y", "ý")."""
    if word[-1] in "yýỳỷỹỵ" and _I_OR_Y.fullmatch(word):
        return word.translate(_Y_AS_I)
    return word


def fold(word: str) -> str:
    """A word without diacritics: tone and vowel marks dropped, "đ" -> "d". As search.js."""
    return _MARKS.sub("", unicodedata.normalize("NFD", word)).replace("đ", "d")


def fnv1a(term: str) -> int:
    """32-bit FNV-1a of the term's UTF-8 bytes: which shard holds it (search.js too)."""
    value = 0x811C9DC5
    for byte in term.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def shard_key(term: str) -> str:
    """What a term's shard is hashed from: a word with diacritics lives in its folded
    word's shard ("chuyển" with "chuyen"), so looking it up costs no request; any other
    term is hashed as itself. search.js shardKey() does the same."""
    if " " in term or term.startswith("="):
        return term
    return fold(term)


def kind_for(url: str) -> str:
    """The Vietnamese result kind of a page URL ("van-ban/x/" -> "Văn bản"), or ""."""
    if url in LISTINGS:
        return ""
    for prefix, kind in KINDS:
        if url.startswith(prefix):
            return kind
    return ""


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


@dataclass
class Index:
    """Postings of every term: term -> [record << 8 | weighted term frequency (≤ 255), …]."""

    postings: dict[str, list[int]]
    lengths: list[int]  # weighted length of each record
    records: list[Record]


def record_terms(record: Record) -> tuple[Counter[str], int]:
    """A record's terms with their weighted frequencies (folded words and adjacent pairs,
    and words with diacritics as written; title words count TITLE_WEIGHT times) and its
    weighted length in words."""
    (title, title_words), (body, body_words) = _terms(record.title), _terms(record.text)
    counts = Counter(body + title * TITLE_WEIGHT)
    if record.ident:
        counts[ident_term(record.ident)] = 1
    return counts, body_words + TITLE_WEIGHT * title_words


def _terms(text: str) -> tuple[list[str], int]:
    """The terms of a text (a word may repeat) and its number of words."""
    exact = words(text)
    for word in set(exact).difference(_FOLDED):
        _FOLDED[word] = fold(word)
    folded = [_FOLDED[w] for w in exact]
    pairs = [a + " " + b for a, b in itertools.pairwise(folded)]
    diacritics = [w for w, f in zip(exact, folded, strict=True) if w != f]
    return folded + pairs + diacritics, len(exact)


_FOLDED: dict[str, str] = {}  # fold() of every word met so far


def build_index(records: Iterable[Record]) -> Index:
    postings: defaultdict[str, list[int]] = defaultdict(list)
    lengths: list[int] = []
    kept: list[Record] = []
    for number, record in enumerate(records):
        counts, length = record_terms(record)
        lengths.append(length)
        shifted = number << 8
        for term, n in counts.items():
            postings[term].append(shifted | (n if n < 256 else 255))
        kept.append(record)
    return Index(dict(postings), lengths, kept)


_DIGITS36 = "0123456789abcdefghijklmnopqrstuvwxyz"
_GAPS: list[str] = [a + b for a in ["", *_DIGITS36[1:]] for b in _DIGITS36]  # 0..1295


def base36(n: int) -> str:
    """n in base 36, lower case ("0", "z", "10")."""
    if n < len(_GAPS):
        return _GAPS[n]
    out = ""
    while n:
        n, r = divmod(n, 36)
        out = _DIGITS36[r] + out
    return out


def posting_lines(index: Index) -> dict[str, str]:
    """Every term's line of a shard: "term<TAB>" then, for each record holding it, the gap
    from the previous record number (base 36, lower case) and its score character (see
    SCORES): for a folded word its BM25 score; for a pair or a word with diacritics, which
    the search box only looks up, always 0 (":")."""
    total = len(index.lengths)
    average = sum(index.lengths) / max(1, total)
    norm = [K1 * (1 - B + B * length / average) for length in index.lengths]
    top = len(SCORES) - 1
    step = math.log(1 + (total - 0.5) / 1.5) * (K1 + 1) / top  # the highest score -> top
    letters = [SCORES[min(q, top)] for q in range(2 * top)]
    lines = {}
    for term, flat in index.postings.items():
        numbers = [p >> 8 for p in flat]
        steps = map(operator.sub, numbers, [0, *numbers[:-1]])
        written = [_GAPS[g] if g < len(_GAPS) else base36(g) for g in steps]
        if " " in term or fold(term) != term or term.startswith("="):
            lines[term] = term + "\t" + ":".join(written) + ":"
            continue
        df = len(flat)
        scale = math.log(1 + (total - df + 0.5) / (df + 0.5)) * (K1 + 1) / step
        scores = [
            letters[int(scale * (p & 255) / ((p & 255) + norm[n]) + 0.5)]
            for p, n in zip(flat, numbers, strict=True)
        ]
        lines[term] = term + "\t" + "".join(map(operator.add, written, scores))
    return lines


def shard_count(lines: Iterable[str]) -> int:
    """A power of two so that a shard weighs about SHARD_BYTES gzipped (≤ MAX_SHARDS)."""
    packed = zlib.compress("\n".join(lines).encode("utf-8"), 1)
    shards = 1
    while shards < MAX_SHARDS and len(packed) / shards > SHARD_BYTES:
        shards *= 2
    return shards


def _details(record: Record) -> list[object]:
    """[URL, title, page title, text, [[word, ¶ anchor], …]] (search.js item())."""
    text = record.text.split()
    excerpt = " ".join(text[:EXCERPT_WORDS]) + (" …" if len(text) > EXCERPT_WORDS else "")
    paragraphs = [[n, anchor] for n, anchor in record.paragraphs if n < EXCERPT_WORDS]
    return [record.url.lstrip("/"), record.title, record.page, excerpt, paragraphs]


def vocabulary(index: Index) -> list[str]:
    """Every folded word of letters only (no digit), the commonest first: what the box
    completes a half-typed word from and corrects a mistyped one with (fetched only then).
    Vietnamese has a few thousand syllables, so the list stays small at any scale."""
    found = [
        (-len(flat), term)
        for term, flat in index.postings.items()
        if term.isalpha() and term.isascii()
    ]
    return [term for _, term in sorted(found)]


def kind_ranges(index: Index) -> list[tuple[str, int, int]]:
    """[(kind, first record, block size), …]: records are in KIND_ORDER (site_pages()), so
    each kind's records follow each other; the box ranks and filters by kind without any
    details, and finds the file of a record's details (blocks())."""
    starts: list[tuple[str, int]] = []
    for number, record in enumerate(index.records):
        kind = kind_for(record.url.lstrip("/").partition("#")[0])
        if not starts or starts[-1][0] != kind:
            starts.append((kind, number))
    ends = [first for _, first in starts[1:]] + [len(index.records)]
    return [
        (kind, first, block_size(index.records[first:end]))
        for (kind, first), end in zip(starts, ends, strict=True)
    ]


def block_size(records: list[Record]) -> int:
    """How many records of a kind share a file of details: about BLOCK_WORDS words."""
    words = sum(min(len(r.text.split()), EXCERPT_WORDS) for r in records)
    average = max(1.0, words / max(1, len(records)))
    return max(1, min(MAX_BLOCK, int(BLOCK_WORDS / average)))


def blocks(ranges: list[tuple[str, int, int]], total: int) -> Iterator[tuple[int, int]]:
    """(first record, end) of every file of details: each kind's records by its block
    size. A file is named after its first record (search.js details())."""
    ends = [first for _, first, _ in ranges[1:]] + [total]
    for (_, first, size), end in zip(ranges, ends, strict=True):
        for start in range(first, end, size):
            yield start, min(start + size, end)


def write_index(index: Index, bundle: Path) -> None:
    """Write index.json, the shards and the record blocks (see the module's docstring)."""
    lines = posting_lines(index)
    shards = shard_count(lines[term] for term in sorted(lines))
    by_shard: defaultdict[int, list[str]] = defaultdict(list)
    for term in sorted(lines):
        by_shard[fnv1a(shard_key(term)) & (shards - 1)].append(lines[term])
    files: dict[str, str] = {}
    for shard, shard_lines in by_shard.items():
        files[f"t/{shard}.txt"] = "\n".join(shard_lines) + "\n"
    documents = [
        [n, r.url.lstrip("/"), r.title]
        for n, r in enumerate(index.records)
        if "#" not in r.url and kind_for(r.url.lstrip("/")) == "Văn bản"
    ]  # the document filter's list, fetched only when the reader filters documents
    files["d.json"] = json.dumps(documents, ensure_ascii=False) + "\n"
    files["v.txt"] = "\n".join(vocabulary(index)) + "\n"
    ranges = kind_ranges(index)
    for start, end in blocks(ranges, len(index.records)):
        block = [_details(r) for r in index.records[start:end]]
        files[f"r/{start}.json"] = json.dumps(block, ensure_ascii=False) + "\n"
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name].encode("utf-8") + b"\0")
    version = digest.hexdigest()[:12]
    for name, content in files.items():
        path = bundle / version / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    manifest: dict[str, object] = {"version": version, "shards": shards}
    manifest |= {"records": len(index.records), "kinds": ranges}
    (bundle / "index.json").write_text(json.dumps(manifest) + "\n", encoding="utf-8")


# From this many pages on, a second process reads and counts the second half of the pages
# while this one does the first (city scale: 10.0 s -> 7.8 s; SEARCH.md).
PARALLEL_PAGES = 2_000


def _index_of(pages: list[tuple[str, Path]]) -> Index:
    return build_index(pages_records(pages))


def site_index(site_dir: Path) -> Index:
    """The index of a built site's pages; a large site's is counted in two processes and
    merged, with the same result as in one."""
    pages = site_pages(site_dir)
    if len(pages) < PARALLEL_PAGES:
        return _index_of(pages)
    # the work a page costs grows with its article: its size beyond the smallest page's
    # (the theme's shell around every article)
    sizes = [page.stat().st_size for _, page in pages]
    shell = min(sizes)
    work = list(itertools.accumulate(size - shell for size in sizes))
    half = bisect.bisect(work, work[-1] / 2)
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=workers.context()) as pool:
        second = pool.submit(_index_of, pages[half:])
        first = _index_of(pages[:half])
        return _merged(first, second.result())


def _merged(first: Index, second: Index) -> Index:
    """One index of two parts' records, the second part's numbered after the first's."""
    shift = len(first.records) << 8  # see Index.postings
    postings = first.postings
    for term, flat in second.postings.items():
        postings.setdefault(term, []).extend([p + shift for p in flat])
    return Index(postings, first.lengths + second.lengths, first.records + second.records)


def index_site(site_dir: Path) -> int:
    """Write site_dir/search-index/ from the indexed pages of a built site; returns the
    number of records (0: nothing to index yet, and no index is written)."""
    bundle = site_dir / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)
    index = site_index(site_dir)
    if index.records:
        write_index(index, bundle)
    return len(index.records)
