"""Frozen model of "5 rõ" tracking: units, tasks, updates, indicators.

The model holds the "6 rõ" superset (người, việc, trách nhiệm, thời gian/tiến độ,
sản phẩm/kết quả, thẩm quyền); pages show the five of the Chỉ thị.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from build_tools.errors import SourceLocation
from build_tools.progress.deadlines import Deadline


@dataclass(frozen=True)
class Unit:
    """An organisation a source document names (or a group of them, as written)."""

    id: str
    name: str
    short_name: str
    kind: str
    file: str = ""

    @property
    def url(self) -> str:
        return f"tien-do/don-vi/{self.id}/"


@dataclass(frozen=True)
class SourceRef:
    """A document id plus the anchor of the exact section or paragraph."""

    document: str
    anchor: str


@dataclass(frozen=True)
class Evidence:
    """Proof offered with an update: a document number and/or a public address."""

    title: str
    number: str = ""
    url: str = ""


class UpdateState(Enum):
    IN_PROGRESS = "đang thực hiện"
    DONE = "hoàn thành"


@dataclass(frozen=True)
class Update:
    """One dated progress report; updates are only ever appended."""

    task_id: str
    date: date
    unit: str
    state: UpdateState
    summary: str
    percent: int | None = None
    evidence: tuple[Evidence, ...] = ()
    file: str = ""
    line: int = 0
    date_location: SourceLocation | None = field(default=None, compare=False, repr=False)


class Status(Enum):
    """Computed status; `value` is the Vietnamese label."""

    DONE_ON_TIME = "hoàn thành đúng hạn"
    DONE_LATE = "hoàn thành quá hạn"
    IN_PROGRESS = "đang thực hiện (trong hạn)"
    OVERDUE = "quá hạn chưa hoàn thành"
    NOT_DUE = "chưa đến hạn"
    ONGOING = "thường xuyên"

    @property
    def key(self) -> str:
        return self.name.lower().replace("_", "-")


NO_REPORT = "chưa có báo cáo"


@dataclass(frozen=True)
class TaskStatus:
    """A task's status as of the data's date, with honest wording when nobody reported."""

    status: Status
    reported: bool
    stale: bool
    percent: int | None
    completed_on: date | None
    last_update: date | None
    undated: bool = False  # the source states no deadline

    @property
    def label(self) -> str:
        if self.reported:
            return self.status.value
        if self.status is Status.OVERDUE:
            return f"đã quá hạn — {NO_REPORT}"
        if self.undated:
            return f"không nêu hạn — {NO_REPORT}"
        return f"{self.status.value} — {NO_REPORT}"

    @property
    def css(self) -> str:
        return self.status.key if self.reported else f"{self.status.key} no-report"


@dataclass(frozen=True)
class Task:
    """A commitment taken from a source clause, with its computed status."""

    id: str
    title: str
    description: str
    lead: str
    co_leads: tuple[str, ...]
    partners: tuple[str, ...]
    accountable: str
    responsibility: str
    authority: str
    deadline: Deadline
    result: str
    source: SourceRef
    topics: tuple[str, ...]
    quote: str
    state: TaskStatus
    updates: tuple[Update, ...] = ()
    file: str = ""
    line: int = 0

    @property
    def source_document(self) -> str:
        return self.source.document

    @property
    def source_anchor(self) -> str:
        return self.source.anchor

    @property
    def status_label(self) -> str:
        return self.state.label

    @property
    def slug(self) -> str:
        return self.id.lower()

    @property
    def url(self) -> str:
        return f"tien-do/nhiem-vu/{self.slug}/"


@dataclass(frozen=True)
class Target:
    """One measurable part of an indicator's target."""

    key: str
    text: str
    value: float | None  # None: a target without a number ("xếp loại Hoàn thành tốt")
    unit: str
    direction: str  # "tối thiểu" | "trên" | "tối đa" | "dưới" | "" (not stated)
    period: str  # "hằng năm" | "cả nhiệm kỳ"
    year: int


@dataclass(frozen=True)
class Reading:
    """A reported value, of a target part, for a period, with its source."""

    key: str
    period: str
    value: float
    source: SourceRef
    note: str = ""


@dataclass(frozen=True)
class HistoryEntry:
    """A result of the previous term (2020–2025) as the appendix states it."""

    period: str
    source: SourceRef
    target_text: str
    result_text: str
    evaluation: str
    readings: tuple[Reading, ...] = ()
    row: int = 0


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    text: str
    term: str
    source: SourceRef
    targets: tuple[Target, ...]
    readings: tuple[Reading, ...]
    history: tuple[HistoryEntry, ...]
    evaluation: str
    topics: tuple[str, ...] = ()
    file: str = ""
    baseline: tuple[Reading, ...] = ()  # values at the start of the term, where stated

    @property
    def url(self) -> str:
        return f"chi-tieu/{self.id}/"


@dataclass(frozen=True)
class Progress:
    """Everything tracked, validated; `as_of` is the data's date, never the clock."""

    tasks: tuple[Task, ...] = ()
    units: tuple[Unit, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    updates: tuple[Update, ...] = ()
    as_of: date = date(2025, 1, 1)
    stale_days: int = 60

    def unit(self, unit_id: str) -> Unit | None:
        return next((u for u in self.units if u.id == unit_id), None)

    def task(self, task_id: str) -> Task | None:
        return next((t for t in self.tasks if t.id == task_id), None)

    def tasks_for_anchor(self, doc_id: str, anchor: str) -> tuple[Task, ...]:
        """Tasks whose source is exactly this clause of this document."""
        return tuple(t for t in self.tasks if t.source == SourceRef(doc_id, anchor))

    def tasks_for_topic(self, slug: str) -> tuple[Task, ...]:
        return tuple(t for t in self.tasks if slug in t.topics)

    def tasks_led_by(self, unit_id: str) -> tuple[Task, ...]:
        """Tasks the unit leads, alone or jointly with others named in the same clause."""
        return tuple(t for t in self.tasks if unit_id == t.lead or unit_id in t.co_leads)

    def tasks_supported_by(self, unit_id: str) -> tuple[Task, ...]:
        return tuple(t for t in self.tasks if unit_id in t.partners)
