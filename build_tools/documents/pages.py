"""Document pages: metadata card, the text with anchors and permalinks, topic chips,
tasks per clause, references to other documents linked, the original for download."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from build_tools.documents.content import Block
from build_tools.documents.load import Corpus, Document, Placed, plain_text
from build_tools.render import render as render_template

if TYPE_CHECKING:
    from build_tools.models import Site

PERMALINK = '[¶](#{anchor}){{: .headerlink title="Liên kết đến đoạn này" }}'
REFERENCE = re.compile(
    r"(?<!\[)(?P<kind>Chỉ thị|Kế hoạch|Chương trình hành động|Công văn|Kết luận|Nghị quyết|Báo cáo)"
    r" số (?P<number>\d+-[A-ZĐa-z]+/[A-ZĐ]+)"
)
# How a task's status badge starts (the `badge` filter of progress/dates.py): a page that
# shows one also says the day statuses were computed for. Content cannot write it (no raw
# HTML in documents: documents/safety.py).
BADGE = '<span class="status status-'


def render(site: Site) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "van-ban/index.md": render_template("van-ban-index.md.j2", site=site)
    }
    for doc in site.corpus.documents:
        text = body(site, doc)
        files[f"{doc.url}index.md"] = render_template(
            "van-ban.md.j2",
            site=site,
            doc=doc,
            body=Markup(text),  # Markdown checked by documents.safety at load
            toc=[Markup(line) for line in toc_lines(doc)],
            shows_status=BADGE in text,
        )
        if doc.source_path is not None:
            files[f"{doc.url}{download_name(doc)}"] = doc.source_path.read_bytes()
    return files


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


def body(site: Site, doc: Document) -> str:
    """The document's Markdown as published: anchors, permalinks, chips, links."""
    return "\n\n".join(_block(site, doc, placed) for placed in doc.placed) + "\n"


def _block(site: Site, doc: Document, placed: Placed) -> str:
    block = placed.block
    if block.kind == "heading":
        anchor = placed.anchors[0]
        heading = f"{'#' * block.level} {block.text} {{#{anchor}}}"
        return _with_extras(site, doc, anchor, heading)
    if block.kind == "clause":
        anchor = placed.anchors[0]
        text = _no_list(link_references(site.corpus, doc, block.text))
        para = f"{text} {PERMALINK.format(anchor=anchor)}\n{{: #{anchor} .clause }}"
        return _with_extras(site, doc, anchor, para)
    if block.kind == "footnote":
        return block.text
    if block.kind == "table":
        return (
            f'<div class="doc-table" id="{placed.anchors[0]}" markdown>\n\n{block.text}\n\n</div>'
        )
    if block.kind == "list":
        return _list(site, doc, block, placed.anchors)
    return _paragraph(site, doc, block, placed.anchors[0])


def _no_list(text: str) -> str:
    """ "1. Trên cơ sở…" is a numbered paragraph, not a list Markdown would renumber."""
    return re.sub(r"^(\d+)([.)])(\s)", r"\1\\\2\3", text)


def _paragraph(site: Site, doc: Document, block: Block, anchor: str) -> str:
    classes = "".join(f" .{c}" for c in block.attrs.classes)
    text = _no_list(link_references(site.corpus, doc, block.text))
    para = f"{text} {PERMALINK.format(anchor=anchor)}\n{{: #{anchor}{classes} }}"
    return _with_extras(site, doc, anchor, para)


def _list(site: Site, doc: Document, block: Block, anchors: tuple[str, ...]) -> str:
    lines = []
    for item, anchor in zip(block.items, anchors, strict=True):
        indent = "    " * item.depth
        text = link_references(site.corpus, doc, item.text)
        lines.append(f"{indent}- {text} {PERMALINK.format(anchor=anchor)}")
        extras = _extras(site, doc, anchor, in_list=True)
        if extras:  # a line break, then one line under the item's words
            lines[-1] += "  "
            lines.append(f"{indent}  {extras}")
        lines.append(f"{indent}  {{: #{anchor} }}")
    return "\n".join(lines)


def _with_extras(site: Site, doc: Document, anchor: str, markdown: str) -> str:
    extras = _extras(site, doc, anchor)
    return f"{markdown}\n\n{extras}" if extras else markdown


def _extras(site: Site, doc: Document, anchor: str, *, in_list: bool = False) -> str:
    """Topic chips, the tasks this clause gives rise to (its own and those the clause
    register names here) and, where the register excludes it, the reason."""
    topics = site.topics.topics_for(doc.meta.id, anchor)
    progress = site.progress
    tasks = list(progress.tasks_for_anchor(doc.meta.id, anchor))
    rows = progress.clauses_for_anchor(doc.meta.id, anchor)
    for row in rows:
        for task_id in row.task_ids:
            task = progress.task(task_id)
            if task is not None and task not in tasks:
                tasks.append(task)
    notes = [r for r in rows if r.reason]
    if not topics and not tasks and not notes:
        return ""
    return render_template(
        "section-extras.md.j2",
        topics=topics,
        tasks=tuple(tasks),
        notes=tuple(notes),
        register=f"../../tien-do/doi-chieu/{doc.meta.id}/index.md#{anchor}",
        in_list=in_list,
    ).strip()


def link_references(corpus: Corpus, doc: Document, text: str) -> str:
    """ "Chỉ thị số 01-CT/TU" -> a link when that document is on the site (not itself)."""
    numbers = corpus.by_number

    def link(match: re.Match[str]) -> str:
        target = numbers.get(match.group("number"))
        if target is None or target is doc:
            return match.group(0)
        return f"[{match.group(0)}](../{target.meta.id}/index.md){{: .doc-ref }}"

    return REFERENCE.sub(link, text)
