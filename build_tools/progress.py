""" "5 rõ" progress: content/tien-do/*.yml -> tasks, statuses, pages (issue 5 fills this in)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from build_tools.config import SiteConfig
from build_tools.documents import Corpus
from build_tools.errors import ErrorSink
from build_tools.paths import Paths
from build_tools.topics import TopicIndex

if TYPE_CHECKING:
    from build_tools.models import Site


@dataclass(frozen=True)
class Progress:
    tasks: tuple[object, ...] = ()

    def tasks_for_topic(self, slug: str) -> tuple[object, ...]:
        """Tasks tagged with a topic (the progress stage fills this in)."""
        return ()

    def tasks_for_anchor(self, doc_id: str, anchor: str) -> tuple[object, ...]:
        return ()


def load(
    paths: Paths, config: SiteConfig, corpus: Corpus, topics: TopicIndex, sink: ErrorSink
) -> Progress:
    return Progress()


def render(site: Site) -> dict[str, str | bytes]:
    return {
        "tien-do/index.md": '# Tiến độ "5 rõ"\n\nTrang tiến độ đang được xây dựng.\n',
        "chi-tieu/index.md": "# Chỉ tiêu\n\nTrang chỉ tiêu đang được xây dựng.\n",
        "du-lieu-mo/index.md": "# Dữ liệu mở\n\nTrang dữ liệu mở đang được xây dựng.\n",
    }
