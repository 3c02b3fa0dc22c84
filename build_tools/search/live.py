"""The search index kept in memory and updated page by page: the preview's (issue 18).

LiveIndex.build(site_dir) indexes a built site and writes site_dir/search-index/ exactly
as index_site() does. LiveIndex.update({url: html or None}) then reads only those pages
again and rewrites only the files whose content changes: the shards holding a line that
changed, the blocks of details of an edited record, d.json, v.txt, index.json. Record
numbers are those of a full build (records in KIND_ORDER, then URL): an edit that keeps
each page's number of records keeps every number, and its scores stay exact (scores.py),
so the files are those a full build of the edited site writes, but for two things a query
does not read: the version folder's name (a hash of the previous version and the changed
files; the folder is renamed, not copied) and the number of shards (kept). A page added
or removed, or a page whose number of sections changes, renumbers the records after it:
the index is then counted again from the records in memory (no page read again) and
written whole, as index_site() writes it.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections.abc import Iterable, Mapping
from pathlib import Path

from build_tools.search.index import Index, build_index, record_terms, site_index
from build_tools.search.live_files import Bundle
from build_tools.search.records import Record, page_records
from build_tools.search.scores import LETTERS, MAX_MARGIN, Baseline, Scorer, is_scored, margin
from build_tools.search.shards import GAPS, base36
from build_tools.search.text import KIND_ORDER, kind_for

# After this many records edited since the baselines were set, every score is computed
# again at the next update and the baselines start afresh (each edited record's postings
# are computed at every update until then).
HOT_MAX = 500


class LiveIndex:
    """A built site's search index in memory, kept equal to a full index of the site."""

    def __init__(self, site_dir: Path, index: Index) -> None:
        self.site_dir = site_dir
        self._load(index)

    def _load(self, index: Index) -> None:
        """Take this index's records and postings, score every line, note the files."""
        self.records = index.records
        self.lengths = index.lengths
        self.length_sum = sum(index.lengths)
        self.postings = index.postings
        self.scorer = Scorer.of(self.lengths, self.length_sum)
        self.lines: dict[str, str] = {}
        self.pieces: dict[str, list[str]] = {}  # a scored term's postings, as written
        self.line_base: dict[str, int] = {}  # a scored term -> its baseline's id
        self.baselines: dict[int, Baseline] = {}
        self.hot: dict[int, list[str]] = {}  # records edited since: their scored terms
        self.pages = _page_ranges(self.records)
        self._score_all()
        self.bundle = Bundle.of(self.site_dir, self.records, self.lines, self.postings)

    @classmethod
    def build(cls, site_dir: Path) -> LiveIndex:
        """Index every page of a built site and write site_dir/search-index/ (as
        index_site(): byte for byte)."""
        live = cls(site_dir, site_index(site_dir))
        live.bundle.write_all(live.records, live.lines)
        return live

    def update(self, pages: Mapping[str, str | None]) -> list[Path]:
        """Read these pages again and rewrite the files of the index whose content changes;
        returns the files written (index.json last; none when no record changed).

        pages: URL ("van-ban/x/", also with a leading slash or a final "index.html") -> the
        page's new HTML, or None for a page removed. Pages of no result kind are ignored;
        give only the pages a save changed (each is cut into records again). If the folder
        of the index was removed meanwhile (the site written again), all is written. After
        an exception, build() again: the index in memory may be half updated."""
        changed = {}
        for page_url, page_html in pages.items():
            url = site_url(page_url)
            if not kind_for(url.lstrip("/")):
                continue
            first, end = self.pages.get(url, (0, 0))
            new = page_records(page_html, url) if page_html is not None else []
            if new != self.records[first:end]:
                changed[url] = new
        if not changed:
            return []
        if any(len(new) != _count(self.pages.get(url)) for url, new in changed.items()):
            return self._renumber(changed)
        edits: dict[int, Record] = {}
        for url, new in changed.items():
            first = self.pages[url][0]
            edits |= {first + i: r for i, r in enumerate(new) if r != self.records[first + i]}
        return self._edit(edits)

    # -- a change of record numbers: everything counted again from the records in memory

    def _renumber(self, changed: Mapping[str, list[Record]]) -> list[Path]:
        by_page = {url: self.records[a:b] for url, (a, b) in self.pages.items()}
        by_page |= changed
        order = sorted(
            (KIND_ORDER.index(kind_for(url.lstrip("/"))), url) for url, r in by_page.items() if r
        )
        records = [record for _, url in order for record in by_page[url]]
        self._load(build_index(records))
        return self.bundle.write_all(self.records, self.lines)

    # -- an edit that keeps every record number

    def _edit(self, edits: Mapping[int, Record]) -> list[Path]:
        touched: dict[str, None] = {}
        counted: set[str] = set()  # terms whose number of records changed
        before = {number: self.records[number] for number in edits}
        for number, record in edits.items():
            old_terms, new_terms = self._replace(number, record)
            touched |= dict.fromkeys(itertools.chain(old_terms, new_terms))
            counted |= old_terms.symmetric_difference(new_terms)
            self.hot[number] = [t for t in new_terms if is_scored(t)]
        self.scorer = Scorer.of(self.lengths, self.length_sum)
        changed = self._rescore(touched, counted)
        return self.bundle.update(self.records, before, self.lines, self.postings, changed, counted)

    def _replace(self, number: int, record: Record) -> tuple[set[str], set[str]]:
        """Put a record in place of record number: its postings, length, details."""
        old, old_length = record_terms(self.records[number])
        new, new_length = record_terms(record)
        self.records[number] = record
        self.lengths[number] = new_length
        self.length_sum += new_length - old_length
        key = number << 8
        for term in old.keys() - new.keys():
            packed = self.postings[term]
            del packed[bisect.bisect_left(packed, key)]
            if not packed:
                del self.postings[term]
        for term, tf in new.items():
            packed = self.postings.setdefault(term, [])
            at = bisect.bisect_left(packed, key)
            if at < len(packed) and packed[at] >> 8 == number:
                packed[at] = key | min(tf, 255)
            else:
                packed.insert(at, key | min(tf, 255))
        return set(old), set(new)

    def _rescore(self, touched: Iterable[str], counted: set[str]) -> set[str]:
        """Every line that may have changed, written again; returns their terms."""
        base_id = max(self.baselines, default=0) + 1
        entries: list[tuple[float, str, int]] = []
        # a line without scores changes only with its records; a scored line whose records
        # stay has only the edited records' postings to compute again (self.hot)
        whole = {t for t in touched if t in counted}
        if len(self.hot) > HOT_MAX or any(
            b.bound(self.scorer.average) > MAX_MARGIN for b in self.baselines.values()
        ):
            whole |= self._stale_lines()
        changed = set(whole)
        for term in whole:
            entries += self._line(term, base_id)
        self.baselines[base_id] = Baseline(self.scorer.average)
        self.baselines[base_id].add(entries)
        scales: dict[str, float] = {}
        for bid, base in list(self.baselines.items()):
            if bid != base_id:
                for term, number in base.candidates(self.scorer.average):
                    if self.line_base.get(term) == bid and self._posting(term, number, scales):
                        changed.add(term)
        for number, terms in self.hot.items():
            for term in terms:
                if self.line_base.get(term) != base_id and self._posting(term, number, scales):
                    changed.add(term)
        for term in changed:
            if term in self.pieces:
                self.lines[term] = term + "\t" + "".join(self.pieces[term])
        return changed

    def _stale_lines(self) -> set[str]:
        """Every scored line, when the baselines have drifted or too many records have
        been edited: all are computed again at this update."""
        self.hot.clear()
        stale = set(self.line_base)
        self.baselines.clear()
        return stale

    def _line(self, term: str, base_id: int) -> list[tuple[float, str, int]]:
        """Write a term's whole line again (or drop it when no record holds it); returns
        the margins to keep of its scores (scores.py)."""
        packed = self.postings.get(term)
        if not packed:
            for table in (self.lines, self.pieces, self.line_base):
                table.pop(term, None)
        elif is_scored(term):
            pieces, entries = _scored(term, packed, self.scorer)
            self.pieces[term] = pieces
            self.line_base[term] = base_id
            return entries
        else:
            self.lines[term] = _plain_line(term, packed)
        return []

    def _posting(self, term: str, number: int, scales: dict[str, float]) -> bool:
        """Compute one posting's score character again; True if it changed."""
        packed = self.postings[term]
        at = bisect.bisect_left(packed, number << 8)
        if term not in scales:
            scales[term] = self.scorer.scale(len(packed))
        x = self.scorer.value(scales[term], packed[at] & 255, number)
        letter = LETTERS[int(x + 0.5)]
        piece = self.pieces[term][at]
        if piece[-1] == letter:
            return False
        self.pieces[term][at] = piece[:-1] + letter
        return True

    def _score_all(self) -> None:
        entries = []
        for term in self.postings:
            entries += self._line(term, 1)
            if term in self.pieces:
                self.lines[term] = term + "\t" + "".join(self.pieces[term])
        self.baselines = {1: Baseline(self.scorer.average)}
        self.baselines[1].add(entries)


def _gaps(packed: list[int]) -> list[str]:
    """Each posting's gap from the previous record number, in base 36 (posting_lines())."""
    numbers = [p >> 8 for p in packed]
    steps = map(operator.sub, numbers, [0, *numbers[:-1]])
    return [GAPS[g] if g < len(GAPS) else base36(g) for g in steps]


def _plain_line(term: str, packed: list[int]) -> str:
    """The line of a term stored without scores (a pair, a word with diacritics, an id)."""
    return term + "\t" + ":".join(_gaps(packed)) + ":"


def _scored(
    term: str, packed: list[int], scorer: Scorer
) -> tuple[list[str], list[tuple[float, str, int]]]:
    """A folded word's postings as written (gap and score character), and the margins
    below MAX_MARGIN of its scores (scores.py)."""
    scale = scorer.scale(len(packed))
    norm = scorer.norm
    pieces, entries = [], []
    for gap, p in zip(_gaps(packed), packed, strict=True):
        number, tf = p >> 8, p & 255
        x = scale * tf / (tf + norm[number])
        pieces.append(gap + LETTERS[int(x + 0.5)])
        m = margin(x)
        if m <= MAX_MARGIN:
            entries.append((m, term, number))
    return pieces, entries


def _page_ranges(records: list[Record]) -> dict[str, tuple[int, int]]:
    """Page URL -> (its first record's number, the number after its last)."""
    ranges: dict[str, tuple[int, int]] = {}
    for number, record in enumerate(records):
        url = record.url.partition("#")[0]
        first, _ = ranges.get(url, (number, number))
        ranges[url] = (first, number + 1)
    return ranges


def site_url(url: str) -> str:
    """A page's URL as records hold it, "/van-ban/x/", from "van-ban/x/", "/van-ban/x",
    or "van-ban/x/index.html"."""
    path = url.strip("/").removesuffix("index.html").strip("/")
    return "/" + path + "/" if path else "/"


def _count(span: tuple[int, int] | None) -> int:
    """How many records a page has (None: a page not indexed)."""
    return span[1] - span[0] if span else 0
