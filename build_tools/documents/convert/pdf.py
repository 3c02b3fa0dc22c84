"""PDF with a text layer -> plain text the converter reads (one paragraph per line, ruled
tables as Markdown table rows), read with pdfplumber.

Paragraphs are rebuilt from the page geometry: a line that fills the measure goes on in
the next one; an indented line after a full one, a vertical gap or a short line ends a
paragraph; centred lines of the same case set one under the other are one title.
Page numbers are page furniture only when proved: a lone number that is the first or last
line of its page and counts the pages (n, n+1, …). They are returned in `furniture` so the
command can list them; nothing else is left out.
A PDF without a text layer (a scan) or whose layer is unusable (a broken OCR: Vietnamese
words without their accents) is refused with a message saying what to do.
"""

from __future__ import annotations

import itertools
import logging
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools.documents.convert import patterns as p

MIN_LETTERS_PER_PAGE = 20
MIN_ACCENTED_SHARE = 0.6  # Vietnamese prose: ~85% of words carry a diacritic
GAP = 1.45  # a vertical gap this many line pitches ends a paragraph
FULL = 0.93  # a line reaching this share of the measure is full: the paragraph goes on
NOTE_SIZE = 0.85  # footnotes are set in a type this much smaller than the body's
CENTRED = 12.0  # points: a centred line's midpoint is this close to the page's
Y_TOLERANCE = 5  # points: a fallback font's glyphs sit a little higher on the same line
LEGACY_OCR_CHARS = {"\u01a3": "ư", "\u01a2": "Ư"}  # fonts mapping ư to ƣ (LATIN OI)


class UnreadablePdf(Exception):
    """The PDF has no usable text layer; the message says what to do (Vietnamese)."""


@dataclass(frozen=True)
class PdfLine:
    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float = 0.0  # median font size of the line's characters


@dataclass
class PdfText:
    text: str
    furniture: list[tuple[int, str]] = field(default_factory=list)  # (page, text)


def pdf_text(path: Path) -> PdfText:
    """The text of a PDF, paragraphs one per line, tables as pipe rows."""
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font notes are not the editor's
    with pdfplumber.open(str(path)) as pdf:
        pages = [_page(page, n) for n, page in enumerate(pdf.pages, start=1)]
    lines = [line for page_lines, _ in pages for line in page_lines]
    _refuse_unusable(path, lines, len(pages))
    furniture = _page_numbers([page_lines for page_lines, _ in pages])
    kept = [line for line in lines if (line.page, line.text) not in set(furniture)]
    tables = _merge_tables([t for _, page_tables in pages for t in page_tables])
    out = _paragraphs(kept, tables)
    text = "\n\n".join(out) + "\n"
    for odd, right in LEGACY_OCR_CHARS.items():
        text = text.replace(odd, right)
    return PdfText(text, furniture)


@dataclass(frozen=True)
class PdfTable:
    page: int
    top: float
    rows: list[list[str]]


def _page(page: Any, number: int) -> tuple[list[PdfLine], list[PdfTable]]:
    found = [t for t in page.find_tables() if _real_table(t)]
    outer = [t for t in found if not any(o is not t and _inside(t.bbox, o.bbox) for o in found)]
    tables = [PdfTable(number, t.bbox[1], _rows(t.extract())) for t in outer]
    lines = []
    for raw in page.extract_text_lines(return_chars=True, y_tolerance=Y_TOLERANCE):
        box = (raw["x0"], raw["top"], raw["x1"], raw["bottom"])
        if any(_inside(box, t.bbox) for t in outer):
            continue
        text = " ".join(str(raw["text"]).split())
        if text:
            size = statistics.median(float(c["size"]) for c in raw["chars"]) if raw["chars"] else 0
            box = (raw["x0"], raw["x1"], raw["top"], raw["bottom"])
            lines.append(PdfLine(number, text, *box, size))
    return lines, tables


MAX_COLUMNS = 12
MAX_EMPTY = 0.5
MIN_FULL_ROWS = 0.5  # share of a table's rows holding text in two cells or more


def _real_table(table: Any) -> bool:
    """A grid of cells holding text: not a one-cell frame, not underlines and rules
    that cut running text into dozens of slivers, not boxes or highlights around a few
    lines of a paragraph (each "row" one line of prose in one cell or another: most rows
    of a real table hold text in two cells or more)."""
    rows = table.extract()
    cells = [cell for row in rows for cell in row]
    empty = sum(not (cell or "").strip() for cell in cells)
    filled = [sum(bool((cell or "").strip()) for cell in row) for row in rows]
    return (
        len(rows) >= 2
        and 2 <= max(len(row) for row in rows) <= MAX_COLUMNS
        and empty <= MAX_EMPTY * len(cells)
        and sum(n >= 2 for n in filled) >= MIN_FULL_ROWS * len(rows)
    )


def _inside(box: tuple[float, ...], outer: tuple[float, ...], slack: float = 2.0) -> bool:
    return (
        box[0] >= outer[0] - slack
        and box[1] >= outer[1] - slack
        and box[2] <= outer[2] + slack
        and box[3] <= outer[3] + slack
    )


def _rows(rows: list[list[str | None]]) -> list[list[str]]:
    return [[" ".join((cell or "").split()) for cell in row] for row in rows]


def _refuse_unusable(path: Path, lines: list[PdfLine], pages: int) -> None:
    text = " ".join(line.text for line in lines)
    letters = sum(c.isalpha() for c in text)
    if letters < MIN_LETTERS_PER_PAGE * max(pages, 1):
        raise UnreadablePdf(
            f"{path}: tệp PDF là bản chụp (ảnh), không có lớp chữ để lấy nội dung — "
            "xin cơ quan ban hành bản PDF có chữ hoặc bản .docx; nếu chỉ có bản chụp, "
            "nhận dạng chữ (OCR), soát lại toàn bộ rồi nhập tệp .txt cùng bản chụp làm bản gốc"
        )
    words = [w for w in re.findall(r"[^\W\d_]{2,}", text)]
    accented = sum(any(ord(c) > 127 for c in w) for w in words)
    if len(words) >= 30 and accented / len(words) < MIN_ACCENTED_SHARE:
        raise UnreadablePdf(
            f"{path}: lớp chữ của tệp PDF không dùng được (nhận dạng chữ hỏng: chỉ "
            f"{round(100 * accented / len(words))}% số từ có dấu tiếng Việt) — xin bản PDF "
            "có chữ hoặc bản .docx; nếu chỉ có bản chụp, nhận dạng lại, soát toàn bộ rồi "
            "nhập tệp .txt"
        )


def _page_numbers(pages: list[list[PdfLine]]) -> list[tuple[int, str]]:
    """Lone numbers first or last on their page that count the pages (n, n+1, …)."""
    candidates: dict[int, list[PdfLine]] = {}
    for lines in pages:
        if not lines:
            continue
        ordered = sorted(lines, key=lambda line: line.top)
        ends = [ordered[0], ordered[-1]] if len(ordered) > 1 else ordered
        found = [line for line in ends if re.fullmatch(r"\d{1,3}", line.text)]
        if found:
            candidates[found[0].page] = found
    proved = [
        line
        for page, lines in candidates.items()
        for line in lines
        if _counts(candidates, line, 1) or _counts(candidates, line, -1)
    ]
    return [(line.page, line.text) for line in proved]


def _counts(candidates: dict[int, list[PdfLine]], line: PdfLine, step: int) -> bool:
    others = candidates.get(line.page + step, [])
    return any(int(other.text) - int(line.text) == step for other in others)


def _merge_tables(tables: list[PdfTable]) -> list[PdfTable]:
    """A table going on over the next page (same columns, header repeated) is one table."""
    merged: list[PdfTable] = []
    for table in tables:
        last = merged[-1] if merged else None
        if last and last.page < table.page and len(last.rows[0]) == len(table.rows[0]):
            body = table.rows[1:] if table.rows[0] == last.rows[0] else table.rows
            merged[-1] = PdfTable(last.page, last.top, last.rows + body)
        else:
            merged.append(table)
    return merged


def _paragraphs(lines: list[PdfLine], tables: list[PdfTable]) -> list[str]:
    out: list[str] = []
    pending = sorted(tables, key=lambda t: (t.page, t.top))
    pitch = _pitch(lines)
    frames = _frames(lines)
    notes = _page_notes(lines)
    current: list[PdfLine] = []
    held: list[PdfLine] = []  # footnote lines, set after the paragraph they interrupt
    for line in lines:
        while pending and (pending[0].page, pending[0].top) < (line.page, line.top):
            _flush(out, current, held)
            current, held = [], []
            out.append(_table_text(pending.pop(0)))
        if line in notes:
            held.append(line)
        elif current and _goes_on(current, line, pitch, frames[line.page]):
            current.append(line)
        else:
            _flush(out, current, held)
            current, held = [line], []
    _flush(out, current, held)
    out.extend(_table_text(t) for t in pending)
    return out


def _page_notes(lines: list[PdfLine]) -> set[PdfLine]:
    """Footnotes: lines in a smaller type below the last line of body type on their page."""
    sizes = [line.size for line in lines if line.size]
    if not sizes:
        return set()
    body = statistics.median(sizes)
    notes: set[PdfLine] = set()
    for page in {line.page for line in lines}:
        on_page = [line for line in lines if line.page == page]
        last_body = max((line.top for line in on_page if line.size >= NOTE_SIZE * body), default=0)
        notes |= {
            line for line in on_page if line.top > last_body and 0 < line.size < NOTE_SIZE * body
        }
    return notes


def _flush(out: list[str], current: list[PdfLine], held: list[PdfLine] | None = None) -> None:
    _join(out, current)
    notes: list[PdfLine] = []
    for line in held or []:
        if notes and not re.match(r"^\(?\d{1,2}\)?\s", line.text):
            notes.append(line)
        else:
            _join(out, notes)
            notes = [line]
    _join(out, notes)


def _join(out: list[str], current: list[PdfLine]) -> None:
    if current:
        text = current[0].text
        for line in current[1:]:
            glue = "" if text.endswith("-") and line.text[:1].isdigit() else " "
            text = f"{text}{glue}{line.text}"
        out.append(text)


def _frames(lines: list[PdfLine]) -> dict[int, tuple[float, float, float]]:
    """(left, middle, right) of each page's text block (pages may be landscape)."""
    frames: dict[int, tuple[float, float, float]] = {}
    for page in {line.page for line in lines}:
        on_page = [line for line in lines if line.page == page]
        left = min(line.x0 for line in on_page)
        right = max(line.x1 for line in on_page)
        frames[page] = (left, (left + right) / 2, right)
    return frames


def _pitch(lines: list[PdfLine]) -> float:
    steps = [
        b.top - a.top
        for a, b in itertools.pairwise(lines)
        if a.page == b.page and 0 < b.top - a.top < 40
    ]
    return statistics.median(steps) if steps else 14.0


def _goes_on(current: list[PdfLine], nxt: PdfLine, pitch: float, frame: tuple[float, ...]) -> bool:
    left, mid, right = frame
    prev = current[-1]
    if nxt.page == prev.page and (nxt.top - prev.top > GAP * pitch or nxt.top <= prev.top):
        return False
    if p.starts_block(nxt.text) or p.RECIPIENTS.match(nxt.text.rstrip(":") + ":"):
        return False
    full = prev.x1 >= left + FULL * (right - left)
    indented = nxt.x0 > left + 0.6 * pitch
    if full and not indented:
        return True
    centred = all(abs((line.x0 + line.x1) / 2 - mid) < CENTRED for line in (prev, nxt))
    same_case = p.is_upper(prev.text) == p.is_upper(nxt.text)
    return centred and same_case and nxt.page == prev.page and prev.x0 > left + pitch


def _table_text(table: PdfTable) -> str:
    width = max(len(row) for row in table.rows)
    rows = [row + [""] * (width - len(row)) for row in table.rows]
    lines = ["| " + " | ".join(c.replace("|", "\\|") for c in rows[0]) + " |"]
    lines.append("| " + " | ".join("---" for _ in rows[0]) + " |")
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows[1:]]
    return "\n".join(lines)
