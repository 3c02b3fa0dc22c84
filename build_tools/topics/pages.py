"""Topic pages: chu-de/index.md and chu-de/<slug>/index.md from plain view models."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from build_tools.planned import Planned, make_all, planned
from build_tools.render import LIST_LIMIT, markdown_text
from build_tools.render import render as render_template
from build_tools.topics import opendata, related
from build_tools.topics.model import (
    CorpusLike,
    SectionKey,
    SectionLike,
    Topic,
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


def _task_rows(tasks: tuple[Task, ...]) -> tuple[TaskRow, ...]:
    return tuple(
        TaskRow(md(str(t.id)), md(str(t.title)), t, f"../../{t.url}index.md") for t in tasks
    )


def _indicator_links(found: tuple[Any, ...]) -> tuple[Link, ...]:
    return tuple(Link(md(str(i.name)), f"../../{i.url}index.md", md(str(i.id))) for i in found)


def _note(section: SectionLike) -> str:
    """The excerpt under a section's link; an untitled section's label already shows it."""
    return md(excerpt(section.text)) if own_heading(section) else ""


@dataclass(frozen=True)
class Documents:
    """The documents a topic page groups its sections by (`CorpusLike`)."""

    documents: tuple[Any, ...]


def topic_page(
    topic: Topic,
    keys: tuple[SectionKey, ...],
    tasks: tuple[Task, ...],
    indicators: tuple[Any, ...],
    corpus: Documents,
    dates: Any,
) -> str:
    """chu-de/<slug>/index.md: the topic's sections by document, its tasks and indicators;
    `dates`: the status date and the data's (the `as_of_html` filter)."""
    groups = _capped(_groups(corpus, keys, "../../", _note), SECTION_LIMIT)
    return render_template(
        "topics/topic.md.j2",
        topic=topic,
        icon=_icon(topic),
        description=md(topic.description),
        groups=groups,
        section_count=len(keys),
        shown_sections=sum(len(g.links) for g in groups),
        tasks=_task_rows(tasks),
        progress=dates,
        list_limit=LIST_LIMIT,
        indicators=_indicator_links(indicators),
    )


def task_page(topic: Topic, rows: tuple[Task, ...], total: int, number: int, dates: Any) -> str:
    """chu-de/<slug>/nhiem-vu/<number>/index.md: page `number` (≥ 2) of a topic's task
    list, `rows` its tasks (the topic page shows the first LIST_LIMIT): at city scale every
    task stays listed and no page gets heavy. `dates`: as for topic_page."""
    size = LIST_LIMIT
    first = (number - 1) * size + 1
    return render_template(
        "topics/tasks.md.j2",
        topic=topic,
        tasks=_task_rows(rows),
        total=total,
        number=number,
        pages=-(-total // size),
        first=first,
        last=first + len(rows) - 1,
        progress=dates,
    )


def _task_pages(topic: Topic, tasks: tuple[Task, ...], dates: Any) -> dict[str, Planned]:
    """Pages 2, 3, … of a topic's task list, planned."""
    size = LIST_LIMIT
    return {
        f"chu-de/{topic.slug}/nhiem-vu/{n}/index.md": planned(
            task_page, topic, tasks[(n - 1) * size : n * size], len(tasks), n, dates
        )
        for n in range(2, -(-len(tasks) // size) + 1)
    }


def index_page(
    cards: tuple[tuple[Topic, int, int, int], ...],
    general: tuple[tuple[SectionKey, str], ...],
    corpus: Documents,
) -> str:
    """chu-de/index.md: a card per topic (topic, sections, tasks, indicators), and the
    sections general on purpose (`general`: key -> reason)."""
    reasons = dict(general)
    shown = tuple(Card(t, _icon(t, "lg middle"), *counts) for t, *counts in cards)
    groups = _groups(corpus, reasons, "../", lambda s: md(reasons[(s.doc_id, s.anchor)]))
    total = sum(len(d.sections) for d in corpus.documents)
    return render_template(
        "topics/index.md.j2",
        cards=shown,
        md=md,
        general=groups,
        general_count=len(reasons),
        total=total,
    )


def plan(site: Site, dates: Any = None) -> dict[str, Planned]:
    """chu-de/index.md, one chu-de/<slug>/index.md per topic and du-lieu-mo/chu-de.json;
    `dates`: the progress dates (progress.dates.of), else the progress data itself."""
    index = site.topics
    corpus = Documents(tuple(site.corpus.documents))
    tasks, indicators = related.by_topic(site.progress, index)
    sections = index.sections_by_topic()
    cards = tuple(
        (
            t,
            len(sections.get(t.slug, ())),
            len(tasks.get(t.slug, ())),
            len(indicators.get(t.slug, ())),
        )
        for t in index.topics
    )
    files = {
        "chu-de/index.md": planned(index_page, cards, tuple(index.general.items()), corpus),
        opendata.PATH: planned(
            opendata.topics_file,
            index.topics,
            tuple(index.assignments.items()),
            tuple(index.general.items()),
            corpus,
        ),
    }
    when = site.progress if dates is None else dates
    for topic in index.topics:
        files[f"chu-de/{topic.slug}/index.md"] = planned(
            topic_page,
            topic,
            sections.get(topic.slug, ()),
            tasks.get(topic.slug, ()),
            indicators.get(topic.slug, ()),
            corpus,
            when,
        )
        files.update(_task_pages(topic, tasks.get(topic.slug, ()), when))
    return files


def render(site: Site) -> dict[str, str | bytes]:
    """The topic pages and chu-de.json, made."""
    return make_all(plan(site))
