"""Text as received -> clean lines: BOM, CRLF, NFC, tabs, trailing spaces."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

TAB_WIDTH = 4


@dataclass(frozen=True)
class Line:
    """One physical line of the source, stripped, with what stripping removed."""

    number: int  # 1-based line number in the source
    text: str  # without leading/trailing white space
    indent: int  # leading spaces (tabs count as TAB_WIDTH)
    raw_width: int  # length including trailing spaces (PDF extracts pad lines)


def normalize_text(text: str) -> str:
    """NFC, no BOM, LF line ends, no non-breaking or zero-width oddities."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\f", "\n")
    return unicodedata.normalize("NFC", text)


def split_lines(text: str) -> list[Line]:
    """Normalised text as Line records (blank lines kept, text "")."""
    lines = []
    for number, raw in enumerate(normalize_text(text).split("\n"), start=1):
        expanded = raw.expandtabs(TAB_WIDTH)
        stripped = expanded.strip()
        indent = len(expanded) - len(expanded.lstrip(" "))
        lines.append(Line(number, " ".join(stripped.split()), indent, len(expanded)))
    return lines


ATX = re.compile(r"^ {0,3}#{1,6}[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
ESCAPED = re.compile(r"\\([-.+*_#()\[\]!])")


def unmark_markdown(text: str) -> str:
    """Markdown someone else made -> the text the converter reads: `#` marks dropped (the
    document's own numbering decides the level, not the exporter's guess) and backslash
    escapes undone (`1\\.`, `\\-`); tables, emphasis and everything else kept."""
    out = []
    for line in text.split("\n"):
        match = ATX.match(line)
        line = match.group("text") if match else line
        out.append(line if line.lstrip().startswith("|") else ESCAPED.sub(r"\1", line))
    return "\n".join(out)
