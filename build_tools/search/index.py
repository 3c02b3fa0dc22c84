"""The index in memory: every term's postings (record number and weighted frequency) and
every record's weighted length, counted from the records in index order; a large site's
pages are counted in two processes and merged (site_index()).
"""

from __future__ import annotations

import bisect
import concurrent.futures
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from build_tools import workers
from build_tools.search.records import Record, pages_records, site_pages
from build_tools.search.text import fold, ident_term, words

# Ranking: BM25 with k1 = 1.2 and a length weight b of 0.3 rather than the usual 0.75: a
# document section is long by nature and a task short, and at 0.75 a task quoting a
# sentence outranked the section it quotes (suite hits at city scale 13 -> 26 of 39; 1×
# 39/39 either way; SEARCH.md). A word of a record's title counts TITLE_WEIGHT times. A
# score is stored as one character, ":" (0) to "`" (38): ASCII 58-96, none of them a
# base-36 digit, so postings need no separator. The highest possible score is 38.
K1, B = 1.2, 0.3

TITLE_WEIGHT = 2

SCORES = "".join(chr(c) for c in range(58, 97))


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
