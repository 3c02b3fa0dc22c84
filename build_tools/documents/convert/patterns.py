"""Recognisers for the numbering and markers Vietnamese administrative texts use."""

from __future__ import annotations

import re
from dataclasses import dataclass

PART = re.compile(r"^PHẦN\s+(?P<num>[IVX]+)\b\s*[:.\-–]?\s*(?P<title>.*)$")
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
SEPARATOR = re.compile(r"^(?:-{3,}|\*(?:\s*\*)*)$")
APPENDIX = re.compile(r"^PHỤ LỤC\s+(?P<num>\d+)$")
SIGNATURE_START = re.compile(r"^T/M\s")
RECIPIENTS = re.compile(r"^Nơi nhận\s*:?$")
ADDRESSEE = re.compile(r"^Kính gửi\s*:")

# Kinds of numbering, outermost first; a document's heading levels follow this order.
KINDS = ("part", "roman", "arabic", "decimal", "letter")


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
        ("decimal", DECIMAL),
        ("roman", ROMAN),
        ("arabic", ARABIC),
        ("letter", LETTER),
    ):
        match = pattern.match(text)
        if match:
            title = match.group("title")
            marker = text[: len(text) - len(title)].rstrip() if title else text.rstrip()
            return Numbered(kind, match.group("num"), marker, title)
    return None


def starts_block(text: str) -> bool:
    """Whether a line can only be the first line of a block (never a wrapped tail)."""
    return bool(
        numbered(text)
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
