"""Scores kept exact while the index changes page by page (LiveIndex, the preview).

A folded word's posting is stored as one score character, its BM25 score rounded
(posting_lines()). Editing a page changes the average record length, so in principle every
score of the index; in fact a rounded score moves only when its exact value crosses a
rounding boundary, and a record length change of a few words moves every value by a
relative amount of about 1e-6. So the score of every posting is known at a baseline average
length, with its margin: its distance to the nearest boundary, relative to its value. A
score x at average a depends on the average through K1·B·length/a only, so at a new average
a' it lies within x·|a'/a - 1| of x: only postings whose margin is smaller can have another
character, and only those are computed again (candidates()). A term whose record count
(df) changes, or a record whose own terms or length change, has its postings computed again
outright. The result is what posting_lines() writes for the whole index, character for
character (tests/test_search_live.py).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterator
from dataclasses import dataclass, field

from build_tools.search.index import K1, SCORES, B
from build_tools.search.text import fold

TOP = len(SCORES) - 1
LETTERS = [SCORES[min(q, TOP)] for q in range(2 * TOP)]  # as posting_lines()
# Margins above this are not kept: a baseline whose average has moved further is computed
# again whole (rebaseline()); at city scale a task edit moves the average by about 3e-6.
MAX_MARGIN = 1e-3
SAFETY = 1e-9  # floating-point slack on the bound


def is_scored(term: str) -> bool:
    """A folded word: its postings carry a BM25 score (pairs, words with diacritics and
    ids are only looked up)."""
    return " " not in term and not term.startswith("=") and fold(term) == term


def margin(x: float) -> float:
    """How far a score x is from changing its character, relative to x: the distance to
    the nearest rounding boundary k + 0.5 (the last, 37.5, below the capped top)."""
    if x >= TOP - 0.5:
        return (x - (TOP - 0.5)) / x
    f = x + 0.5
    k = int(f)
    return min(f - k, k + 1 - f) / x


@dataclass
class Scorer:
    """Per-record length norms and the collection figures of posting_lines()."""

    total: int
    average: float
    norm: list[float]
    step: float

    @classmethod
    def of(cls, lengths: list[int], length_sum: int) -> Scorer:
        """The scorer of records with these weighted lengths (summing to length_sum)."""
        total = len(lengths)
        average = length_sum / max(1, total)
        norm = [K1 * (1 - B + B * length / average) for length in lengths]
        step = math.log(1 + (total - 0.5) / 1.5) * (K1 + 1) / TOP
        return cls(total, average, norm, step)

    def scale(self, df: int) -> float:
        """The factor of a term held by df records (its idf, scaled so 38 is the top)."""
        return math.log(1 + (self.total - df + 0.5) / (df + 0.5)) * (K1 + 1) / self.step

    def value(self, scale: float, tf: int, number: int) -> float:
        """A posting's exact score before rounding, as posting_lines() computes it."""
        return scale * tf / (tf + self.norm[number])


@dataclass
class Baseline:
    """The postings of some lines whose margin at one average length is below MAX_MARGIN,
    sorted by margin: (margin, term, record)."""

    average: float
    margins: list[float] = field(default_factory=list)
    refs: list[tuple[str, int]] = field(default_factory=list)
    last: float = 0.0  # the bound used at the last update (its candidates may differ)

    def add(self, entries: list[tuple[float, str, int]]) -> None:
        """Keep these (margin, term, record) entries, sorted with those kept already."""
        merged = sorted([*zip(self.margins, self.refs, strict=True), *_pairs(entries)])
        self.margins = [m for m, _ in merged]
        self.refs = [ref for _, ref in merged]

    def bound(self, average: float) -> float:
        """How far, relative to their value, scores may have moved since this baseline."""
        return abs(average / self.average - 1) + SAFETY

    def candidates(self, average: float) -> Iterator[tuple[str, int]]:
        """(term, record) of every posting whose character may differ from the baseline's
        at this average, or may have differed at the last update (it is set back)."""
        now = self.bound(average)
        limit = max(now, self.last)
        self.last = now
        yield from self.refs[: bisect.bisect_right(self.margins, limit)]


def _pairs(entries: list[tuple[float, str, int]]) -> Iterator[tuple[float, tuple[str, int]]]:
    for m, term, number in entries:
        yield m, (term, number)
