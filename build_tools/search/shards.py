"""What the index's files hold, computed from the index in memory: every term's line of a
shard (postings and scores, posting_lines()), the number of shards, the vocabulary, the
kind ranges and the blocks of record details. Scores are computed here (BM25, title words
weighted up) and stored as one character, so the search box needs no table of record
lengths: it sums them.
"""

from __future__ import annotations

import math
import operator
import zlib
from collections.abc import Iterable, Iterator

from build_tools.search.index import K1, SCORES, B, Index
from build_tools.search.records import Record
from build_tools.search.text import fold, kind_for

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

_DIGITS36 = "0123456789abcdefghijklmnopqrstuvwxyz"

GAPS: list[str] = [a + b for a in ["", *_DIGITS36[1:]] for b in _DIGITS36]  # 0..1295


def base36(n: int) -> str:
    """n in base 36, lower case ("0", "z", "10")."""
    if n < len(GAPS):
        return GAPS[n]
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
        written = [GAPS[g] if g < len(GAPS) else base36(g) for g in steps]
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


def details(record: Record) -> list[object]:
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
    return size_of_blocks(sum(text_words(r) for r in records), len(records))


def text_words(record: Record) -> int:
    """The words of a record's details that count towards its block's size."""
    return min(len(record.text.split()), EXCERPT_WORDS)


def size_of_blocks(words: int, records: int) -> int:
    """The block size of a kind whose records hold this many words (block_size())."""
    average = max(1.0, words / max(1, records))
    return max(1, min(MAX_BLOCK, int(BLOCK_WORDS / average)))


def blocks(ranges: list[tuple[str, int, int]], total: int) -> Iterator[tuple[int, int]]:
    """(first record, end) of every file of details: each kind's records by its block
    size. A file is named after its first record (search.js details())."""
    ends = [first for _, first, _ in ranges[1:]] + [total]
    for (_, first, size), end in zip(ranges, ends, strict=True):
        for start in range(first, end, size):
            yield start, min(start + size, end)
