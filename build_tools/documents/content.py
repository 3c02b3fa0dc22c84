"""The structured Markdown editors own (content/van-ban/<id>/noi-dung.md) -> blocks.

The file is plain Markdown with a few conventions the converter writes:
headings end with `{#anchor}`; a long numbered clause kept as body text ends with a line
`{: #anchor .clause }`; paragraphs may end with `{: .class }`; footnotes `[^1]: …`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_tools.documents.convert import patterns as p

HEADING = re.compile(r"^(?P<hashes>#{2,6})\s+(?P<text>.*?)\s*(?:\{:?\s*(?P<attrs>[^}]*)\})?\s*$")
ATTR_LINE = re.compile(r"^\s*\{:\s*(?P<attrs>[^}]*)\}\s*$")
FOOTNOTE_DEF = re.compile(r"^\[\^(?P<label>[^\]]+)\]:\s*(?P<text>.*)$")
LIST_ITEM = re.compile(r"^(?P<indent>\s*)[-+*]\s+(?P<text>.*)$")
TABLE_ROW = re.compile(r"^\s*\|")


@dataclass(frozen=True)
class Attrs:
    anchor: str = ""
    classes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ListItem:
    depth: int
    text: str
    line: int


@dataclass(frozen=True)
class Block:
    """One block of the content file. `text` is Markdown without the attribute line."""

    kind: str  # heading | clause | para | list | table | footnote
    text: str
    line: int  # 1-based line in the content file
    attrs: Attrs = Attrs()
    level: int = 0  # headings: 2..6
    items: tuple[ListItem, ...] = ()


def parse_attrs(text: str) -> Attrs:
    anchor = ""
    classes: list[str] = []
    for token in text.split():
        if token.startswith("#"):
            anchor = token[1:]
        elif token.startswith("."):
            classes.append(token[1:])
    return Attrs(anchor, tuple(classes))


def split_blocks(text: str) -> list[tuple[int, list[str]]]:
    """Blank-line separated chunks with the line number of their first line."""
    chunks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 1
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            chunks.append((start, current))
            current = []
    if current:
        chunks.append((start, current))
    return chunks


def parse(text: str) -> list[Block]:
    """All blocks of a content file, in order."""
    return [_block(start, lines) for start, lines in split_blocks(text)]


def _block(start: int, lines: list[str]) -> Block:
    first = lines[0]
    heading = HEADING.match(first) if len(lines) == 1 else None
    if heading:
        attrs = parse_attrs(heading.group("attrs") or "")
        level = len(heading.group("hashes"))
        return Block("heading", heading.group("text"), start, attrs, level)
    if FOOTNOTE_DEF.match(first):
        return Block("footnote", "\n".join(lines), start)
    if TABLE_ROW.match(first):
        return Block("table", "\n".join(lines), start)
    if LIST_ITEM.match(first):
        return Block("list", "\n".join(lines), start, items=_items(start, lines))
    attrs = Attrs()
    if len(lines) > 1 and ATTR_LINE.match(lines[-1]):
        attrs = parse_attrs(ATTR_LINE.match(lines[-1]).group("attrs"))  # type: ignore[union-attr]
        lines = lines[:-1]
    kind = "clause" if "clause" in attrs.classes else "para"
    return Block(kind, "\n".join(lines), start, attrs)


def _items(start: int, lines: list[str]) -> tuple[ListItem, ...]:
    items: list[ListItem] = []
    for offset, line in enumerate(lines):
        match = LIST_ITEM.match(line)
        if match:
            depth = len(match.group("indent").expandtabs(4)) // 2
            items.append(ListItem(depth, match.group("text"), start + offset))
        elif ATTR_LINE.match(line):
            continue
        elif items:
            last = items[-1]
            items[-1] = ListItem(last.depth, f"{last.text} {line.strip()}", last.line)
    levels = sorted({item.depth for item in items})
    return tuple(ListItem(levels.index(i.depth), i.text, i.line) for i in items)


def section_number(text: str) -> tuple[str, str]:
    """(number, title) of a heading or clause text: "II- NỘI DUNG" -> ("II", "NỘI DUNG")."""
    num = p.numbered(text.replace("**", "").strip())
    if num is None or num.kind == "annex":  # "PHỤ LỤC 4" is named, not numbered
        return "", text.strip()
    return num.number, num.title.strip()
