"""Topic model: Topic, the section-to-topic assignment, and what it reads from documents."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

SectionKey = tuple[str, str]  # (doc_id, anchor)
CLAUSE_WORDS = 20  # a "title" longer than this that opens the text is a clause


class SectionLike(Protocol):
    """The fields of documents.Section that topics read (see the contract)."""

    @property
    def doc_id(self) -> str: ...
    @property
    def anchor(self) -> str: ...
    @property
    def number(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def level(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def parent(self) -> str | None: ...


class MetaLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...


class DocumentLike(Protocol):
    @property
    def meta(self) -> MetaLike: ...
    @property
    def sections(self) -> Sequence[SectionLike]: ...


class CorpusLike(Protocol):
    @property
    def documents(self) -> Sequence[DocumentLike]: ...


def own_heading(section: SectionLike) -> str:
    """The words of a section's heading, "" for a numbered clause without a title.

    A long numbered clause ("1- Tổ chức triển khai…") is a section whose title is its
    whole first paragraph, repeated as the start of its text: that is body, not heading.
    (A short heading may also be repeated by its first sentence; it stays a heading.)
    """
    title = section.title.strip()
    clause = len(title.split()) > CLAUSE_WORDS and section.text.startswith(title)
    return "" if clause else title


@dataclass(frozen=True)
class Topic:
    """One theme; its page is chu-de/<slug>/."""

    slug: str
    name: str
    description: str
    icon: str  # Material icon name shipped with Material 9.8.1, e.g. "material/laptop"
    phrases: tuple[str, ...]
    exclusions: tuple[str, ...] = ()  # phrases whose words must not count for this topic

    @property
    def url(self) -> str:
        return f"chu-de/{self.slug}/"


@dataclass(frozen=True)
class Assignment:
    """Why a section carries a topic: its score, and whether an editor decided it."""

    slug: str
    score: float
    how: str  # "tiêu đề" (heading), "nội dung" (body), "mục cha" (inherited), "gắn tay"


@dataclass(frozen=True)
class TopicIndex:
    """Every topic and, for every section, its topics strongest first."""

    topics: tuple[Topic, ...] = ()
    assignments: Mapping[SectionKey, tuple[Assignment, ...]] = field(default_factory=dict)
    general: Mapping[SectionKey, str] = field(default_factory=dict)  # key -> reason

    def get(self, slug: str) -> Topic | None:
        """The topic with this slug, or None."""
        return next((t for t in self.topics if t.slug == slug), None)

    def topics_for(self, doc_id: str, anchor: str) -> tuple[Topic, ...]:
        """The topics of one section, strongest first (empty when none or general)."""
        found = (self.get(a.slug) for a in self.assignments.get((doc_id, anchor), ()))
        return tuple(t for t in found if t is not None)

    def sections_for(self, slug: str) -> tuple[SectionKey, ...]:
        """Keys of the sections carrying `slug`, in corpus order."""
        return tuple(
            key for key, found in self.assignments.items() if any(a.slug == slug for a in found)
        )

    def sections_by_topic(self) -> dict[str, tuple[SectionKey, ...]]:
        """`sections_for` of every topic at once (one pass over the assignments)."""
        found: dict[str, dict[SectionKey, None]] = {}
        for key, assigned in self.assignments.items():
            for a in assigned:
                found.setdefault(a.slug, {})[key] = None
        return {slug: tuple(keys) for slug, keys in found.items()}

    def is_general(self, doc_id: str, anchor: str) -> bool:
        return (doc_id, anchor) in self.general

    def unreached(self, corpus: CorpusLike) -> tuple[SectionKey, ...]:
        """Sections with no topic that are not marked general either (should be none)."""
        keys = ((s.doc_id, s.anchor) for d in corpus.documents for s in d.sections)
        return tuple(k for k in keys if k not in self.assignments and k not in self.general)
