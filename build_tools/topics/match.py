"""Phrase rules: which topics a section is about, strongest first.

Text is compared as whole words: NFC, lower-cased, split into word tokens, so "đảng"
matches the word "Đảng" but not "đăng", "dang" or a longer word, and a phrase such as
"khoa học, công nghệ" matches across the comma. A section's own heading weighs far more
than its body, so a heading that names an area gets that topic first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from build_tools.topics.model import Assignment, Topic

HEADING_WEIGHT = 10.0  # one distinct phrase in the heading = ten in the body
BODY_CAP = 3  # occurrences of one phrase counted in a body, at most
WORDS_PER_HIT = 150  # a topic found only in the body needs one more hit per this many words…
MAX_BODY_NEED = 3.0  # …but never more than this score…
RELATIVE = 0.5  # …and at least this share of the best body score of the section…
CONTESTED = 2.0  # …and at least this when another topic scored higher
MAX_TOPICS = 3  # a section lists at most this many automatic topics

_WORD = re.compile(r"[\w\u0300-\u036f]+")


def normalize(text: str) -> str:
    """Words of `text`, NFC and lower-cased, joined by single spaces."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFC", text).lower()))


def _padded(text: str) -> str:
    """Normalized text with every word between its own spaces: " a  b  c ".

    A phrase is then a plain substring (" a  b "), found and replaced with str methods,
    never inside a longer word and never sharing a space with the next occurrence.
    """
    return f" {text.replace(' ', '  ')} " if text else ""


@cache
def _key(phrase: str) -> str:
    return _padded(normalize(phrase))


def count(phrase: str, text: str) -> int:
    """How many times `phrase` occurs as whole words in normalized `text`."""
    key = _key(phrase)
    return _padded(text).count(key) if key else 0


def _strip(padded: str, phrases: Iterable[str]) -> str:
    """Padded text with each phrase replaced by a token that matches nothing."""
    for phrase in phrases:
        key = _key(phrase)
        if key and key in padded:
            padded = padded.replace(key, " | ")
    return padded


@dataclass(frozen=True)
class Score:
    slug: str
    heading: int  # distinct phrases found in the heading
    body: float  # capped occurrences found in the body

    @property
    def total(self) -> float:
        return self.heading * HEADING_WEIGHT + self.body


def score(topic: Topic, heading: str, body: str) -> Score:
    """Score one topic on a section's normalized heading and body.

    Longer phrases are matched first and their words consumed, so "kiểm tra, giám sát"
    counts once, not again as "kiểm tra" and "giám sát".
    """
    head = _strip(_padded(heading), topic.exclusions)
    text = _strip(_padded(body), topic.exclusions)
    in_heading, in_body = 0, 0
    for phrase in longest_first(topic.phrases):
        key = _key(phrase)
        if not key:
            continue
        if key in head:
            in_heading += 1
            head = head.replace(key, " | ")
        found = text.count(key)
        if found:
            in_body += min(found, BODY_CAP)
            text = text.replace(key, " | ")
    return Score(topic.slug, in_heading, float(in_body))


@cache
def longest_first(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """Phrases by number of words, longest first (stable for equal lengths)."""
    return tuple(sorted(phrases, key=lambda p: -len(normalize(p).split())))


def rank(topics: Iterable[Topic], heading: str, body: str) -> tuple[Assignment, ...]:
    """The topics a section is about, strongest first (ties keep topics.yml order)."""
    return _rank(tuple(topics), heading, body)


@lru_cache(maxsize=1 << 16)  # `make serve` matches the same sections after every save
def _rank(topics: tuple[Topic, ...], heading: str, body: str) -> tuple[Assignment, ...]:
    head, text = normalize(heading), normalize(body)
    scores = [score(t, head, text) for t in topics]
    best_body = max((s.body for s in scores), default=0.0)
    best_total = max((s.total for s in scores), default=0.0)
    need = max(RELATIVE * best_body, body_need(len(text.split())))
    # A stray word does not add a topic beside a stronger one; equals at the top all stay.
    weaker_need = max(need, CONTESTED)
    kept = [
        s for s in scores if s.heading or s.body >= (need if s.total >= best_total else weaker_need)
    ]
    kept.sort(key=lambda s: -s.total)  # stable: equal scores keep topics.yml order
    return tuple(
        Assignment(s.slug, s.total, "tiêu đề" if s.heading else "nội dung")
        for s in kept[:MAX_TOPICS]
    )


def body_need(words: int) -> float:
    """The body score a topic needs in a section of `words` words: 1, 2 … MAX_BODY_NEED."""
    return float(min(1 + words // WORDS_PER_HIT, MAX_BODY_NEED))
