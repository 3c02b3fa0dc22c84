"""Tasks read again only when what they depend on changed (`make serve`, the preview).

A task is a pure function of its record, its reports, its declared changes, the document
it cites, the units it names (whether they exist, their names, their groups' members) and
a small context (the site config with the status date, document ids, topic slugs).
Within one process, a task whose inputs are the same objects as in the last call comes
back as the same Task object, and the errors found when it was read are reported again
(an editor sees every error every time). Records, reports and documents keep their
identity while their files do not change (records.py, updates.py, documents/load.py), so
after a one-file save only the tasks of that file, of the saved reports, naming the saved
unit or citing the saved document are read again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable
from typing import Any

from build_tools.errors import ContentError, ErrorSink
from build_tools.filecache import same_objects
from build_tools.progress import changes
from build_tools.progress.indicators import read_indicator
from build_tools.progress.model import Indicator, Task, Update
from build_tools.progress.records import Record
from build_tools.progress.sources import Context, document_of
from build_tools.progress.tasks import read_task
from build_tools.yamlio import LocatedDict


@dataclasses.dataclass(frozen=True)
class _Kept:
    """One task as last read, with the inputs it was read from."""

    record: Record
    ident: str
    cites: str | None  # the id of the document the record cites
    context: object
    named: tuple[str, ...]
    units: Hashable
    all_units: object  # the token of every unit's id, names and groups when checked
    updates: tuple[Update, ...]
    declared: tuple[changes.Entry, ...]
    document: Any
    task: Task
    errors: tuple[ContentError, ...]


# Tokens of the last call's context and units (each key, and the token standing for it),
# and the tasks read then, by id(record) (each entry holds its record, so the id stays
# its own).
_TOKENS: dict[str, tuple[Hashable, object]] = {}
_TASKS: dict[int, _Kept] = {}


def _token(name: str, key: Hashable) -> object:
    """A token, the same object as in the last call when `key` is equal."""
    kept = _TOKENS.get(name)
    if kept is not None and kept[0] == key:
        return kept[1]
    token = object()
    _TOKENS[name] = (key, token)
    return token


def _context(ctx: Context) -> object:
    return _token(
        "context",
        (
            ctx.config,
            tuple(getattr(d.meta, "id", "") for d in getattr(ctx.corpus, "documents", ())),
            tuple(str(getattr(t, "slug", "")) for t in ctx.topics.topics),
        ),
    )


def _all_units(ctx: Context, units: set[str], members: dict[str, set[str]]) -> object:
    return _token(
        "units",
        (
            frozenset(units),
            tuple(sorted(ctx.unit_names.items())),
            tuple(sorted((g, tuple(sorted(m))) for g, m in members.items())),
        ),
    )


UNIT_FIELDS = ("chu_tri", "cung_duoc_giao", "phoi_hop")


def _named(record: Record, entries: tuple[changes.Entry, ...]) -> tuple[str, ...]:
    """The units a task names, as first written or changed."""
    named = {v for f in UNIT_FIELDS for v in (record.text(f), *record.strings(f)) if v}
    for entry in entries:
        named.update(entry.values())
    return tuple(sorted(named))


def _units_seen(
    named: tuple[str, ...],
    units: set[str],
    names: dict[str, tuple[str, ...]],
    members: dict[str, set[str]],
) -> Hashable:
    """What a task's checks read of the units: for each unit it names, whether it exists,
    its names and its group's members; every unit id when one is unknown (the message
    suggests the nearest)."""
    seen = tuple((u, u in units, names.get(u), frozenset(members.get(u, ()))) for u in named)
    return (seen, frozenset(units)) if not units.issuperset(named) else seen


def _cites(record: Record) -> str | None:
    raw = record.data.get("nguon")
    return str(raw.get("van_ban", "")) if isinstance(raw, LocatedDict) else None


def _same_entries(a: tuple[changes.Entry, ...], b: tuple[changes.Entry, ...]) -> bool:
    if not a and not b:
        return True
    return same_objects([e.record for e in a], [e.record for e in b]) and [e.day for e in a] == [
        e.day for e in b
    ]


def read_tasks(
    records: list[Record],
    units: set[str],
    by_task: dict[str, list[Update]],
    ctx: Context,
    members: dict[str, set[str]],
    declared: dict[str, list[changes.Entry]],
) -> tuple[Task, ...]:
    """`read_task` for each record, in order; unchanged tasks from the last call."""
    context = _context(ctx)
    all_units = _all_units(ctx, units, members)
    found = []
    kept_now: dict[int, _Kept] = {}
    for record in records:
        kept = _TASKS.get(id(record))
        if kept is not None and kept.record is not record:
            kept = None
        ident = kept.ident if kept is not None else record.text("id")
        cites = kept.cites if kept is not None else _cites(record)
        updates = tuple(by_task.get(ident, ()))
        entries = tuple(declared.get(ident, ()))
        document = None if cites is None else document_of(ctx.corpus, cites)
        same = (
            kept is not None
            and kept.context is context
            and kept.document is document
            and same_objects(kept.updates, updates)
            and _same_entries(kept.declared, entries)
        )
        if not same or kept is None or kept.all_units is not all_units:
            named = kept.named if same and kept is not None else _named(record, entries)
            seen = _units_seen(named, units, ctx.unit_names, members)
            if same and kept is not None and kept.units == seen:
                kept = dataclasses.replace(kept, all_units=all_units)
            else:
                local = ErrorSink()
                task = read_task(
                    record,
                    units,
                    list(updates),
                    dataclasses.replace(ctx, sink=local),
                    members,
                    list(entries),
                )
                kept = _Kept(
                    record,
                    ident,
                    cites,
                    context,
                    named,
                    seen,
                    all_units,
                    updates,
                    entries,
                    document,
                    task,
                    tuple(local.errors),
                )
        ctx.sink.extend(kept.errors)
        kept_now[id(record)] = kept
        found.append(kept.task)
    _TASKS.clear()
    _TASKS.update(kept_now)
    return tuple(found)


# Indicators as last read, by id(record), with the context token and cited documents.
_INDICATORS: dict[int, tuple[Record, object, tuple[Any, ...], Indicator, tuple[ContentError, ...]]]
_INDICATORS = {}


def read_indicators(records: list[Record], ctx: Context) -> tuple[Indicator, ...]:
    """`read_indicator` for each record, in order; unchanged ones from the last call
    (an indicator reads its record, the context and the documents it cites)."""
    context = _context(ctx)
    found = []
    kept_now = {}
    for record in records:
        cited = tuple(document_of(ctx.corpus, d) for d in _documents_named(record.data))
        kept = _INDICATORS.get(id(record))
        if (
            kept is None
            or kept[0] is not record
            or kept[1] is not context
            or not same_objects(kept[2], cited)
        ):
            local = ErrorSink()
            made = read_indicator(record, dataclasses.replace(ctx, sink=local))
            kept = (record, context, cited, made, tuple(local.errors))
        ctx.sink.extend(kept[4])
        kept_now[id(record)] = kept
        found.append(kept[3])
    _INDICATORS.clear()
    _INDICATORS.update(kept_now)
    return tuple(found)


def _documents_named(value: Any) -> list[str]:
    """Every "van_ban" of a "nguon" anywhere in an item."""
    if isinstance(value, dict):
        own = value.get("nguon")
        found = [str(own.get("van_ban", ""))] if isinstance(own, dict) else []
        return found + [d for v in value.values() for d in _documents_named(v)]
    if isinstance(value, list):
        return [d for v in value for d in _documents_named(v)]
    return []
