"""Tasks read again only when what they depend on changed (`make serve`, the preview).

A task is a pure function of its record, its reports, its declared changes, the document
it cites and a small context (status date, unit ids and names, groups, document ids,
topic slugs). Within one process, a task whose inputs are the same objects as in the
last call comes back as the same Task object, and the errors found when it was read are
reported again (an editor sees every error every time). Records, reports and documents
keep their identity while their files do not change (records.py, updates.py,
documents/load.py), so after a one-file save only the tasks of that file, of the saved
reports or citing the saved document are read again.
"""

from __future__ import annotations

import dataclasses
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
    updates: tuple[Update, ...]
    declared: tuple[changes.Entry, ...]
    document: Any
    task: Task
    errors: tuple[ContentError, ...]


# The context of the last call (its key, and the token standing for it) and the tasks
# read then, by id(record) (each entry holds its record, so the id stays its own).
_CONTEXT: list[tuple[Hashable, object]] = []
_TASKS: dict[int, _Kept] = {}


def _context(ctx: Context, units: set[str], members: dict[str, set[str]]) -> object:
    """A token, the same object as in the last call when the context is equal."""
    key = (
        ctx.config,
        frozenset(units),
        tuple(sorted((g, tuple(sorted(m))) for g, m in members.items())),
        tuple(sorted(ctx.unit_names.items())),
        tuple(getattr(d.meta, "id", "") for d in getattr(ctx.corpus, "documents", ())),
        tuple(str(getattr(t, "slug", "")) for t in ctx.topics.topics),
    )
    if _CONTEXT and _CONTEXT[0][0] == key:
        return _CONTEXT[0][1]
    token = object()
    _CONTEXT[:] = [(key, token)]
    return token


def _cited(record: Record, ctx: Context) -> Any:
    raw = record.data.get("nguon")
    if not isinstance(raw, LocatedDict):
        return None
    return document_of(ctx.corpus, str(raw.get("van_ban", "")))


def _same(a: Sequence[object], b: Sequence[object]) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))


def read_tasks(
    records: list[Record],
    units: set[str],
    by_task: dict[str, list[Update]],
    ctx: Context,
    members: dict[str, set[str]],
    declared: dict[str, list[changes.Entry]],
) -> tuple[Task, ...]:
    """`read_task` for each record, in order; unchanged tasks from the last call."""
    context = _context(ctx, units, members)
    found = []
    kept_now: dict[int, _Kept] = {}
    for record in records:
        ident = record.text("id")
        updates = tuple(by_task.get(ident, ()))
        entries = tuple(declared.get(ident, ()))
        document = _cited(record, ctx)
        kept = _TASKS.get(id(record))
        if (
            kept is None
            or kept.record is not record
            or kept.context is not context
            or kept.document is not document
            or not _same(kept.updates, updates)
            or not _same([e.record for e in kept.declared], [e.record for e in entries])
            or [e.day for e in kept.declared] != [e.day for e in entries]
        ):
            local = ErrorSink()
            task = read_task(
                record,
                units,
                list(updates),
                dataclasses.replace(ctx, sink=local),
                members,
                list(entries),
            )
            kept = _Kept(record, context, updates, entries, document, task, tuple(local.errors))
        ctx.sink.extend(kept.errors)
        kept_now[id(record)] = kept
        found.append(kept.task)
    _TASKS.clear()
    _TASKS.update(kept_now)
    return tuple(found)
