"""Recognisers for the numbering and markers Vietnamese administrative texts use."""

from __future__ import annotations

import re
from dataclasses import dataclass

ORDINALS = "NHẤT|HAI|BA|TƯ|NĂM|SÁU|BẢY|TÁM|CHÍN|MƯỜI"
PART = re.compile(
    rf"^(?:PHẦN|Phần)\s+(?P<num>[IVX]+|THỨ\s+(?:{ORDINALS})|thứ\s+(?:{ORDINALS.lower()}))"
    r"(?![\w])\s*[:.\-–]?\s*(?P<title>.*)$"
)
ALPHA = re.compile(r"^(?P<num>[A-H])\s?[-.–]\s+(?P<title>\S.*)$")
CHAPTER = re.compile(r"^Chương\s+(?P<num>[IVXLC]+|\d{1,2})(?![\w])\s*[:.\-–]?\s*(?P<title>.*)$")
SECTION = re.compile(r"^Mục\s+(?P<num>\d{1,2}|[IVX]+)(?![\w.])\s*[:.\-–]?\s*(?P<title>.*)$")
ARTICLE = re.compile(r"^Điều\s+(?P<num>\d{1,3}[a-z]?)\s*[.:]\s*(?P<title>.*)$")
ANNEX = re.compile(
    r"^(?:PHỤ LỤC|Phụ lục)(?:\s+(?P<num>[IVX]+|\d{1,2}|[A-H])(?![\w]))?\s*[:.\-–]?\s*"
    r"(?P<title>.*)$"
)
ROMAN = re.compile(r"^(?P<num>[IVX]+)\s*[-.–]\s*(?P<title>\S.*)$")
DECIMAL = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2})+)\.?\s+(?P<title>\S.*)$")
ARABIC = re.compile(r"^(?P<num>\d{1,2})[.\-–]\s+(?P<title>\S.*)$")
LETTER = re.compile(r"^(?P<num>[a-zđ])\)\s+(?P<title>\S.*)$")
BULLET = re.compile(r"^(?P<mark>[-+*•–])\s+(?P<text>\S.*)$")
ORDINAL = re.compile(
    r"^(?P<lead>(?:Thứ (?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười))"
    r"|(?:(?:Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười) là)),\s"
)
PAREN_NUMBER = re.compile(r"^\(\d{1,2}\)\s")
PAREN = re.compile(r"^(?P<marker>\((?P<num>\d{1,2})\))\s+(?P<title>\S.*)$")
SEPARATOR = re.compile(r"^(?:-{3,}|\*(?:\s*\*)*)$")
APPENDIX = re.compile(r"^PHỤ LỤC\s+(?P<num>\d+)$")
SIGNATURE_START = re.compile(r"^T/M\s")
RECIPIENTS = re.compile(r"^Nơi nhận\s*:?$")
ADDRESSEE = re.compile(r"^Kính gửi\s*:")

# Kinds of numbering, outermost first; a document's heading levels follow this order.
# "(1)" items ("paren") are headings only where proved titles (convert.paren_titles), else
# plain body text. An appendix ("annex") is always level 1. Below an article (Điều),
# numbered items are its khoản and điểm: body text, never headings.
KINDS = (
    "annex", "part", "alpha", "chapter", "section", "article",
    "roman", "arabic", "decimal", "decimal3", "decimal4", "paren", "letter",
)  # fmt: skip
GLOBAL_KINDS = frozenset({"annex", "part", "alpha", "chapter", "article"})  # own anchors


@dataclass(frozen=True)
class Numbered:
    kind: str  # one of KINDS
    number: str  # as written, without trailing punctuation: "II", "3.1", "a"
    marker: str  # the marker as written, e.g. "II-", "3.1.", "a)", "PHẦN I:"
    title: str


def numbered(text: str) -> Numbered | None:
    """The numbering a line starts with, if any."""
    for kind, pattern in (
        ("part", PART),
        ("chapter", CHAPTER),
        ("section", SECTION),
        ("article", ARTICLE),
        ("annex", ANNEX),
        ("alpha", ALPHA),
        ("decimal", DECIMAL),
        ("roman", ROMAN),
        ("arabic", ARABIC),
        ("letter", LETTER),
    ):
        match = pattern.match(text)
        if match and _fits(kind, match.group("title")):
            title = match.group("title")
            marker = text[: len(text) - len(title)].rstrip() if title else text.rstrip()
            number = match.group("num") or ""
            if kind == "decimal" and number.count(".") > 1:
                kind = "decimal3" if number.count(".") == 2 else "decimal4"
            return Numbered(kind, " ".join(number.split()), marker, title)
    return None


def _fits(kind: str, title: str) -> bool:
    """A label's title: capitals for "A-" and "PHỤ LỤC", a capital for Chương and Mục
    ("Mục 2 của Chương" is a sentence)."""
    if kind in ("alpha", "annex"):
        return not title or is_upper(title)
    if kind in ("chapter", "section", "part"):
        return not title or not starts_lower(title)
    return True


def starts_block(text: str) -> bool:
    """Whether a line can only be the first line of a block (never a wrapped tail)."""
    return bool(
        numbered(text)
        or (text[:1] in '“"' and numbered(text[1:].lstrip()))
        or BULLET.match(text)
        or ORDINAL.match(text)
        or PAREN_NUMBER.match(text)
        or SEPARATOR.match(text)
        or APPENDIX.match(text)
        or SIGNATURE_START.match(text)
        or RECIPIENTS.match(text)
        or ADDRESSEE.match(text)
    )


def is_upper(text: str) -> bool:
    """All letters upper case (a title line), and at least two letters."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def starts_lower(text: str) -> bool:
    first = next((c for c in text if c.isalnum()), "")
    return first.islower()


def ends_sentence(text: str) -> bool:
    return text.rstrip("*_ ").endswith((".", ";", ":", "!", "?", "…"))
