"""Word (.docx) -> plain text the converter reads: one paragraph per line, list items as
"- …", Word headings kept as their text (their numbering makes them headings), tables as
Markdown table rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(path: Path) -> str:
    """The document's paragraphs and tables, in order, as text."""
    document = docx.Document(str(path))
    out: list[str] = []
    for element in document.element.body.iterchildren():
        if element.tag == f"{W_NS}p":
            out.append(_paragraph(Paragraph(element, document)))
        elif element.tag == f"{W_NS}tbl":
            out.append(_table(Table(element, document)))
    return "\n\n".join(part for part in out if part.strip()) + "\n"


def _paragraph(paragraph: Any) -> str:
    text = " ".join(str(paragraph.text).split())
    style = str(getattr(paragraph.style, "name", "") or "")
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    if text and ("List" in style or numbered) and not text.startswith(("-", "+", "*")):
        return f"- {text}"
    return text


def _table(table: Any) -> str:
    rows = [[" ".join(cell.text.split()) for cell in row.cells] for row in table.rows]
    if not rows:
        return ""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(c.replace("|", "\\|") for c in rows[0]) + " |"]
    lines.append("| " + " | ".join("---" for _ in rows[0]) + " |")
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows[1:]]
    return "\n".join(lines)
