"""Source documents: content/van-ban/ -> Corpus -> document pages (issue 3 fills this in)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from build_tools.errors import ErrorSink
from build_tools.paths import Paths

if TYPE_CHECKING:
    from build_tools.models import Site


@dataclass(frozen=True)
class Corpus:
    documents: tuple[object, ...] = ()


def load(paths: Paths, sink: ErrorSink) -> Corpus:
    return Corpus()


def render(site: Site) -> dict[str, str | bytes]:
    return {"van-ban/index.md": "# Văn bản\n\nDanh mục văn bản đang được xây dựng.\n"}
