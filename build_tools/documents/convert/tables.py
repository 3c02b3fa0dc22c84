"""Appendix tables flattened one cell-line per line (PDF extracts) -> Markdown tables.

- Header cells start with a usual header word ("STT", "Nhóm", "Kết quả", "Đánh giá"…).
- Rows start at the expected next STT number; other lone numbers are page numbers, and a
  page break inside a row restarts its columns (each page holds a slice of every cell).
- Indicator tables (STT | chỉ tiêu | kết quả | đánh giá): the assessment is the run of
  short trailing lines made of words like "Đạt", "và", "vượt", "so với", "Nghị quyết";
  the indicator ends at the last line ending with "." that a capital, digit or "(" follows.
- Label tables (STT | đơn vị | mô hình | kết quả): the unit is the short text after STT;
  the next cell ends where a capital or digit follows the shortest line.
A table is kept only when its structure is proved: a header cell per column, rows numbered
1, 2, 3… and every row with that many cells (only the last may be empty). Otherwise its lines
are kept verbatim, in order, in a block marked as a table not yet rebuilt (`verbatim_table`),
never as loose paragraphs.
"""

from __future__ import annotations

import re

from build_tools.documents.convert.blocks import PAGE_NUMBER, plain
from build_tools.documents.convert.normalize import Line

SHORT_CELL_LINE = 7
LABEL_LENGTH = 15
ASSESSMENT_WORDS = frozenset(
    ["đạt", "gần", "và", "vượt", "chỉ", "tiêu", "so", "với", "nghị", "quyết", "không", "chưa"]
)
HEADER_WORDS = (
    "STT", "Nhóm", "Kết quả", "Đánh", "Tên", "Đảng bộ", "Nội dung", "Chỉ tiêu", "Đơn vị", "Ghi chú"
)  # fmt: skip
STT_LINE = re.compile(r"^(?P<n>\d{1,2})(?:\s+(?P<rest>\S.*))?$")
PAGE_BREAK = ""  # marks a page break inside a row


def build_table(lines: list[Line]) -> tuple[list[str], list[list[str]]]:
    """(header cells, rows) from the lines after an appendix's "-----"."""
    texts = [plain(line.text) for line in lines if line.text]
    first = next((i for i, t in enumerate(texts) if STT_LINE.match(t) and t.split()[0] == "1"), 0)
    header = _header(texts[:first])
    rows = _rows(texts[first:])
    label = bool(rows) and len(rows[0]) > 1 and _is_label(rows[0][1:])
    return header, [_label_cells(r) if label else _indicator_cells(r) for r in rows]


def _header(texts: list[str]) -> list[str]:
    cells: list[str] = []
    for text in texts:
        if text.startswith("STT "):
            cells += ["STT", text[4:].strip()]
        elif text.startswith(HEADER_WORDS) or not cells:
            cells.append(text)
        else:
            cells[-1] = f"{cells[-1]} {text}"
    return (cells + [""] * 4)[: max(4, len(cells))]


def _rows(texts: list[str]) -> list[list[str]]:
    rows: list[list[str]] = []
    expected = 1
    for text in texts:
        match = STT_LINE.match(text)
        if match and int(match.group("n")) == expected:
            rest = match.group("rest")
            rows.append([match.group("n"), *([rest] if rest else [])])
            expected += 1
        elif PAGE_NUMBER.match(text):
            if rows:
                rows[-1].append(PAGE_BREAK)  # a page number: the row goes on over the page
        elif rows:
            rows[-1].append(text)
    return [[c for i, c in enumerate(r) if c or i < len(r) - 1] for r in rows]


def _is_label(lines: list[str]) -> bool:
    return len(lines[0]) <= LABEL_LENGTH or (
        len(lines) > 1 and len(lines[0]) <= 10 and len(lines[1].split()) == 1
    )


def _segments(lines: list[str]) -> list[list[str]]:
    segments: list[list[str]] = [[]]
    for line in lines:
        if line == PAGE_BREAK:
            segments.append([])
        else:
            segments[-1].append(line)
    return [s for s in segments if s]


def _indicator_cells(row: list[str]) -> list[str]:
    columns: list[list[str]] = [[], [], []]
    for segment in _segments(row[1:]):
        tail = len(segment)
        while tail > 0 and _assessment(segment[tail - 1]):
            tail -= 1
        body = segment[:tail]
        split = _after_last_sentence(body) or _before_new_cell(body) or len(body)
        columns[0] += body[:split]
        columns[1] += body[split:]
        columns[2] += segment[tail:]
    return [row[0], *(" ".join(c) for c in columns)]


def _label_cells(row: list[str]) -> list[str]:
    lines = row[1:]
    take = 1
    while take < len(lines) and len(lines[take].split()) == 1 and len(lines[take - 1]) <= 10:
        take += 1
    rest = [line for line in lines[take:] if line != PAGE_BREAK]
    split = _before_new_cell(rest) or len(rest)
    return [row[0], " ".join(lines[:take]), " ".join(rest[:split]), " ".join(rest[split:])]


def _opens_cell(line: str) -> bool:
    return line[:1].isupper() or line[:1].isdigit() or line.startswith("(")


def _after_last_sentence(lines: list[str]) -> int:
    """Index after the last line ending a sentence that a new cell's first line follows."""
    ends = [
        i + 1 for i in range(len(lines) - 1) if lines[i].endswith(".") and _opens_cell(lines[i + 1])
    ]
    return ends[-1] if ends else 0


def _before_new_cell(lines: list[str]) -> int:
    """The likeliest start of the next cell: a capital after the shortest preceding line."""
    width = max((len(line) for line in lines), default=1)
    candidates = [
        (len(lines[k - 1]) / width, k)
        for k in range(1, len(lines))
        if _opens_cell(lines[k]) and not lines[k - 1].endswith(",")
    ]
    return min(candidates)[1] if candidates else 0


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


def proved(header: list[str], rows: list[list[str]]) -> bool:
    """Cells regrouped by the header's column count, in every row, with text in each."""
    if not rows or not all(header):
        return False
    return all(len(row) == len(header) and all(row[:-1]) for row in rows)


def verbatim_table(lines: list[Line]) -> str:
    """A flattened table whose columns are not proved: its lines as written, one block
    marked `.table-verbatim` (the page labels it; the fidelity gate allows no added words)."""
    kept = [_literal(line.text) for line in lines if line.text]
    return "  \n".join(kept) + "\n{: .table-verbatim }"


def _literal(text: str) -> str:
    """A line kept as text inside a paragraph: no list, heading or quote starts from it."""
    text = text.replace("|", "\\|")
    text = re.sub(r"^(\d{1,9})([.)])", r"\1\\\2", text)
    return f"\\{text}" if text[:1] in "-+*#>" else text
