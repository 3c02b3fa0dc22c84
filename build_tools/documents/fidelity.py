"""The fidelity gate: every word of an original, in order, is in its published content.

Words are NFC runs of letters or of digits ("mới1" is "mới" + "1"), so markup, punctuation
and spacing may change freely. Accepted differences, and only these:
- a number alone on its line in the original (a page number, a list or table number);
- the number of a numbered line ("1. …", "(2) …") that became Markdown list numbering;
- words moved into a table or a footnote (table cells and footnotes are rebuilt from a
  flattened layout, so their order may differ from the PDF's).
`added` is the converse: words in the content the original lacks (an inserted "không").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from html.entities import html5

from rapidfuzz.distance import Indel

WORD = re.compile(r"[^\W\d_]+|\d+")
ENTITY_NAMES = "|".join(sorted((re.escape(n[:-1]) for n in html5 if n.endswith(";")), key=len))
MARKUP = re.compile(
    r"\{:?[^}\n]*\}"  # attribute lists
    r"|<[^>\n]+>"  # inline HTML tags
    r"|\]\([^)\n]*\)"  # link targets
    rf"|&(?:#\d+|#[xX][0-9a-fA-F]+|(?:{ENTITY_NAMES}));"  # real entities only ("&Word;" is text)
)
CONTEXT_WORDS = 3  # neighbouring words quoted around a missing run
MAX_REPORTED = 20
LIST_NUMBER = re.compile(r"^\s*\(?\d{1,2}[.)]\s")


@dataclass(frozen=True)
class Word:
    text: str
    line: int
    loose: bool = False  # original: a lone number; content: inside a table or footnote


@dataclass(frozen=True)
class Gap:
    """Original words missing from the content (or, for `added`, content words the
    original lacks); `before`/`after`: the original's neighbouring words."""

    words: tuple[str, ...]
    original_line: int
    content_line: int
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()


def original_words(text: str) -> list[Word]:
    words: list[Word] = []
    for number, line in enumerate(_nfc(text).split("\n"), start=1):
        found = WORD.findall(line)
        lone = len(found) == 1 and found[0].isdigit()
        marker = bool(LIST_NUMBER.match(line))
        words.extend(Word(w, number, lone or (marker and i == 0)) for i, w in enumerate(found))
    return words


def content_words(text: str) -> list[Word]:
    words: list[Word] = []
    in_footnote = False
    for number, line in enumerate(_nfc(text).split("\n"), start=1):
        if line.startswith("[^") and "]:" in line:
            in_footnote = True
        elif line and not line.startswith((" ", "\t")):
            in_footnote = False
        loose = in_footnote or line.lstrip().startswith("|")
        words.extend(Word(w, number, loose) for w in WORD.findall(MARKUP.sub(" ", line)))
    return words


@dataclass(frozen=True)
class _Alignment:
    original: list[Word]
    content: list[Word]  # every content word
    placed: list[Word]  # content words outside tables and footnotes, aligned to `original`
    opcodes: list[tuple[str, int, int, int, int]]  # difflib-style, original -> placed


@lru_cache(maxsize=4)
def _align(original: str, content: str) -> _Alignment:
    """One word-level diff per document, shared by `missing` and `added` (rapidfuzz's
    Indel in C++: ~10× faster than difflib on the 13,000 words of the longest source)."""
    o, every = original_words(original), content_words(content)
    c = [w for w in every if not w.loose]
    ops = [tuple(op) for op in Indel.opcodes([w.text for w in o], [w.text for w in c])]
    return _Alignment(o, every, c, ops)  # type: ignore[arg-type]


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.lstrip("\ufeff"))


def added(original: str, content: str) -> list[Gap]:
    """Runs of content words the original does not have (an inserted "không" changes a
    meaning without losing a word). `original_line` is where they were inserted."""
    aligned = _align(original, content)
    o, every, c = aligned.original, aligned.content, aligned.placed
    extra: list[tuple[int, int]] = []  # (content index, original index where inserted)
    lost: Counter[str] = Counter()
    for tag, i1, i2, j1, j2 in aligned.opcodes:
        if tag in ("insert", "replace"):
            extra.extend((j, i1) for j in range(j1, j2))
        if tag in ("delete", "replace"):
            lost.update(o[i].text for i in range(i1, i2))
    spare = Counter(w.text for w in every if w.loose)
    spare.subtract(lost)
    gaps = _runs([(c[j], o[min(i, len(o) - 1)].line if o else 1) for j, i in extra])
    loose_extra = [(w, 0) for w in every if w.loose and _take(spare, w.text)]
    return gaps + _runs(loose_extra)


def _take(counter: Counter[str], word: str) -> bool:
    if counter[word] > 0:
        counter[word] -= 1
        return True
    return False


def _runs(words: list[tuple[Word, int]]) -> list[Gap]:
    gaps: list[Gap] = []
    for word, original_line in words:
        if (
            gaps
            and gaps[-1].content_line in (word.line, word.line - 1)
            and original_line == gaps[-1].original_line
        ):
            last = gaps[-1]
            gaps[-1] = Gap((*last.words, word.text), last.original_line, last.content_line)
        else:
            gaps.append(Gap((word.text,), original_line, word.line))
    return gaps


def missing(original: str, content: str) -> list[Gap]:
    """Runs of original words the content lacks, in original order."""
    aligned = _align(original, content)
    o, every, c = aligned.original, aligned.content, aligned.placed
    moved = Counter(w.text for w in every if w.loose)
    lost: list[tuple[int, int]] = []  # (original index, content index where it should be)
    for tag, i1, i2, j1, _ in aligned.opcodes:
        if tag in ("delete", "replace"):
            lost.extend((i, j1) for i in range(i1, i2))
    gaps: list[Gap] = []
    previous = -2
    for i, j in lost:
        word = o[i]
        if word.loose:
            continue
        if moved[word.text] > 0:
            moved[word.text] -= 1
            continue
        if gaps and i == previous + 1:
            last = gaps[-1]
            after = _neighbours(o[i + 1 :])
            gaps[-1] = Gap(
                (*last.words, word.text), last.original_line, last.content_line, last.before, after
            )
        else:
            before = _neighbours(o[:i][::-1])[::-1]
            after = _neighbours(o[i + 1 :])
            gaps.append(Gap((word.text,), word.line, _place(o, c, i, j), before, after))
        previous = i
    return gaps


def _neighbours(words: list[Word]) -> tuple[str, ...]:
    return tuple(w.text for w in words if not w.loose)[:CONTEXT_WORDS]


def _place(o: list[Word], c: list[Word], i: int, j: int) -> int:
    """The content line where original word `i` belongs: beside the content word kept
    just before it when that word shares its original line (a word deleted at the end of
    a paragraph belongs there, not at the start of the next one), else before word `j`."""
    if not c:
        return 1
    if j > 0 and i > 0 and o[i - 1].line == o[i].line:
        return c[min(j, len(c)) - 1].line
    return c[min(j, len(c) - 1)].line
