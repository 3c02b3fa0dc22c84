"""Sample corpus and project for topic tests (shapes of the documents contract)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from build_tools.config import SiteConfig
from build_tools.documents import Section
from build_tools.errors import ErrorSink
from build_tools.paths import Paths
from build_tools.progress import dates  # noqa: F401  (registers the `badge` filter)
from build_tools.progress.model import Status, TaskStatus

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "topics"


@dataclass(frozen=True)
class Meta:
    id: str
    title: str


@dataclass(frozen=True)
class Document:
    meta: Meta
    sections: tuple[Section, ...]

    @property
    def url(self) -> str:
        return f"van-ban/{self.meta.id}/"


@dataclass(frozen=True)
class Corpus:
    documents: tuple[Document, ...]

    def get(self, doc_id: str) -> Document | None:
        return next((d for d in self.documents if d.meta.id == doc_id), None)


@dataclass(frozen=True)
class Task:
    id: str
    title: str
    state: TaskStatus  # a real one: topic pages show it with progress' `badge` filter
    url: str
    topics: tuple[str, ...]
    source_document: str = ""
    source_anchor: str = ""

    @property
    def status_label(self) -> str:
        return self.state.label


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    topics: tuple[str, ...]

    @property
    def url(self) -> str:
        return f"chi-tieu/{self.id}/"


@dataclass(frozen=True)
class Progress:
    tasks: tuple[Task, ...] = field(default=())
    indicators: tuple[Indicator, ...] = field(default=())
    as_of: date = date(2025, 10, 24)  # the status date topic pages print (as_of_html)
    stale_days: int = 60
    data_date: date | None = None
    data_stale: bool = False

    def tasks_for_topic(self, slug: str) -> tuple[Task, ...]:
        return tuple(t for t in self.tasks if slug in t.topics)


def sample_corpus() -> Corpus:
    raw = yaml.safe_load((FIXTURES / "corpus.yml").read_text(encoding="utf-8"))
    return Corpus(
        tuple(
            Document(
                Meta(doc["id"], doc["title"]),
                tuple(Section(doc_id=doc["id"], **s) for s in doc["sections"]),
            )
            for doc in raw
        )
    )


def sample_project(root: Path, overrides: bool = True) -> Paths:
    """A project folder whose content/ holds the sample topics (and overrides)."""
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / "topics.yml", content / "topics.yml")
    if overrides:
        shutil.copy(FIXTURES / "chu-de-gan-tay.yml", content / "chu-de-gan-tay.yml")
    return Paths(root)


DONE_ON = date(2025, 10, 20)


def sample_tasks() -> Progress:
    """Illustrative tasks: tagged, named by its title, and drawn from a paragraph's section."""
    return Progress(
        (
            Task(
                "CT-01",
                "Ban hành Chỉ thị về học tập Nghị quyết",
                TaskStatus(Status.DONE_ON_TIME, True, False, None, DONE_ON, DONE_ON),
                "tien-do/nhiem-vu/ct-01/",
                ("hoc-tap-quan-triet",),
            ),
            Task(
                "CT-02",
                "Phát động phong trào chuyển đổi số",
                TaskStatus(
                    Status.NOT_DUE,
                    False,
                    False,
                    None,
                    None,
                    None,
                    holds_until=date(2025, 12, 31),
                    fresh_until=date(2025, 12, 23),
                ),
                "tien-do/nhiem-vu/ct-02/",
                (),
                "chuong-trinh-mau",
                "ii-3-1",
            ),
            Task(
                "CT-03",
                "Xây dựng khu vực phòng thủ vững chắc",
                TaskStatus(Status.IN_PROGRESS, True, True, 40, None, date(2025, 8, 1)),
                "tien-do/nhiem-vu/ct-03/",
                (),
                "chuong-trinh-mau",
                "ii-3-9-p2",
            ),
        ),
        (Indicator("ct-01", "Tỷ lệ đảng viên được học tập Nghị quyết", ()),),
    )


def as_of() -> SiteConfig:
    return SiteConfig(date(2025, 10, 24), 60, "")


def new_sink() -> ErrorSink:
    return ErrorSink()
