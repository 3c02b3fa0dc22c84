"""The whole content model, read and validated before anything is written.

Each feature keeps its own frozen dataclasses in its module (documents, topics,
progress); `Site` gathers them so roll-ups and cross-links can see everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from build_tools.withdrawn import Withdrawn

if TYPE_CHECKING:
    from build_tools.config import SiteConfig
    from build_tools.documents import Corpus
    from build_tools.progress import Progress
    from build_tools.topics import TopicIndex


@dataclass(frozen=True)
class Site:
    config: SiteConfig
    corpus: Corpus
    topics: TopicIndex
    progress: Progress
    # published items withdrawn on purpose (content/da-rut.yml)
    withdrawn: Withdrawn = field(default_factory=Withdrawn)
