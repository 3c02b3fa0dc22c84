"""Source document (text as received) -> structured Markdown. Pure: str -> str.

The Markdown is written once into content/ by `python -m build_tools import`; editors
then own it, and the fidelity gate keeps every original word in it.
"""

from __future__ import annotations

from build_tools.documents.convert import patterns as p
from build_tools.documents.convert.anchors import AnchorAllocator
from build_tools.documents.convert.blocks import (
    Para,
    extract_footnotes,
    is_wrapped,
    line_width,
    plain,
    reflow,
    split_regions,
)
from build_tools.documents.convert.markdown import (
    Emitter,
    attach_footnotes,
    clean_inline,
    lines_block,
)
from build_tools.documents.convert.normalize import Line, split_lines
from build_tools.documents.convert.tables import build_table, markdown_table


def convert_text(text: str, wrapped: bool | None = None) -> str:
    """Structured Markdown for a source text (.txt or pandoc-style .md).

    `wrapped`: whether lines are hard-wrapped (PDF extracts); guessed when None.
    """
    lines, notes = extract_footnotes(split_lines(text))
    regions = split_regions(lines)
    wrapped = is_wrapped(regions.body) if wrapped is None else wrapped
    width = line_width(regions.body)
    body = reflow(regions.body, wrapped, width)
    anchors = AnchorAllocator()
    emitter = Emitter(_kinds(body), anchors, wrapped)
    if regions.header:
        emitter.block(lines_block(_header_lines(regions.header), "doc-header"))
    if regions.addressee:
        _addressee(emitter, regions.addressee)
    for para in body:
        emitter.paragraph(para)
    if regions.recipients:
        _recipients(emitter, regions.recipients)
    if regions.signature:
        emitter.block(lines_block([line.text for line in regions.signature], "signature"))
    for appendix in regions.appendices:
        _appendix(emitter, appendix)
    blocks = attach_footnotes(emitter.out, notes)
    return "\n\n".join(blocks) + "\n"


def _kinds(body: list[Para]) -> list[str]:
    kinds = []
    for para in body:
        num = p.numbered(plain(para.text))
        if num and num.kind not in kinds:
            kinds.append(num.kind)
    return kinds


def _header_lines(lines: list[Line]) -> list[str]:
    """Title-block lines; a wrapped line (starting lower case) joins the one above."""
    out: list[str] = []
    for line in lines:
        if not line.text or p.SEPARATOR.match(plain(line.text)):
            continue
        if out and p.starts_lower(line.text) and not p.is_upper(plain(out[-1])):
            out[-1] = f"{out[-1]} {line.text}"
        else:
            out.append(line.text)
    return out


def _addressee(emitter: Emitter, lines: list[Line]) -> None:
    first, rest = lines[0], lines[1:]
    label = plain(first.text.lstrip("-+* "))
    emitter.block(f"{label}\n{{: .addressee }}")
    for para in reflow(rest, False, 80):
        emitter.paragraph(para)


def _recipients(emitter: Emitter, lines: list[Line]) -> None:
    emitter.heading(plain(lines[0].text).rstrip(":").strip())
    for para in reflow(lines[1:], False, 80):
        emitter.paragraph(para)


def _appendix(emitter: Emitter, lines: list[Line]) -> None:
    title_at = next(i for i, line in enumerate(lines) if p.APPENDIX.match(line.text))
    letterhead = [line.text for line in lines[:title_at]]
    if any(letterhead):
        emitter.block(lines_block(letterhead, "doc-header"))
    emitter.heading(lines[title_at].text)
    rest = lines[title_at + 1 :]
    dash = next((i for i, line in enumerate(rest) if line.text.startswith("---")), len(rest))
    subtitle = [line.text for line in rest[:dash] if line.text]
    if subtitle:
        emitter.block(lines_block(subtitle, "appendix-title"))
    header, rows = build_table(rest[dash + 1 :])
    emitter.block(markdown_table(header, rows))


__all__ = ["clean_inline", "convert_text"]
