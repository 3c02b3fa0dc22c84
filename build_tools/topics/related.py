"""Tasks and indicators shown on a topic page.

An item belongs to a topic when the progress data tags it (`topics`), else when its own
title names the topic (the phrase rules, as for a heading), else when the section it was
taken from carries the topic. Items are read through the contract's attributes only
(`tasks`, `indicators`, `.topics`, `.title`/`.name`, `.source_document`, `.source_anchor`
or `.source`), so the progress stage stays free to shape its model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from build_tools.topics import match
from build_tools.topics.model import TopicIndex

_PARAGRAPH = re.compile(r"^(?P<section>.+)-p\d+$")


def section_of(anchor: str) -> str:
    """The section anchor of a paragraph permalink ("ii-3-1-p2" -> "ii-3-1")."""
    found = _PARAGRAPH.match(anchor)
    return found.group("section") if found else anchor


def _source(item: Any) -> tuple[str, str]:
    doc = getattr(item, "source_document", None)
    anchor = getattr(item, "source_anchor", None)
    if doc is None:
        source = getattr(item, "source", None)
        doc, anchor = getattr(source, "document", ""), getattr(source, "anchor", "")
    return str(doc or ""), str(anchor or "")


def item_topics(index: TopicIndex, item: Any) -> tuple[str, ...]:
    """The topics of a task or indicator, strongest first."""
    tagged = tuple(str(s) for s in getattr(item, "topics", ()) or ())
    if tagged:
        return tagged
    title = str(getattr(item, "title", "") or getattr(item, "name", ""))
    named = tuple(a.slug for a in match.rank(index.topics, title, ""))
    if named:
        return named
    doc, anchor = _source(item)
    return tuple(t.slug for t in index.topics_for(doc, section_of(anchor)))


def tasks_for(progress: Any, index: TopicIndex, slug: str) -> tuple[Any, ...]:
    """Tasks on a topic: `progress.tasks_for_topic(slug)` plus those derived, in data order."""
    tagged = list(progress.tasks_for_topic(slug))
    seen = {id(t) for t in tagged}
    derived = [
        t for t in _all(progress, "tasks") if id(t) not in seen and slug in item_topics(index, t)
    ]
    return tuple(tagged + derived)


def indicators_for(progress: Any, index: TopicIndex, slug: str) -> tuple[Any, ...]:
    """Indicators (chỉ tiêu) on a topic, in data order."""
    return tuple(i for i in _all(progress, "indicators") if slug in item_topics(index, i))


def _all(progress: Any, name: str) -> Sequence[Any]:
    found = getattr(progress, name, ())
    return tuple(found) if isinstance(found, Sequence) else ()


def by_topic(progress: Any, index: TopicIndex) -> tuple[dict[str, tuple[Any, ...]], ...]:
    """`tasks_for` and `indicators_for` of every topic at once, each item read once:
    ({slug: tasks}, {slug: indicators})."""
    slugs = [t.slug for t in index.topics]
    tasks: dict[str, list[Any]] = {slug: list(progress.tasks_for_topic(slug)) for slug in slugs}
    for task in _all(progress, "tasks"):
        if not getattr(task, "topics", ()):  # a tagged task is on its tags' topics only
            for slug in dict.fromkeys(item_topics(index, task)):
                tasks.setdefault(slug, []).append(task)
    indicators: dict[str, list[Any]] = {slug: [] for slug in slugs}
    for indicator in _all(progress, "indicators"):
        for slug in dict.fromkeys(item_topics(index, indicator)):
            indicators.setdefault(slug, []).append(indicator)
    return (
        {slug: tuple(found) for slug, found in tasks.items()},
        {slug: tuple(found) for slug, found in indicators.items()},
    )
