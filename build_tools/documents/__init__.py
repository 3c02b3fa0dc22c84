"""Documents: source files -> structured Markdown -> Corpus -> document pages.

Stages, in the order data flows:
    convert/   source text, Markdown or .docx -> structured Markdown (pure str -> str)
    importer   the `import`/`convert` commands: writes a new content/van-ban/<id>/ once
    meta       van-ban.yml -> RawMeta
    content    noi-dung.md -> blocks
    fidelity   every original word, in order, must be in noi-dung.md
    load       a document folder -> Document; all of them -> Corpus (validated)
    pages      Corpus -> document pages (card, anchors, paragraph permalinks, links)

This package may import the shared modules of build_tools (errors, paths, yamlio, config,
render, slugs, filecache); it never imports progress/ or topics/.
"""

from __future__ import annotations

from build_tools.documents.load import (
    Corpus,
    Document,
    DocumentMeta,
    Paragraph,
    Placed,
    Section,
    load,
    plain_text,
)
from build_tools.documents.pages import plan

__all__ = [
    "Corpus",
    "Document",
    "DocumentMeta",
    "Paragraph",
    "Placed",
    "Section",
    "load",
    "plain_text",
    "plan",
]
