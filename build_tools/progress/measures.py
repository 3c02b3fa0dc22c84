"""Frozen model of the indicators (targets, readings, the previous term's results) and
of the reference to a source section they share with tasks; build_tools.progress.model
re-exports every name. Imports nothing of the project."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceRef:
    """A document id plus the anchor of the exact section or paragraph."""

    document: str
    anchor: str


@dataclass(frozen=True)
class Target:
    """One measurable part of an indicator's target."""

    key: str
    text: str
    value: float | None  # None: a target without a number ("xếp loại Hoàn thành tốt")
    unit: str
    direction: str  # "tối thiểu" | "trên" | "tối đa" | "dưới" | "" (not stated)
    period: str  # "hằng năm" | "trong nhiệm kỳ" | "cả nhiệm kỳ" | "không nêu"
    year: int
    comparison: str = ""  # the source's words before the number: "ít nhất", "trên", …


@dataclass(frozen=True)
class Reading:
    """A reported value, of a target part, for a period, with its source."""

    key: str
    period: str
    value: float
    source: SourceRef
    note: str = ""
    comparison: str = ""  # "trên" in "trên 95%": the value is not 95


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
