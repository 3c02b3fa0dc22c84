"""Helpers for the progress tests: the illustrative sample project and a tiny corpus."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from build_tools import progress
from build_tools.config import load_config
from build_tools.documents import Corpus, Document, DocumentMeta, Section
from build_tools.errors import ErrorSink
from build_tools.models import Site
from build_tools.paths import Paths

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "progress"
SAMPLE = FIXTURES / "sample"
GOLDEN = Path(__file__).resolve().parent / "golden" / "progress"


def sample_corpus() -> Corpus:
    """One illustrative document dated 07/10/2025 with sections "1", "2" and "1-p1"."""
    meta = DocumentMeta(
        id="vb-mau",
        kind="Chỉ thị",
        number="01-VB/MAU",
        title="Văn bản mẫu",
        summary="Văn bản minh họa cho kiểm thử",
        date=date(2025, 10, 7),
    )
    sections = tuple(
        Section("vb-mau", anchor, anchor, f"Mục {anchor}", 2, "", None) for anchor in ("1", "2")
    )
    doc = Document(meta, sections, "van-ban/vb-mau/", frozenset({"1-p1"}))
    return Corpus((doc,))


def sample_topics() -> Any:
    """A stand-in for topics.TopicIndex with one topic."""
    topic = SimpleNamespace(slug="chuyen-doi-so", name="Chuyển đổi số")
    return SimpleNamespace(topics=(topic,), get=lambda slug: topic if slug == topic.slug else None)


def copy_sample(dest: Path) -> Path:
    shutil.copytree(SAMPLE, dest)
    return dest


def load(root: Path) -> tuple[Site, list[str]]:
    """Load a progress project; returns the site and every formatted error, sorted."""
    paths = Paths(root)
    sink = ErrorSink()
    config = load_config(paths, sink)
    corpus = sample_corpus()
    topics = sample_topics()
    tracked = progress.load(paths, config, corpus, topics, sink)
    errors = [e.format() for e in sorted(set(sink.errors))]
    return Site(config, corpus, topics, tracked), errors
