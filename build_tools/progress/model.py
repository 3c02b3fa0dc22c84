"""Frozen model of "5 rõ" tracking: units, tasks, updates, indicators.

The model holds the "6 rõ" superset (người, việc, trách nhiệm, thời gian/tiến độ,
sản phẩm/kết quả, thẩm quyền); pages show the five of the Chỉ thị.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import cached_property
from typing import Any

from build_tools.errors import SourceLocation
from build_tools.progress.deadlines import Deadline
from build_tools.progress.measures import HistoryEntry as HistoryEntry
from build_tools.progress.measures import Indicator as Indicator
from build_tools.progress.measures import Reading as Reading
from build_tools.progress.measures import SourceRef as SourceRef
from build_tools.progress.measures import Target as Target


@dataclass(frozen=True)
class Unit:
    """An organisation a source document names (or a group of them, as written)."""

    id: str
    name: str
    short_name: str
    kind: str
    file: str = ""
    member_of: tuple[str, ...] = ()  # groups ("nhóm đơn vị") it belongs to, as declared
    aliases: tuple[str, ...] = ()  # other ways the sources write its name

    @property
    def url(self) -> str:
        return f"tien-do/don-vi/{self.id}/"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, self.short_name, *self.aliases)


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
    unit_location: SourceLocation | None = field(default=None, compare=False, repr=False)
    id: str = ""  # "BC-…", from its content (progress/ledger.py)
    corrects: str = ""  # the id of the report this one corrects ("dinh_chinh")
    corrected_by: str = ""  # the id of the latest report correcting this one

    @property
    def anchor(self) -> str:
        return self.id.lower()


class Status(Enum):
    """Computed status (rules: status.py); `value` is the Vietnamese label with a report."""

    DONE_ON_TIME = "hoàn thành đúng hạn"
    DONE_LATE = "hoàn thành quá hạn"
    IN_PROGRESS = "đang thực hiện (trong hạn)"
    OVERDUE = "quá hạn chưa hoàn thành"
    NOT_DUE = "chưa đến hạn"
    ONGOING = "thường xuyên — có báo cáo trong kỳ"
    ONGOING_DUE = "thường xuyên — quá kỳ chưa có báo cáo"
    UNDATED_DONE = "không nêu hạn — hoàn thành"
    UNDATED_IN_PROGRESS = "không nêu hạn — đang thực hiện"
    UNDATED = "không nêu hạn"

    @property
    def key(self) -> str:
        return self.name.lower().replace("_", "-")


NO_REPORT = "chưa có báo cáo"
ONGOING_WORDS = "thường xuyên"  # the labels' word for ongoing work; periodic work says its own
ONGOING = frozenset({"ONGOING", "ONGOING_DUE"})
# Statuses measured against a last day: these say "(theo hạn dự kiến)" when it is tentative.
DATED = frozenset({"DONE_ON_TIME", "DONE_LATE", "IN_PROGRESS", "OVERDUE", "NOT_DUE"})
# Without a report: the label says so instead of claiming anything about the work.
_UNREPORTED = {
    "OVERDUE": f"đã quá hạn — {NO_REPORT}",
    "NOT_DUE": f"chưa đến hạn — {NO_REPORT}",
    "ONGOING": f"thường xuyên — {NO_REPORT}",
    "ONGOING_DUE": "thường xuyên — quá kỳ chưa có báo cáo",
    "UNDATED": f"không nêu hạn — {NO_REPORT}",
}


@dataclass(frozen=True)
class TaskStatus:
    """A task's status as of the status date, with honest wording when nobody reported."""

    status: Status
    reported: bool
    stale: bool
    percent: int | None
    completed_on: date | None
    last_update: date | None
    undated: bool = False  # the source states no deadline
    tentative: bool = False  # the source marks the deadline "dự kiến"
    # The last day this status holds if nobody reports: a dated task's last day, an ongoing
    # task's end of period. After it the task is overdue / "quá kỳ" (the page's date script).
    holds_until: date | None = None
    # Ongoing work as the source words it: "thường xuyên", "định kỳ", "định kỳ hằng quý"…
    cadence: str = ONGOING_WORDS
    # The last day the task is not yet "lâu chưa cập nhật" if nobody reports (None: it
    # already is, or never becomes so): the page's date script adds the flag after it.
    fresh_until: date | None = None

    @property
    def label(self) -> str:
        name = self.status.name
        text = self.status.value if self.reported else _UNREPORTED.get(name, self.status.value)
        if name in ONGOING and self.cadence != ONGOING_WORDS:
            text = self.cadence + text.removeprefix(ONGOING_WORDS)
        return f"{text} (theo hạn dự kiến)" if self.tentative and name in DATED else text

    @property
    def css(self) -> str:
        return self.status.key if self.reported else f"{self.status.key} no-report"


@dataclass(frozen=True)
class Change:
    """A declared change to a published task's field (progress/changes.py)."""

    field: str  # "han" | "chu_tri" | "phoi_hop" | "trich_dan"
    kind: str  # "đính chính" | "điều chỉnh"
    before: tuple[str, ...]  # the value before it (a unit list, or one text; () if none)
    after: tuple[str, ...]
    date: date
    reason: str = ""
    decision: str = ""  # the number of the decision (điều chỉnh)
    file: str = ""
    line: int = 0

    @property
    def label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field)

    @property
    def anchor(self) -> str:
        """Its entry's id on the task page and in the feed ("td-" + 12 hex of the SHA-256
        of what it says): thay-doi/ is append-only, so the id never changes."""
        said = [self.field, self.kind, list(self.after), self.date.isoformat()]
        said += [self.reason, self.decision]  # not `before`: an earlier-dated entry changes it
        text = json.dumps(said, ensure_ascii=False, separators=(",", ":"))
        return "td-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


FIELD_LABELS = {
    "han": "Hạn",
    "chu_tri": "Chủ trì",
    "phoi_hop": "Phối hợp",
    "trich_dan": "Trích dẫn nguồn",
}


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
    changes: tuple[Change, ...] = ()  # declared changes, in the order they apply
    inferred: tuple[tuple[str, str], ...] = ()  # (field, reason): what the source does not say
    parent: str = ""  # a sub-task's parent task id
    indicators: tuple[str, ...] = ()  # ids of the indicators that measure its result

    def inferred_reason(self, field: str) -> str:
        """Why the site infers this field ("" when the quoted clause says it)."""
        return dict(self.inferred).get(field, "")

    @property
    def assignees(self) -> tuple[str, ...]:
        """Who must do it: the lead, or the bodies named side by side."""
        return tuple(u for u in (self.lead, *self.co_leads) if u)

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
class ClauseRow:
    """One row of the clause register (content/tien-do/doi-chieu/): a clause of a source
    document that assigns work, with the tasks tracking it or the reason none does."""

    source: SourceRef
    quote: str
    task_ids: tuple[str, ...]
    reason: str
    file: str = ""
    line: int = 0


@dataclass(frozen=True)
class Progress:
    """Everything tracked, validated; `as_of` is the status date (config.as_of_date);
    `updates` are sorted by date, so the last one gives the data's date."""

    tasks: tuple[Task, ...] = ()
    units: tuple[Unit, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    updates: tuple[Update, ...] = ()
    as_of: date = date(2025, 1, 1)
    stale_days: int = 60
    clauses: tuple[ClauseRow, ...] = ()  # the clause register, in document order

    def clauses_for_anchor(self, doc_id: str, anchor: str) -> tuple[ClauseRow, ...]:
        """Register rows of exactly this clause of this document."""
        return self._clauses_by_source.get(SourceRef(doc_id, anchor), ())

    @cached_property
    def _clauses_by_source(self) -> dict[SourceRef, tuple[ClauseRow, ...]]:
        grouped: dict[SourceRef, list[ClauseRow]] = {}
        for row in self.clauses:
            grouped.setdefault(row.source, []).append(row)
        return {key: tuple(found) for key, found in grouped.items()}

    @property
    def data_date(self) -> date | None:
        """The newest report's date (the data's date); None before the first report."""
        return self.updates[-1].date if self.updates else None

    @property
    def data_stale(self) -> bool:
        """The newest report is older than the staleness threshold (or there is none)."""
        newest = self.data_date
        return newest is not None and (self.as_of - newest).days > self.stale_days

    def unit(self, unit_id: str) -> Unit | None:
        return self._units_by_id.get(unit_id)

    def task(self, task_id: str) -> Task | None:
        return self._tasks_by_id.get(task_id)

    def tasks_for_anchor(self, doc_id: str, anchor: str) -> tuple[Task, ...]:
        """Tasks whose source is exactly this clause of this document."""
        return self._indexes["source"].get(SourceRef(doc_id, anchor), ())

    def tasks_for_topic(self, slug: str) -> tuple[Task, ...]:
        return self._indexes["topic"].get(slug, ())

    def tasks_led_by(self, unit_id: str) -> tuple[Task, ...]:
        """Tasks the unit leads, alone or jointly with others named in the same clause."""
        return self._indexes["lead"].get(unit_id, ())

    def tasks_supported_by(self, unit_id: str) -> tuple[Task, ...]:
        return self._indexes["partner"].get(unit_id, ())

    def subtasks(self, task_id: str) -> tuple[Task, ...]:
        """A task's sub-tasks (`thuoc`), in file order."""
        return self._indexes["parent"].get(task_id, ())

    # Lookups by key, built once: pages ask them thousands of times (one per task, unit,
    # clause), and a scan per question made a city-scale build quadratic.

    @cached_property
    def _units_by_id(self) -> dict[str, Unit]:
        return {u.id: u for u in reversed(self.units)}  # the first of a repeated id wins

    @cached_property
    def _tasks_by_id(self) -> dict[str, Task]:
        return {t.id: t for t in reversed(self.tasks)}

    @cached_property
    def _indexes(self) -> dict[str, dict[Any, tuple[Task, ...]]]:
        keys: dict[str, Callable[[Task], Iterable[Any]]] = {
            "source": lambda t: (t.source,),
            "topic": lambda t: dict.fromkeys(t.topics),
            "lead": lambda t: dict.fromkeys(t.assignees),
            "partner": lambda t: dict.fromkeys(t.partners),
            "parent": lambda t: (t.parent,) if t.parent else (),
        }
        indexes: dict[str, dict[Any, tuple[Task, ...]]] = {}
        for name, keys_of in keys.items():
            grouped: dict[Any, list[Task]] = {}
            for task in self.tasks:  # page order: the order of self.tasks
                for key in keys_of(task):
                    grouped.setdefault(key, []).append(task)
            indexes[name] = {key: tuple(found) for key, found in grouped.items()}
        return indexes
