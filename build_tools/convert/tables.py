"""Appendix tables flattened one cell-line per line (PDF extracts) -> Markdown tables.

Rows start at the expected next STT number; lone numbers that break the sequence are
page numbers. Within a row: the indicator ends at the first line ending with "."; the
assessment is the run of very short trailing lines ("Đạt", "và", "vượt"…). Layouts this
cannot split keep the row's text in one cell for the editor to finish.
"""

from __future__ import annotations

import re

from build_tools.convert.blocks import PAGE_NUMBER, plain
from build_tools.convert.normalize import Line

SHORT_CELL_LINE = 7
ASSESSMENT_WORDS = frozenset(
    ["đạt", "gần", "và", "vượt", "chỉ", "tiêu", "so", "với", "nghị", "quyết", "không", "chưa"]
)
STT_LINE = re.compile(r"^(?P<n>\d{1,2})(?:\s+(?P<rest>\S.*))?$")


def build_table(lines: list[Line]) -> tuple[list[str], list[list[str]]]:
    """(header cells, rows) from the lines after an appendix's "-----"."""
    texts = [plain(line.text) for line in lines if line.text]
    first = next((i for i, t in enumerate(texts) if STT_LINE.match(t) and t.split()[0] == "1"), 0)
    header = _header(texts[:first])
    rows = [_cells(row, len(header)) for row in _rows(texts[first:])]
    return header, rows


def _header(texts: list[str]) -> list[str]:
    cells: list[str] = []
    if texts and texts[0].startswith("STT "):
        cells = ["STT", texts[0][4:].strip()]
        texts = texts[1:]
    elif texts and texts[0] == "STT":
        cells = ["STT"]
        texts = texts[1:]
    long = [t for t in texts if len(t) > SHORT_CELL_LINE]
    short = [t for t in texts if len(t) <= SHORT_CELL_LINE]
    if long:
        cells.append(" ".join(long))
    if short:
        cells.append(" ".join(short))
    while len(cells) < 4:
        cells.append("")
    return cells


def _rows(texts: list[str]) -> list[list[str]]:
    rows: list[list[str]] = []
    expected = 1
    for text in texts:
        match = STT_LINE.match(text)
        if match and int(match.group("n")) == expected:
            rows.append([match.group("n"), *([match.group("rest")] if match.group("rest") else [])])
            expected += 1
        elif PAGE_NUMBER.match(text):
            continue  # a page number inside the table
        elif rows:
            rows[-1].append(text)
    return rows


def _cells(row: list[str], width: int) -> list[str]:
    stt, lines = row[0], row[1:]
    tail = len(lines)
    while tail > 0 and _assessment(lines[tail - 1]):
        tail -= 1
    assessment = " ".join(lines[tail:])
    body = lines[:tail]
    split = next((i + 1 for i, t in enumerate(body) if t.rstrip().endswith(".")), len(body))
    cells = [stt, " ".join(body[:split]), " ".join(body[split:]), assessment]
    return (cells + [""] * width)[: max(width, 4)]


def _assessment(line: str) -> bool:
    """A line of the narrow "Đánh giá" column: "Đạt", "và", "vượt", "so với", "Nghị"…"""
    words = [w.strip(".,;").lower() for w in line.split()]
    return (
        bool(words) and len(line) <= SHORT_CELL_LINE and all(w in ASSESSMENT_WORDS for w in words)
    )


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    out = [line(header), "| " + " | ".join("---" for _ in header) + " |"]
    out += [line(row) for row in rows]
    return "\n".join(out)
