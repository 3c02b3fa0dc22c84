"""Helpers for the progress tests: the illustrative sample project and a tiny corpus."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from build_tools import progress
from build_tools.config import load_config
from build_tools.documents import Corpus, Document, DocumentMeta, Paragraph, Section
from build_tools.errors import ErrorSink
from build_tools.models import Site
from build_tools.paths import Paths
from build_tools.withdrawn import Withdrawn

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "progress"
SAMPLE = FIXTURES / "sample"
GOLDEN = Path(__file__).resolve().parent / "golden" / "progress"
SAMPLE_AS_OF = date(2025, 12, 20)  # the sample's status date: its reports run to this day


@dataclass(frozen=True)
class _Document(Document):
    """A document whose paragraphs are given directly (no converted Markdown behind it)."""

    given: tuple[Paragraph, ...] = ()

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return self.given


LEADS = {7: "C", 10: "B"}  # the sample tasks' lead units (Đơn vị A otherwise)
PARTNERS = {7: " Đơn vị A phối hợp."}  # M-01's partner is named in section 1
SECTION_TEXT = {
    "1": "Đơn vị A làm việc M-01. Đơn vị B phối hợp. Đơn vị A làm việc M-02. (1) Hằng năm, "
    "ít nhất 90% đơn vị mẫu đạt yêu cầu; không quá 2% vi phạm. (2) Kết nạp từ 30 người trở "
    "lên trong cả nhiệm kỳ. Hạn: tháng 11/2025; chậm nhất 15/11/2025.",
    "2": " ".join(
        f"Đơn vị {LEADS.get(n, 'A')} làm việc M-{n:02d}.{PARTNERS.get(n, '')}" for n in range(4, 11)
    )
    + " Đạt 85% trở lên. Đạt 87,5%. Đạt. Hạn: tháng 11/2025; chậm nhất 15/11/2025; quý "
    "IV/2025; 30/11/2025; tuần đầu tháng 11/2025; quý I/2026; thường xuyên; cả nhiệm kỳ "
    "2025–2030; 05/01/2026.",
}


def sample_corpus() -> Corpus:
    """One illustrative document dated 07/10/2025: sections "1", "2", paragraph "1-p1"."""
    meta = DocumentMeta(
        id="vb-mau",
        kind="Chỉ thị",
        number="01-VB/MAU",
        title="Văn bản mẫu",
        summary="Văn bản minh họa cho kiểm thử",
        date=date(2025, 10, 7),
        issuer="Cơ quan mẫu",
    )
    sections = tuple(
        Section("vb-mau", anchor, anchor, f"Mục {anchor}", 2, text, None)
        for anchor, text in SECTION_TEXT.items()
    )
    paragraph = Paragraph(
        "1-p1", "1", "Đơn vị A làm việc M-03. Hạn: quý IV/2025. Đơn vị B phối hợp làm việc M-03."
    )
    doc = _Document(meta, sections, "van-ban/vb-mau/", frozenset({"1-p1"}), given=(paragraph,))
    return Corpus((doc,))


def sample_topics() -> Any:
    """A stand-in for topics.TopicIndex with one topic."""
    topic = SimpleNamespace(slug="chuyen-doi-so", name="Chuyển đổi số")
    return SimpleNamespace(topics=(topic,), get=lambda slug: topic if slug == topic.slug else None)


def copy_sample(dest: Path) -> Path:
    shutil.copytree(SAMPLE, dest)
    return dest


def load(
    root: Path, as_of: date = SAMPLE_AS_OF, withdrawn: Withdrawn | None = None
) -> tuple[Site, list[str]]:
    """Load a progress project as of `as_of` (with its declared `withdrawn` items); returns
    the site and every error, sorted."""
    paths = Paths(root)
    sink = ErrorSink()
    config = load_config(paths, sink, as_of)
    corpus = sample_corpus()
    topics = sample_topics()
    tracked = progress.load(paths, config, corpus, topics, sink, withdrawn)
    errors = [e.format() for e in sorted(set(sink.errors))]
    return Site(config, corpus, topics, tracked), errors
