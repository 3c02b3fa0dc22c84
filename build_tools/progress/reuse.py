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
import operator
from collections.abc import Hashable, Sequence
from typing import Any

from build_tools.errors import ContentError, ErrorSink
from build_tools.progress import changes
from build_tools.progress.model import Task, Update
from build_tools.progress.records import Record
from build_tools.progress.sources import Context, document_of
from build_tools.progress.tasks import read_task
from build_tools.yamlio import LocatedDict


@dataclasses.dataclass(frozen=True)
class _Kept:
    """One task as last read, with the inputs it was read from."""

    record: Record
    context: object
    named: tuple[str, ...]
    units: Hashable
    updates: tuple[Update, ...]
    declared: tuple[changes.Entry, ...]
    document: Any
    task: Task
    errors: tuple[ContentError, ...]


# The context of the last call (its key, and the token standing for it) and the tasks
# read then, by id(record) (each entry holds its record, so the id stays its own).
_CONTEXT: list[tuple[Hashable, object]] = []
_TASKS: dict[int, _Kept] = {}


def _context(ctx: Context) -> object:
    """A token, the same object as in the last call when the context is equal."""
    key = (
        ctx.config,
        tuple(getattr(d.meta, "id", "") for d in getattr(ctx.corpus, "documents", ())),
        tuple(str(getattr(t, "slug", "")) for t in ctx.topics.topics),
    )
    if _CONTEXT and _CONTEXT[0][0] == key:
        return _CONTEXT[0][1]
    token = object()
    _CONTEXT[:] = [(key, token)]
    return token


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


def _cited(record: Record, ctx: Context) -> Any:
    raw = record.data.get("nguon")
    if not isinstance(raw, LocatedDict):
        return None
    return document_of(ctx.corpus, str(raw.get("van_ban", "")))


def _same(a: Sequence[object], b: Sequence[object]) -> bool:
    return len(a) == len(b) and all(map(operator.is_, a, b))


def _same_entries(a: tuple[changes.Entry, ...], b: tuple[changes.Entry, ...]) -> bool:
    if not a and not b:
        return True
    return _same([e.record for e in a], [e.record for e in b]) and [e.day for e in a] == [
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
    found = []
    kept_now: dict[int, _Kept] = {}
    for record in records:
        ident = record.text("id")
        updates = tuple(by_task.get(ident, ()))
        entries = tuple(declared.get(ident, ()))
        document = _cited(record, ctx)
        kept = _TASKS.get(id(record))
        same = (
            kept is not None
            and kept.record is record
            and kept.context is context
            and kept.document is document
            and _same(kept.updates, updates)
            and _same_entries(kept.declared, entries)
        )
        named = kept.named if same and kept is not None else _named(record, entries)
        seen = _units_seen(named, units, ctx.unit_names, members)
        if not same or kept is None or kept.units != seen:
            local = ErrorSink()
            task = read_task(
                record,
                units,
                list(updates),
                dataclasses.replace(ctx, sink=local),
                members,
                list(entries),
            )
            errors = tuple(local.errors)
            kept = _Kept(record, context, named, seen, updates, entries, document, task, errors)
        ctx.sink.extend(kept.errors)
        kept_now[id(record)] = kept
        found.append(kept.task)
    _TASKS.clear()
    _TASKS.update(kept_now)
    return tuple(found)
