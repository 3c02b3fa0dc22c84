"""Every section of every document -> its topics (strongest first) or a reason it has none.

Order of rules for one section:
1. an editor marked it general (content/chu-de-gan-tay.yml, muc_chung), or its whole
   heading is one of topics.yml's `tieu_de_chung` ("Nơi nhận"): general, no topic;
2. phrase rules on its own heading and body (match.rank);
3. editors' overrides: topics in `bo` are removed, topics in `them` go first;
4. still nothing and it has subsections (a heading over them, or a lead-in): general;
5. still nothing: the topics of its enclosing section ("mục cha");
6. still nothing and no body of its own: general.
A section left with neither is reported by `TopicIndex.unreached()`; tests require none.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from build_tools.topics import match
from build_tools.topics.model import (
    Assignment,
    CorpusLike,
    DocumentLike,
    SectionKey,
    SectionLike,
    Topic,
    own_heading,
)
from build_tools.topics.source import Override

HEADING_ONLY = "Mục chỉ có tiêu đề; nội dung nằm ở các mục con."
LEAD_IN = "Lời dẫn của mục lớn; nội dung cụ thể nằm ở các mục con."
INHERITED_SHARE = 0.5  # an inherited topic weighs half of the parent's


def assign(
    topics: Sequence[Topic],
    general_titles: Sequence[str],
    corpus: CorpusLike,
    overrides: Sequence[Override],
    general: Mapping[SectionKey, str],
) -> tuple[dict[SectionKey, tuple[Assignment, ...]], dict[SectionKey, str]]:
    """(assignments, general) for the whole corpus, in document and section order."""
    rules = _Rules(
        tuple(_matching(t) for t in topics),
        frozenset(match.normalize(t) for t in general_titles),
    )
    by_key = {o.key: o for o in overrides}
    by_doc: dict[str, list[tuple[SectionKey, object]]] = {}
    for o in overrides:
        by_doc.setdefault(o.key[0], []).append((o.key, o))
    for key, reason in general.items():
        by_doc.setdefault(key[0], []).append((key, reason))
    found: dict[SectionKey, tuple[Assignment, ...]] = {}
    marked: dict[SectionKey, str] = {}
    for document in corpus.documents:
        given = tuple(by_doc.get(document.meta.id, ()))
        own_found, own_marked = _document(document, rules, given, by_key, general)
        found.update(own_found)
        marked.update(own_marked)
    return found, marked


def _matching(topic: Topic) -> Topic:
    """The topic as phrase rules see it (slug, phrases, exclusions): a change of a name,
    description or icon keeps every section's topics."""
    return Topic(topic.slug, "", "", "", topic.phrases, topic.exclusions)


@dataclass(frozen=True)
class _Rules:
    topics: tuple[Topic, ...]
    titles: frozenset[str]


# Each document's result, by id(document), kept while the document is the same object
# (documents/load.py) and the rules and editors' decisions for it are equal.
_Found = tuple[dict[SectionKey, tuple[Assignment, ...]], dict[SectionKey, str]]
_KEPT: dict[int, tuple[DocumentLike, _Rules, tuple[tuple[SectionKey, object], ...], _Found]] = {}


def _document(
    document: DocumentLike,
    rules: _Rules,
    given: tuple[tuple[SectionKey, object], ...],
    by_key: Mapping[SectionKey, Override],
    general: Mapping[SectionKey, str],
) -> _Found:
    """One document's (assignments, general); `given`: the editors' decisions on its
    sections (the result is kept while they, the rules and the document are the same)."""
    kept = _KEPT.get(id(document))
    if kept is not None and kept[0] is document and kept[1] == rules and kept[2] == given:
        return kept[3]
    found: dict[SectionKey, tuple[Assignment, ...]] = {}
    marked: dict[SectionKey, str] = {}
    parents = {s.parent for s in document.sections}
    for section in document.sections:
        key = (section.doc_id, section.anchor)
        reason = general.get(key) or _general_title(section, rules.titles)
        auto = () if reason else match.rank(rules.topics, own_heading(section), section.text)
        result = _apply(auto, by_key.get(key))
        if not result and not reason:
            reason = _container(section, section.anchor in parents)
        if not result and not reason:
            result = _inherit(found.get((section.doc_id, section.parent or "")))
            reason = "" if result or section.text.strip() else HEADING_ONLY
        if result:
            found[key] = result
        if reason:
            marked[key] = reason
    if len(_KEPT) > 4 * 1024:
        _KEPT.clear()
    _KEPT[id(document)] = (document, rules, given, (found, marked))
    return found, marked


def _container(section: SectionLike, has_children: bool) -> str:
    """Why a section with subsections and no topic of its own is general, or ""."""
    if not has_children:
        return ""
    return LEAD_IN if section.text.strip() else HEADING_ONLY


def _general_title(section: SectionLike, titles: frozenset[str]) -> str:
    if match.normalize(section.title) in titles:
        return f"Phần “{section.title}” của văn bản, không thuộc chủ đề nào."
    return ""


def _apply(auto: tuple[Assignment, ...], override: Override | None) -> tuple[Assignment, ...]:
    if override is None:
        return auto
    added = tuple(Assignment(slug, float("inf"), "gắn tay") for slug in override.add)
    dropped = set(override.remove) | set(override.add)
    return added + tuple(a for a in auto if a.slug not in dropped)


def _inherit(parent: tuple[Assignment, ...] | None) -> tuple[Assignment, ...]:
    return tuple(Assignment(a.slug, a.score * INHERITED_SHARE, "mục cha") for a in (parent or ()))
