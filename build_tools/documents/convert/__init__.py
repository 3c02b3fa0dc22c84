"""Source document (text as received) -> structured Markdown. Pure: str -> str.

The Markdown is written once into content/ by `python -m build_tools import`; editors
then own it, and the fidelity gate keeps every original word in it.

Stage: the first of documents/. Imports only its own modules and `slugs` (anchors).
"""

from __future__ import annotations

import re

from build_tools.documents.convert import patterns as p
from build_tools.documents.convert.anchors import AnchorAllocator
from build_tools.documents.convert.blocks import (
    Para,
    extract_footnotes,
    is_wrapped,
    join_lines,
    line_width,
    plain,
    reflow,
    split_regions,
)
from build_tools.documents.convert.markdown import (
    DOC_TYPES,
    TITLE_TYPES,
    Emitter,
    attach_footnotes,
    clean_inline,
    heading_levels,
    lines_block,
)
from build_tools.documents.convert.normalize import Line, split_lines
from build_tools.documents.convert.tables import (
    build_table,
    markdown_table,
    proved,
    verbatim_table,
)
from build_tools.documents.convert.titles import (
    proved_titles,
    rejoin_clauses,
    split_titles,
    title_form,
)


def convert_text(text: str, wrapped: bool | None = None) -> str:
    """Structured Markdown for a source text (.txt or pandoc-style .md).

    `wrapped`: whether lines are hard-wrapped (PDF extracts); guessed when None.
    """
    lines, notes = extract_footnotes(split_lines(text))
    regions = split_regions(lines)
    wrapped = is_wrapped(regions.body) if wrapped is None else wrapped
    width = line_width(regions.body)
    body = merge_labels(reflow(regions.body, wrapped, width))
    body = quoted(following_documents(attached_titles(body)))
    kinds = _kinds(body)
    levels = heading_levels(kinds)
    body = proved_titles(rejoin_clauses(split_titles(body, levels), levels), levels)
    body = paren_titles(body)
    if any(para.kind == "paren" for para in body):
        kinds.append("paren")
        levels = heading_levels(kinds)
    anchors = AnchorAllocator()
    emitter = Emitter(kinds, anchors, wrapped)
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


LABEL_KINDS = ("annex", "part", "alpha", "chapter", "section")
TITLE_LENGTH = 300


def merge_labels(body: list[Para]) -> list[Para]:
    """A label and its title set on separate lines ("Chương I" / "QUY ĐỊNH CHUNG",
    "PHỤ LỤC" / second title line) are one heading, joined with one space."""
    out: list[Para] = []
    for para in body:
        prev = out[-1] if out else None
        num = p.numbered(plain(prev.text)) if prev else None
        if prev and num and num.kind in LABEL_KINDS and _title_line(para, num):
            out[-1] = Para(f"{prev.text} {para.text}", prev.line, prev.lines + para.lines)
        else:
            out.append(para)
    return out


ATTACHED_BY = ("(Ban hành kèm theo", "(Kèm theo", "(ban hành kèm theo", "(kèm theo")


def attached_titles(body: list[Para]) -> list[Para]:
    """The title of a document attached to this one ("QUY CHẾ" / its name / "(Ban hành
    kèm theo …)"): one level-1 heading, without the "(Kèm theo …)" line."""
    out: list[Para] = []
    i = 0
    while i < len(body):
        text = plain(body[i].text)
        end = None
        if p.is_upper(text) and text.startswith(DOC_TYPES):
            body, end = _attached_by(body, i)
        if end is not None:
            title = " ".join(plain(para.text) for para in body[i:end])
            lines = tuple(line for para in body[i:end] for line in para.lines)
            out.append(Para(title, body[i].line, lines, "attached"))
            i = end
        else:
            out.append(body[i])
            i += 1
    return out


def _attached_by(body: list[Para], start: int) -> tuple[list[Para], int | None]:
    """The "(Kèm theo …)" paragraph within a few after a title; a line opening with it
    where a hard wrap ran the title's last line on into it ("… tỉnh Lào" / "Cai" /
    "(Ban hành kèm theo …") starts a paragraph of its own."""
    for j in range(start + 1, min(start + 5, len(body))):
        para = body[j]
        if plain(para.text).startswith(ATTACHED_BY):
            return body, j
        at = next(
            (k for k, line in enumerate(para.lines) if plain(line).startswith(ATTACHED_BY)), 0
        )
        if at:
            head, tail = para.lines[:at], para.lines[at:]
            parts = [
                Para(join_lines(head), para.line, head),
                Para(join_lines(tail), para.line + at, tail),  # approximate: blank lines aside
            ]
            return [*body[:j], *parts, *body[j + 1 :]], j + 1
    return body, None


LETTERHEAD = re.compile(r"ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG H[OÒ]À XÃ HỘI CHỦ NGHĨA VIỆT NAM")
LETTERHEAD_SPAN = 6  # paragraphs between a letterhead's motto and the document's title


def following_documents(body: list[Para]) -> list[Para]:
    """A document that follows this one in the same file with a title block of its own
    (a congress's báo cáo kiểm điểm and nghị quyết after its báo cáo chính trị): its
    name in capitals ("BÁO CÁO", "NGHỊ QUYẾT …"), a few paragraphs after the motto
    of a letterhead, is a level-1 heading, joined with its trích yếu (the next paragraph
    when it is a title: not numbered, short, no sentence end). Its numbering keeps the
    levels of the whole file."""
    out: list[Para] = []
    i = 0
    while i < len(body):
        para = body[i]
        recent = body[max(0, i - LETTERHEAD_SPAN) : i]
        if para.kind or not _document_name(plain(para.text)):
            out.append(para)
            i += 1
            continue
        if not any(LETTERHEAD.search(plain(prev.text)) for prev in recent):
            out.append(para)
            i += 1
            continue
        end = i + 1
        if end < len(body) and _summary(body[end]):
            end += 1
        title = " ".join(plain(part.text) for part in body[i:end])
        lines = tuple(line for part in body[i:end] for line in part.lines)
        out.append(Para(title, para.line, lines, "document"))
        i = end
    return out


def _document_name(text: str) -> bool:
    return p.is_upper(text) and any(
        text == name or text.startswith(name + " ") for name in TITLE_TYPES
    )


def _summary(para: Para) -> bool:
    text = plain(para.text)
    return (
        not para.kind
        and len(text) <= TITLE_LENGTH
        and not p.starts_block(text)
        and not p.ends_sentence(text)
        and not text.startswith("|")
    )


def paren_titles(body: list[Para]) -> list[Para]:
    """ "(1) Tăng cường …" items are headings where they are titles followed by their
    content: each a paragraph of its own that reads as a title (short, no sentence end,
    starting with a capital), followed by an unnumbered paragraph, and at least two such
    in a row of siblings. The "(1) …" lists of targets or causes are sentences: body text."""
    found = [i for i, para in enumerate(body) if _paren_title(body, i)]
    proved = {i for i in found if any(j != i and _siblings(body, i, j) for j in found)}
    return [
        Para(para.text, para.line, para.lines, "paren") if i in proved else para
        for i, para in enumerate(body)
    ]


def _paren_title(body: list[Para], i: int) -> bool:
    text = plain(body[i].text)
    match = p.PAREN.match(text)
    if body[i].kind or not match or i + 1 >= len(body):
        return False
    title, following = match.group("title"), plain(body[i + 1].text)
    return (
        title_form(title)
        and title[:1].isupper()
        and not body[i + 1].kind
        and not p.starts_block(following)
        and not following.startswith("|")
    )


def _siblings(body: list[Para], i: int, j: int) -> bool:
    """Consecutive "(n)" numbers with no other numbered division between them."""
    first, second = sorted((i, j))
    numbers = [p.PAREN.match(plain(body[k].text)) for k in (first, second)]
    if numbers[0] is None or numbers[1] is None:
        return False
    if int(numbers[1]["num"]) - int(numbers[0]["num"]) != 1:
        return False
    return not any(p.numbered(plain(para.text)) for para in body[first + 1 : second])


QUOTE_SPAN = 40  # paragraphs a quotation of another document's articles may run over


def quoted(body: list[Para]) -> list[Para]:
    """Articles quoted from another document ("“Điều 56. …" … "…”") are not headings of
    this one: a run of paragraphs from an opening “ before a numbered paragraph to the
    paragraph whose quotation marks close it, if they close within QUOTE_SPAN paragraphs."""
    out = list(body)
    i = 0
    while i < len(out):
        start = plain(out[i].text)
        if start.startswith(("“", '"')) and p.numbered(start[1:].lstrip()):
            end = _quote_end(out, i)
            if end is not None:
                for j in range(i, end + 1):
                    out[j] = Para(out[j].text, out[j].line, out[j].lines, "quoted")
                i = end
        i += 1
    return out


def _quote_end(body: list[Para], start: int) -> int | None:
    """The paragraph ending the quotation: it ends with a closing mark (” or ")."""
    for j in range(start, min(start + QUOTE_SPAN, len(body))):
        text = body[j].text.rstrip(" .;,:/*_")
        if text.endswith(("”", '"')) and (j > start or len(text) > 1):
            return j
    return None


def _title_line(para: Para, label: p.Numbered) -> bool:
    text = plain(para.text)
    if len(text) > TITLE_LENGTH or p.starts_block(text) or text.startswith("|"):
        return False
    if not label.title:
        return p.is_upper(text) or not p.ends_sentence(text)
    return label.kind == "annex" and p.is_upper(text) and p.is_upper(label.title)


def _kinds(body: list[Para]) -> list[str]:
    kinds = ["attached"] if any(para.kind == "attached" for para in body) else []
    for para in body:
        if para.kind == "quoted":
            continue
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
    if proved(header, rows):
        emitter.block(markdown_table(header, rows))
    else:
        emitter.block(verbatim_table(rest[dash + 1 :]))


__all__ = ["clean_inline", "convert_text"]
