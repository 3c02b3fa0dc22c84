"""Open data: every topic and every section's topics as one JSON file.

`du-lieu-mo/chu-de.json` holds exactly what the topic pages show: the topics, and for every
section of every document its topics strongest first, how each was assigned, or why the
section is general. Keys are Vietnamese without diacritics, as in the other open data.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from build_tools.topics.model import (
    Assignment,
    CorpusLike,
    SectionKey,
    SectionLike,
    Topic,
    TopicIndex,
)

if TYPE_CHECKING:
    from build_tools.models import Site

PATH = "du-lieu-mo/chu-de.json"


def _topic(index: TopicIndex, slug: str) -> dict[str, Any]:
    topic = index.get(slug)
    assert topic is not None
    return {
        "ma": topic.slug,
        "ten": topic.name,
        "mo_ta": topic.description,
        "bieu_tuong": topic.icon,
        "url": topic.url,
        "so_muc": len(index.sections_for(slug)),
    }


def _section(index: TopicIndex, section: SectionLike) -> dict[str, Any]:
    key = (section.doc_id, section.anchor)
    found = index.assignments.get(key, ())
    return {
        "van_ban": section.doc_id,
        "muc": section.anchor,
        "so": section.number,
        "tieu_de": section.title,
        "url": f"van-ban/{section.doc_id}/#{section.anchor}",
        "chu_de": [a.slug for a in found],
        "cach_gan": [a.how for a in found],
        "muc_chung": index.general.get(key, ""),
    }


def topics_json(index: TopicIndex, corpus: CorpusLike) -> str:
    """du-lieu-mo/chu-de.json."""
    data = {
        "chu_de": [_topic(index, t.slug) for t in index.topics],
        "muc": [_section(index, s) for d in corpus.documents for s in d.sections],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def topics_file(
    topics: tuple[Topic, ...],
    assignments: tuple[tuple[SectionKey, tuple[Assignment, ...]], ...],
    general: tuple[tuple[SectionKey, str], ...],
    corpus: CorpusLike,
) -> str:
    """du-lieu-mo/chu-de.json from the index's parts (a plan's key must hash: no dicts)."""
    return topics_json(TopicIndex(topics, dict(assignments), dict(general)), corpus)


def render(site: Site) -> dict[str, str | bytes]:
    """du-lieu-mo/chu-de.json, made."""
    return {PATH: topics_json(site.topics, site.corpus)}
