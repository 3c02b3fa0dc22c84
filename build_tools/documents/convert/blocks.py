"""Source lines -> logical blocks: regions (header, body, recipients, signature,
appendices), hard wraps joined, page furniture and footnotes taken apart."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from build_tools.documents.convert import patterns as p
from build_tools.documents.convert.normalize import Line

FOOTNOTE_LINE = re.compile(r"^(?P<label>\d{1,2})\s+(?P<text>\S.*)$")
PAGE_NUMBER = re.compile(r"^\d{1,3}$")
WRAPPED_WIDTH = 120  # a source whose long lines are this short is hard-wrapped
SHORT_LINE = 0.8  # a wrapped line shorter than this share of the width ends its block
FUNCTION_WORDS = frozenset(
    [
        "của",
        "và",
        "các",
        "với",
        "trong",
        "cho",
        "về",
        "để",
        "là",
        "những",
        "được",
        "theo",
        "tại",
        "từ",
        "đến",
        "có",
        "một",
        "như",
        "thì",
        "mà",
    ]
)
TITLE_LINE = 0.9  # the same for the lines of a numbered title


@dataclass(frozen=True)
class Para:
    """A logical block of text: wrapped lines joined (or kept, for line-based blocks)."""

    text: str
    line: int  # first source line
    lines: tuple[str, ...] = ()
    kind: str = ""  # "attached" / "document": title of a document attached / following;
    # "paren": a "(1)" item proved a title
    title_end: bool = False  # ended as a numbered title: a short line before a capital
    cut: int = 0  # lines before a capital where this numbered block might have ended a title


@dataclass(frozen=True)
class Footnote:
    label: str
    text: str
    line: int


@dataclass
class Regions:
    header: list[Line] = field(default_factory=list)
    addressee: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    recipients: list[Line] = field(default_factory=list)
    signature: list[Line] = field(default_factory=list)
    appendices: list[list[Line]] = field(default_factory=list)


def plain(text: str) -> str:
    """Text without pandoc emphasis and superscript markup, for classification only."""
    text = re.sub(r"\^\(([^)]*)\)", r"\1", text)
    return text.replace("**", "").strip("*_ ").strip()


def extract_footnotes(lines: list[Line]) -> tuple[list[Line], list[Footnote]]:
    """Take PDF footnote areas (a long run of spaces, then "1 text…") out of the text."""
    kept: list[Line] = []
    notes: list[Footnote] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.text and line.raw_width >= 20:
            found = _footnote_area(lines, i + 1, len(notes) + 1)
            if found:
                area, end = found
                notes.extend(area)
                i = end
                continue
        kept.append(line)
        i += 1
    return kept, notes


def _footnote_area(lines: list[Line], start: int, label: int) -> tuple[list[Footnote], int] | None:
    i = start
    while i < len(lines) and not lines[i].text:
        i += 1
    if i >= len(lines):
        return None
    first = FOOTNOTE_LINE.match(lines[i].text)
    if not first or int(first.group("label")) != label:
        return None
    notes: list[Footnote] = []
    while i < len(lines):
        line = lines[i]
        if not line.text:
            i += 1
            continue
        match = FOOTNOTE_LINE.match(line.text)
        if match and int(match.group("label")) == label:
            notes.append(Footnote(str(label), match.group("text"), line.number))
            label += 1
        elif line.indent >= 1:
            break  # a new page starts: its first line is indented by one space
        else:
            last = notes[-1]
            notes[-1] = Footnote(last.label, f"{last.text} {line.text}", last.line)
        i += 1
    return notes, i


def split_regions(lines: list[Line]) -> Regions:
    """Cut the document into its conventional parts."""
    regions = Regions()
    rest = _take_header(lines, regions)
    rest = _take_appendices(rest, regions)
    rest = _take_signature(rest, regions)
    rest = _take_recipients(rest, regions)
    regions.body = _take_addressee(rest, regions)
    return regions


def _nonblank(lines: list[Line]) -> list[Line]:
    return [line for line in lines if line.text]


def _take_header(lines: list[Line], regions: Regions) -> list[Line]:
    text_lines = _nonblank(lines)[:40]
    ends = (p.APPENDIX, p.SIGNATURE_START)
    stop = next(
        (i for i, line in enumerate(text_lines) if any(e.match(line.text) for e in ends)), None
    )
    text_lines = text_lines[:stop]
    for line in text_lines:
        if re.fullmatch(r"-{3,}", line.text):
            cut = lines.index(line)
            regions.header = lines[:cut]
            return lines[cut + 1 :]
    for line in text_lines:
        body_like = len(plain(line.text)) >= 100 or p.numbered(line.text)
        if body_like or p.ADDRESSEE.match(plain(line.text.lstrip("-+* "))):
            cut = lines.index(line)
            regions.header = lines[:cut]
            return lines[cut:]
    return lines


def _take_appendices(lines: list[Line], regions: Regions) -> list[Line]:
    starts = [i for i, line in enumerate(lines) if p.APPENDIX.match(line.text)]
    if not starts:
        return lines
    cuts = [_letterhead_start(lines, i) for i in starts]
    for a, b in zip(cuts, [*cuts[1:], len(lines)], strict=True):
        regions.appendices.append(lines[a:b])
    return lines[: cuts[0]]


def _letterhead_start(lines: list[Line], index: int) -> int:
    """Walk back from "PHỤ LỤC n" over the letterhead lines printed above it."""
    i = index
    while i > 0:
        prev = lines[i - 1]
        head = (
            not prev.text
            or p.is_upper(prev.text)
            or p.SEPARATOR.match(prev.text)
            or prev.text.startswith("Cần Thơ, ngày")
        )
        if not head or PAGE_NUMBER.match(prev.text) or p.SIGNATURE_START.match(prev.text):
            break
        i -= 1
    while i < index and not lines[i].text:
        i += 1
    return i


def _take_signature(lines: list[Line], regions: Regions) -> list[Line]:
    for i, line in enumerate(lines):
        if p.SIGNATURE_START.match(plain(line.text)):
            regions.signature = lines[i:]
            return lines[:i]
    return lines


def _take_recipients(lines: list[Line], regions: Regions) -> list[Line]:
    for i, line in enumerate(lines):
        if p.RECIPIENTS.match(plain(line.text)):
            regions.recipients = lines[i:]
            return lines[:i]
    return lines


def _take_addressee(lines: list[Line], regions: Regions) -> list[Line]:
    for i, line in enumerate(lines[:20]):
        if p.ADDRESSEE.match(plain(line.text.lstrip("-+* "))):
            end = i + 1
            while end < len(lines) and (
                not lines[end].text
                or p.BULLET.match(lines[end].text)
                or p.starts_lower(lines[end].text)
            ):
                end += 1
            while end > i + 1 and not lines[end - 1].text:
                end -= 1
            regions.addressee = lines[i:end]
            return lines[:i] + lines[end:]
    return lines


def is_wrapped(lines: list[Line]) -> bool:
    """Hard-wrapped (PDF extract, re-wrapped text) rather than one line per paragraph."""
    return line_width(lines) <= WRAPPED_WIDTH


def line_width(lines: list[Line]) -> int:
    lengths = sorted(_width(line) for line in lines if line.text)
    return lengths[int(len(lengths) * 0.9)] if lengths else 80


def _width(line: Line) -> int:
    """Printed width: PDF extracts pad justified lines with trailing spaces."""
    return max(len(line.text), line.raw_width - line.indent)


def reflow(lines: list[Line], wrapped: bool, width: int) -> list[Para]:
    """Join hard-wrapped lines into blocks; drop separators and lone page numbers."""
    paras: list[Para] = []
    current: list[Line] = []
    gap = False
    cut = 0  # lines of the current block before its first possible title end
    for i, line in enumerate(lines):
        if not line.text:
            gap = True
            continue
        text = plain(line.text)
        furniture = p.SEPARATOR.match(line.text) or p.SEPARATOR.match(text)
        page_number = wrapped and PAGE_NUMBER.match(text) and not _wrapped_number(current, lines, i)
        if furniture or page_number:
            gap = True
            continue
        if current and _joins(current, line, wrapped, width, gap):
            cut = cut or (len(current) if _may_end_title(current, line, wrapped) else 0)
            current.append(line)
        else:
            if current:
                paras.append(_para(current, _title_end(current, line, wrapped, width), cut))
            current, cut = [line], 0
        gap = False
    if current:
        paras.append(_para(current, cut=cut))
    return paras


def _wrapped_number(current: list[Line], lines: list[Line], index: int) -> bool:
    """A lone number inside a sentence ("đạt" / "98" / "tổ chức"), not a page number."""
    following = next((line.text for line in lines[index + 1 :] if line.text), "")
    if not current or not following:
        return False
    last = plain(current[-1].text)
    return not p.ends_sentence(last) and p.starts_lower(plain(following))


def _joins(current: list[Line], nxt: Line, wrapped: bool, width: int, gap: bool) -> bool:
    prev = current[-1]
    a, b = plain(prev.text), plain(nxt.text)
    if prev.text.startswith("|") or nxt.text.startswith("|"):
        return prev.text.startswith("|") and nxt.text.startswith("|") and not gap
    range_tail = a[-1:].isdigit() and re.match(r"[-–] \d", b)  # "nhiệm kỳ 2025" / "- 2030"
    bullet_tail = wrapped and ((b.startswith("- ") and p.starts_lower(b[2:])) or range_tail)
    if bullet_tail and not a.endswith((".", ";", ":")):
        return True  # "kinh tế / - xã hội": a hyphen wrapped to the start of a line
    if p.starts_block(b) or p.starts_block(nxt.text) or nxt.text.startswith("^("):
        return False  # "^(*) …" is a pandoc note: its own block
    if _caps(a) != _caps(b):
        return False
    if _caps(a):
        return not gap or wrapped
    if not wrapped:
        lower_or_digit = p.starts_lower(b) or b[:1].isdigit()
        return lower_or_digit and (not gap or not p.ends_sentence(a))
    if p.starts_lower(b):
        return True
    if a.endswith((",", "-", "–")) or a.rsplit(" ", 1)[-1] in FUNCTION_WORDS:
        return True
    if a.endswith((".", "!", "?", "…")):
        return False
    if _title_end(current, nxt, wrapped, width):
        return False  # a numbered title ends where a short line meets a capital
    if not p.ends_sentence(a) and (len(current) > 1 or _said(current)):
        return True  # a paragraph running over lines ends with its punctuation, not a width
    return _width(prev) >= SHORT_LINE * width


def _caps(text: str) -> bool:
    """A line set in capitals: a title line, not a lone roman numeral ("IV/2025.")."""
    return p.is_upper(text) and sum(c.isalpha() for c in text) > 3


def _said(current: list[Line]) -> bool:
    """The block already holds a sentence end: it is a paragraph, not a title."""
    text = " ".join(plain(line.text) for line in current)
    num = p.numbered(text)
    return bool(re.search(r"[.;!?…]\s", num.title if num else text))


def _may_end_title(current: list[Line], nxt: Line, wrapped: bool) -> bool:
    """A numbered block with no sentence end yet, before a line starting with a capital."""
    first, last = plain(current[0].text), plain(current[-1].text)
    if not wrapped or not p.numbered(first) or _said(current) or p.ends_sentence(last):
        return False
    if last.endswith((",", "-", "–")) or last.rsplit(" ", 1)[-1] in FUNCTION_WORDS:
        return False  # "… của" / "Ban Tuyên giáo": the sentence goes on
    following = plain(nxt.text)
    first_char = next((c for c in following if c.isalnum()), "")
    return first_char.isupper() and not p.starts_block(following)


def _title_end(current: list[Line], nxt: Line, wrapped: bool, width: int) -> bool:
    """A numbered title (no sentence end yet) whose last line is short, before a capital."""
    share = TITLE_LINE if len(current) == 1 else SHORT_LINE
    return _may_end_title(current, nxt, wrapped) and _width(current[-1]) < share * width


def _para(lines: list[Line], title_end: bool = False, cut: int = 0) -> Para:
    texts = tuple(line.text for line in lines)
    return Para(join_lines(texts), lines[0].number, texts, title_end=title_end, cut=cut)


def join_lines(lines: tuple[str, ...]) -> str:
    """The text of a block from its lines: one space, none after "2025-", table rows kept."""
    text = lines[0]
    for line in lines[1:]:
        glue = "" if re.search(r"\d-$", text) else " "
        glue = "\n" if line.startswith("|") else glue
        text = f"{text}{glue}{line}"
    return text
