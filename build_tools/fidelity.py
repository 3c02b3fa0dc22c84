"""The fidelity gate: every word of an original, in order, is in its published content.

Words are NFC runs of letters or of digits ("mới1" is "mới" + "1"), so markup, punctuation
and spacing may change freely. Accepted differences, and only these:
- a number alone on its line in the original (a page number, a list or table number);
- the number of a numbered line ("1. …", "(2) …") that became Markdown list numbering;
- words moved into a table or a footnote (table cells and footnotes are rebuilt from a
  flattened layout, so their order may differ from the PDF's).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

WORD = re.compile(r"[^\W\d_]+|\d+")
MARKUP = re.compile(
    r"\{:?[^}\n]*\}"  # attribute lists
    r"|<[^>\n]+>"  # inline HTML tags
    r"|\]\([^)\n]*\)"  # link targets
)
MAX_REPORTED = 20
LIST_NUMBER = re.compile(r"^\s*\(?\d{1,2}[.)]\s")


@dataclass(frozen=True)
class Word:
    text: str
    line: int
    loose: bool = False  # original: a lone number; content: inside a table or footnote


@dataclass(frozen=True)
class Gap:
    """Original words missing from the content."""

    words: tuple[str, ...]
    original_line: int
    content_line: int


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


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.lstrip("\ufeff"))


def missing(original: str, content: str) -> list[Gap]:
    """Runs of original words the content lacks, in original order."""
    o, every = original_words(original), content_words(content)
    c = [w for w in every if not w.loose]
    moved = Counter(w.text for w in every if w.loose)
    matcher = SequenceMatcher(None, [w.text for w in o], [w.text for w in c], autojunk=False)
    lost: list[tuple[int, int]] = []  # (original index, content index where it should be)
    for tag, i1, i2, j1, _ in matcher.get_opcodes():
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
        line = c[min(j, len(c) - 1)].line if c else 1
        if gaps and i == previous + 1:
            last = gaps[-1]
            gaps[-1] = Gap((*last.words, word.text), last.original_line, last.content_line)
        else:
            gaps.append(Gap((word.text,), word.line, line))
        previous = i
    return gaps
