"""Topic pages: chu-de/index.md and chu-de/<slug>/index.md from plain view models."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from build_tools.render import LIST_LIMIT, markdown_text
from build_tools.render import render as render_template
from build_tools.topics import opendata, related
from build_tools.topics.model import (
    CorpusLike,
    SectionKey,
    SectionLike,
    Topic,
    TopicIndex,
    own_heading,
)
from build_tools.topics.source import icon_svg

if TYPE_CHECKING:
    from build_tools.models import Site
    from build_tools.progress.model import Task

EXCERPT_WORDS = 30
CONTEXT_WORDS = 10  # the enclosing section's label, shortened
LABEL_WORDS = 16  # an untitled section ("1- Tổ chức…") is named by its first words
SECTION_LIMIT = 300  # section links on a topic page (city scale: thousands, a 2 MB page)


@dataclass(frozen=True)
class Link:
    label: str  # Markdown-escaped
    href: str  # relative to the page, to a .md file with an anchor
    note: str  # Markdown-escaped excerpt or reason; may be ""
    within: str = ""  # Markdown-escaped label of the enclosing section; may be ""


@dataclass(frozen=True)
class Group:
    title: str  # document title, Markdown-escaped
    href: str
    links: tuple[Link, ...]


@dataclass(frozen=True)
class TaskRow:
    id: str
    title: str
    task: Task  # its status badge: the `badge` filter (progress/dates.py)
    href: str


@dataclass(frozen=True)
class Card:
    topic: Topic
    icon: str  # inline SVG
    sections: int
    tasks: int
    indicators: int


def md(text: str) -> str:
    """Plain text made safe inside a Markdown paragraph, list item or table cell."""
    return markdown_text(text)


def excerpt(text: str, words: int = EXCERPT_WORDS) -> str:
    """The first `words` words of `text`, with "…" when cut."""
    parts = text.split()
    cut = " ".join(parts[:words]).rstrip(",;:")
    return cut + "…" if len(parts) > words else cut


def label(section: SectionLike) -> str:
    """ "3.4. Khoa học…", "a) …" or the bare title when the section is unnumbered."""
    title = own_heading(section) or excerpt(section.text, LABEL_WORDS)
    if not section.number:
        return title
    if section.anchor == f"phan-{section.number.lower()}":  # "PHẦN I" -> anchor phan-i
        return f"Phần {section.number}: {title}"
    mark = ")" if len(section.number) == 1 and section.number.islower() else "."
    return f"{section.number}{mark} {title}"


def _icon(topic: Topic, size: str = "") -> str:
    """A Material icon inline (Material styles `.twemoji`; `lg middle` suits cards)."""
    svg = icon_svg(topic.icon) or ""
    classes = " ".join(c for c in ("twemoji", size, "topic-icon") if c)
    return Markup(f'<span class="{classes}">{svg}</span>')  # the project's own icon files


def _doc_href(doc_id: str, prefix: str) -> str:
    return f"{prefix}van-ban/{doc_id}/index.md"


def _capped(groups: tuple[Group, ...], limit: int) -> tuple[Group, ...]:
    """The first `limit` links, in the same groups: a long topic page stays light."""
    kept: list[Group] = []
    room = limit
    for group in groups:
        if room <= 0:
            break
        kept.append(Group(group.title, group.href, group.links[:room]))
        room -= len(kept[-1].links)
    return tuple(kept)


def _groups(
    corpus: CorpusLike, keys: Iterable[SectionKey], prefix: str, note: Any
) -> tuple[Group, ...]:
    """Sections grouped by document, in corpus order; `note(section)` gives each note."""
    wanted = set(keys)
    groups = []
    for document in corpus.documents:
        by_anchor = {s.anchor: s for s in document.sections}
        links = tuple(
            Link(
                md(label(s)),
                f"{_doc_href(s.doc_id, prefix)}#{s.anchor}",
                note(s),
                _within(by_anchor.get(s.parent or "")),
            )
            for s in document.sections
            if (s.doc_id, s.anchor) in wanted
        )
        if links:
            groups.append(
                Group(md(document.meta.title), _doc_href(document.meta.id, prefix), links)
            )
    return tuple(groups)


def _within(parent: SectionLike | None) -> str:
    """The enclosing section, shortly: "II. Hạn chế, yếu kém trong nhiệm kỳ…"."""
    return md(excerpt(label(parent), CONTEXT_WORDS)) if parent is not None else ""


def _tasks(site: Site, slug: str) -> tuple[TaskRow, ...]:
    tasks = related.tasks_for(site.progress, site.topics, slug)
    return tuple(
        TaskRow(md(str(t.id)), md(str(t.title)), t, f"../../{t.url}index.md") for t in tasks
    )


def _indicators(site: Site, slug: str) -> tuple[Link, ...]:
    found = related.indicators_for(site.progress, site.topics, slug)
    return tuple(Link(md(str(i.name)), f"../../{i.url}index.md", md(str(i.id))) for i in found)


def _note(section: SectionLike) -> str:
    """The excerpt under a section's link; an untitled section's label already shows it."""
    return md(excerpt(section.text)) if own_heading(section) else ""


def topic_page(site: Site, topic: Topic) -> str:
    index = site.topics
    corpus: CorpusLike = site.corpus
    keys = index.sections_for(topic.slug)
    groups = _capped(_groups(corpus, keys, "../../", _note), SECTION_LIMIT)
    return render_template(
        "topics/topic.md.j2",
        topic=topic,
        icon=_icon(topic),
        description=md(topic.description),
        groups=groups,
        section_count=len(keys),
        shown_sections=sum(len(g.links) for g in groups),
        tasks=_tasks(site, topic.slug),
        progress=site.progress,
        list_limit=LIST_LIMIT,
        indicators=_indicators(site, topic.slug),
    )


def task_pages(site: Site, topic: Topic) -> dict[str, str]:
    """Pages 2, 3, … of a topic's task list (its page shows the first LIST_LIMIT tasks):
    at city scale every task stays listed and no page gets heavy."""
    rows = _tasks(site, topic.slug)
    size = LIST_LIMIT
    pages = -(-len(rows) // size) if size else 0
    return {
        f"chu-de/{topic.slug}/nhiem-vu/{n}/index.md": render_template(
            "topics/tasks.md.j2",
            topic=topic,
            tasks=rows[(n - 1) * size : n * size],
            total=len(rows),
            number=n,
            pages=pages,
            first=(n - 1) * size + 1,
            last=min(len(rows), n * size),
            progress=site.progress,
        )
        for n in range(2, pages + 1)
    }


def index_page(site: Site) -> str:
    index: TopicIndex = site.topics
    corpus: CorpusLike = site.corpus
    cards = tuple(
        Card(
            t,
            _icon(t, "lg middle"),
            len(index.sections_for(t.slug)),
            len(related.tasks_for(site.progress, index, t.slug)),
            len(related.indicators_for(site.progress, index, t.slug)),
        )
        for t in index.topics
    )
    general = _groups(
        corpus, index.general, "../", lambda s: md(index.general[(s.doc_id, s.anchor)])
    )
    total = sum(len(d.sections) for d in corpus.documents)
    return render_template(
        "topics/index.md.j2",
        cards=cards,
        md=md,
        general=general,
        general_count=len(index.general),
        total=total,
    )


def render(site: Site) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {"chu-de/index.md": index_page(site), **opendata.render(site)}
    for topic in site.topics.topics:
        files[f"chu-de/{topic.slug}/index.md"] = topic_page(site, topic)
        files.update(task_pages(site, topic))
    return files
