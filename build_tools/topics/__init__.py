"""Topics: content/topics.yml + phrase rules + editors' overrides -> topic pages.

Contract used by other stages: `Topic`, `TopicIndex.topics`, `TopicIndex.topics_for(doc_id,
anchor)` (strongest first), `TopicIndex.get(slug)`; `load(paths, corpus, sink)` and
`render(site)` as every stage. `unknown_topic_message(slug, known)` is the message for a
task that names a topic topics.yml does not define.

Stage: after documents (topics are assigned to the Corpus's sections). May import the
shared modules and documents; never progress, home, search, the pipeline or a door.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from build_tools.errors import ErrorSink
from build_tools.paths import Paths
from build_tools.planned import Planned, make_all
from build_tools.topics.assign import assign
from build_tools.topics.model import Assignment, CorpusLike, SectionKey, Topic, TopicIndex
from build_tools.topics.source import load_overrides, load_topics, unknown_topic_message

if TYPE_CHECKING:
    from build_tools.documents import Corpus
    from build_tools.models import Site

__all__ = [
    "Assignment",
    "SectionKey",
    "Topic",
    "TopicIndex",
    "load",
    "plan",
    "render",
    "unknown_topic_message",
]


def load(paths: Paths, corpus: Corpus, sink: ErrorSink) -> TopicIndex:
    """Read topics and overrides, check them against the corpus, assign every section."""
    documents: CorpusLike = corpus  # the contract, checked by mypy
    source = load_topics(paths, sink)
    slugs = [t.slug for t in source.topics]
    extra = load_overrides(paths, documents, slugs, sink)
    found, general = assign(
        source.topics, source.general_titles, documents, extra.overrides, extra.general
    )
    return TopicIndex(source.topics, found, general)


def plan(site: Site, dates: Any = None) -> dict[str, Planned]:
    """chu-de/index.md, one chu-de/<slug>/index.md per topic, du-lieu-mo/chu-de.json."""
    from build_tools.topics.pages import plan as plan_pages

    return plan_pages(site, dates)


def render(site: Site) -> dict[str, str | bytes]:
    """chu-de/index.md and one chu-de/<slug>/index.md per topic, made."""
    return make_all(plan(site))
