"""Topics: content/topics.yml + phrase rules -> topic pages (issue 4 fills this in)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from build_tools.documents import Corpus
from build_tools.errors import ErrorSink
from build_tools.paths import Paths

if TYPE_CHECKING:
    from build_tools.models import Site


@dataclass(frozen=True)
class TopicIndex:
    topics: tuple[object, ...] = ()

    def topics_for(self, doc_id: str, anchor: str) -> tuple[object, ...]:
        return ()


def load(paths: Paths, corpus: Corpus, sink: ErrorSink) -> TopicIndex:
    return TopicIndex()


def render(site: Site) -> dict[str, str | bytes]:
    return {"chu-de/index.md": "# Chủ đề\n\nDanh mục chủ đề đang được xây dựng.\n"}
