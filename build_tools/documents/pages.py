"""Document pages: metadata card, the text with anchors and permalinks, topic chips,
tasks per clause, references to other documents linked, the original for download."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from build_tools.documents.content import Block
from build_tools.documents.load import Corpus, Document, DocumentMeta, Placed, plain_text
from build_tools.planned import Planned, planned
from build_tools.render import render as render_template

PERMALINK = '[¶](#{anchor}){{: .headerlink title="Liên kết đến đoạn này" }}'
REFERENCE = re.compile(
    r"(?<!\[)(?P<kind>Chỉ thị|Kế hoạch|Chương trình hành động|Công văn|Kết luận|Nghị quyết|Báo cáo)"
    r" số (?P<number>\d+-[A-ZĐa-z]+/[A-ZĐ]+)"
)
# How a task's status badge starts (the `badge` filter of progress/dates.py): a page that
# shows one also says the day statuses were computed for. Content cannot write it (no raw
# HTML in documents: documents/safety.py).
BADGE = '<span class="status status-'


@dataclass(frozen=True)
class Extras:
    """What shows under one anchor of a document besides its text: topic chips, the tasks
    this clause gives rise to (its own and those the clause register names here) and the
    register's rows here that give a reason instead."""

    topics: tuple[Any, ...] = ()  # topics.Topic (slug, name), strongest first
    tasks: tuple[Any, ...] = ()  # progress.Task (id, title, url, status)
    notes: tuple[Any, ...] = ()  # progress.ClauseRow with a reason


@dataclass(frozen=True)
class Listed:
    """A document as a list names it: its metadata (title, id, summary…), not its text."""

    meta: DocumentMeta


Anchored = tuple[tuple[str, Extras], ...]  # (anchor, what shows under it), only where any


@dataclass(frozen=True)
class Around:
    """What a document page shows besides its own text, as the other stages hold it: the
    tasks taken from it, its rows in the clause register and the tasks they name, and the
    topics assigned to its sections (progress.sections.around gathers it)."""

    tasks: tuple[Any, ...] = ()  # progress.Task whose source is in this document
    rows: tuple[Any, ...] = ()  # progress.ClauseRow of this document
    named: tuple[Any, ...] = ()  # the tasks those rows name (those that exist)
    assigned: tuple[tuple[str, tuple[Any, ...]], ...] = ()  # (anchor, topics.Assignment…)
    topics: tuple[Any, ...] = ()  # every topics.Topic (the chips' names), when any assigned


def anchored(around: Around) -> Anchored:
    """What shows under each anchor: topic chips, the tasks this clause gives rise to (its
    own, then those the clause register names here) and the register's reasons."""
    by_slug = {t.slug: t for t in reversed(around.topics)}  # the first of a slug wins
    named = {t.id: t for t in around.named}
    tasks: dict[str, list[Any]] = {}
    for task in around.tasks:
        tasks.setdefault(task.source.anchor, []).append(task)
    rows: dict[str, list[Any]] = {}
    for row in around.rows:
        rows.setdefault(row.source.anchor, []).append(row)
    chips = {
        anchor: tuple(by_slug[a.slug] for a in found if a.slug in by_slug)
        for anchor, found in around.assigned
    }
    out = []
    for anchor in dict.fromkeys([*tasks, *rows, *chips]):
        found = list(tasks.get(anchor, ()))
        for row in rows.get(anchor, ()):
            for task_id in row.task_ids:
                task = named.get(task_id)
                if task is not None and task not in found:
                    found.append(task)
        notes = tuple(r for r in rows.get(anchor, ()) if r.reason)
        if chips.get(anchor) or found or notes:
            out.append((anchor, Extras(chips.get(anchor, ()), tuple(found), notes)))
    return tuple(out)


def plan(corpus: Corpus, around: Mapping[str, Around], dates: Any) -> dict[str, Planned]:
    """van-ban/index.md, a page per document and its original for download; `around`: by
    document id (progress.sections.around), `dates`: the status and data dates."""
    listed = tuple(Listed(doc.meta) for doc in corpus.documents)
    numbers = tuple((n, doc.meta.id) for n, doc in corpus.by_number.items())
    titles = {doc.meta.id: Listed(doc.meta) for doc in corpus.documents}
    files = {"van-ban/index.md": planned(index_page, listed)}
    nothing = Around()
    for doc in corpus.documents:
        found = around.get(doc.meta.id, nothing)
        related = tuple((i, titles[i]) for i in doc.meta.related if i in titles)
        shows = found.tasks or found.rows  # the dates, only where a status may show
        files[f"{doc.url}index.md"] = planned(
            document_page, doc, found, numbers, related, dates if shows else None
        )
        if doc.source_path is not None:
            stat = doc.source_path.stat()
            files[f"{doc.url}{download_name(doc)}"] = planned(
                original, str(doc.source_path), stat.st_size, stat.st_mtime_ns
            )
    return files


def index_page(documents: tuple[Listed, ...]) -> str:
    """van-ban/index.md: every document with its metadata."""
    return render_template("van-ban-index.md.j2", documents=documents)


def document_page(
    doc: Document,
    around: Around,
    numbers: tuple[tuple[str, str], ...],
    related: tuple[tuple[str, Listed], ...],
    dates: Any,
) -> str:
    """van-ban/<id>/index.md: the card, the table of contents and the text with what shows
    around it; `numbers`: (số/ký hiệu, document id) of every document, for links between
    them; `related`: the related documents' metadata; `dates`: None when no task shows."""
    text = body(doc, anchored(around), numbers)
    return render_template(
        "van-ban.md.j2",
        doc=doc,
        related=dict(related),
        dates=dates,
        body=Markup(text),  # Markdown checked by documents.safety at load
        toc=[Markup(line) for line in toc_lines(doc)],
        shows_status=BADGE in text,
    )


def original(path: str, size: int, modified: int) -> bytes:
    """The original as received (keyed by its size and modification time)."""
    return Path(path).read_bytes()


TOC_WORDS = 12


def toc_lines(doc: Document) -> list[str]:
    """A nested Markdown list of every section and clause, clauses cut to a few words."""
    levels = {s.anchor: s.level for s in doc.sections}
    top = min(levels.values(), default=2)
    lines = []
    depth = -1
    for placed in doc.placed:
        if placed.block.kind not in ("heading", "clause"):
            continue
        words = plain_text(placed.block.text).split()
        label = " ".join(words[:TOC_WORDS]) + (" …" if len(words) > TOC_WORDS else "")
        label = label.replace("[", "(").replace("]", ")")
        anchor = placed.anchors[0]
        depth = min(levels[anchor] - top, depth + 1)  # never skip a level of nesting
        lines.append(f"{'    ' * depth}- [{label}](#{anchor})")
    return lines


def download_name(doc: Document) -> str:
    return Path(doc.meta.source_file).name


def body(doc: Document, extras: Anchored = (), numbers: tuple[tuple[str, str], ...] = ()) -> str:
    """The document's Markdown as published: anchors, permalinks, chips, links."""
    page = _Page(doc, dict(extras), dict(numbers))
    return "\n\n".join(_block(page, placed) for placed in doc.placed) + "\n"


@dataclass(frozen=True)
class _Page:
    doc: Document
    extras: dict[str, Extras]
    numbers: dict[str, str]  # số/ký hiệu -> document id


def _block(page: _Page, placed: Placed) -> str:
    block = placed.block
    if block.kind == "heading":
        anchor = placed.anchors[0]
        heading = f"{'#' * block.level} {block.text} {{#{anchor}}}"
        return _with_extras(page, anchor, heading)
    if block.kind == "clause":
        anchor = placed.anchors[0]
        text = _no_list(link_references(page.numbers, page.doc, block.text))
        para = f"{text} {PERMALINK.format(anchor=anchor)}\n{{: #{anchor} .clause }}"
        return _with_extras(page, anchor, para)
    if block.kind == "footnote":
        return block.text
    if block.kind == "table":
        return (
            f'<div class="doc-table" id="{placed.anchors[0]}" markdown>\n\n{block.text}\n\n</div>'
        )
    if block.kind == "list":
        return _list(page, block, placed.anchors)
    return _paragraph(page, block, placed.anchors[0])


def _no_list(text: str) -> str:
    """ "1. Trên cơ sở…" is a numbered paragraph, not a list Markdown would renumber."""
    return re.sub(r"^(\d+)([.)])(\s)", r"\1\\\2\3", text)


def _paragraph(page: _Page, block: Block, anchor: str) -> str:
    classes = "".join(f" .{c}" for c in block.attrs.classes)
    text = _no_list(link_references(page.numbers, page.doc, block.text))
    para = f"{text} {PERMALINK.format(anchor=anchor)}\n{{: #{anchor}{classes} }}"
    return _with_extras(page, anchor, para)


def _list(page: _Page, block: Block, anchors: tuple[str, ...]) -> str:
    lines = []
    for item, anchor in zip(block.items, anchors, strict=True):
        indent = "    " * item.depth
        text = link_references(page.numbers, page.doc, item.text)
        lines.append(f"{indent}- {text} {PERMALINK.format(anchor=anchor)}")
        extras = _extras(page, anchor, in_list=True)
        if extras:  # a line break, then one line under the item's words
            lines[-1] += "  "
            lines.append(f"{indent}  {extras}")
        lines.append(f"{indent}  {{: #{anchor} }}")
    return "\n".join(lines)


def _with_extras(page: _Page, anchor: str, markdown: str) -> str:
    extras = _extras(page, anchor)
    return f"{markdown}\n\n{extras}" if extras else markdown


def _extras(page: _Page, anchor: str, *, in_list: bool = False) -> str:
    """Topic chips, the tasks this clause gives rise to and, where the register excludes
    it, the reason."""
    found = page.extras.get(anchor)
    if found is None:
        return ""
    return render_template(
        "section-extras.md.j2",
        topics=found.topics,
        tasks=found.tasks,
        notes=found.notes,
        register=f"../../tien-do/doi-chieu/{page.doc.meta.id}/index.md#{anchor}",
        in_list=in_list,
    ).strip()


def link_references(numbers: Mapping[str, str], doc: Document, text: str) -> str:
    """ "Chỉ thị số 01-CT/TU" -> a link when that document is on the site (not itself);
    `numbers`: số/ký hiệu -> document id."""

    def link(match: re.Match[str]) -> str:
        target = numbers.get(match.group("number"))
        if target is None or target == doc.meta.id:
            return match.group(0)
        return f"[{match.group(0)}](../{target}/index.md){{: .doc-ref }}"

    return REFERENCE.sub(link, text)
