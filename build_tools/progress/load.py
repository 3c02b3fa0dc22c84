"""content/tien-do/**/*.yml -> validated Progress model; every problem goes to the sink.

Folders (one JSON Schema each, in build_tools/schemas/):
  don-vi/    units          nhiem-vu/  tasks
  cap-nhat/  updates        chi-tieu/  indicators
  thay-doi/  changes        doi-chieu/ the clause register (register.py)

This module only orders the stages: records (parse and schema-check each folder) ->
units -> updates -> tasks (sources: what they cite; roles; changes) -> indicators ->
register. Each stage is its own module and reports into the same sink.
"""

from __future__ import annotations

from build_tools.config import SiteConfig
from build_tools.documents import Corpus
from build_tools.errors import ErrorSink
from build_tools.filecache import same_objects
from build_tools.paths import Paths
from build_tools.progress import changes, register, roles
from build_tools.progress.model import Progress, Update
from build_tools.progress.records import FOLDERS, read_files, unique
from build_tools.progress.reuse import read_indicators, read_tasks
from build_tools.progress.sources import Context
from build_tools.progress.units import members_of_groups, read_units
from build_tools.progress.updates import read_update_files
from build_tools.topics import TopicIndex
from build_tools.withdrawn import TASK, UNIT, Withdrawn


def load(
    paths: Paths,
    config: SiteConfig,
    corpus: Corpus,
    topics: TopicIndex,
    sink: ErrorSink,
    withdrawn: Withdrawn | None = None,
) -> Progress:
    """Read, validate and compute statuses; returns a usable model even after errors.
    Reports may name a withdrawn task or unit (`withdrawn`): published reports stay."""
    ctx = Context(config, corpus, topics, sink)
    gone = withdrawn or Withdrawn()
    files = {folder: read_files(paths, folder, sink) for folder in FOLDERS}
    records = {folder: [r for rs in files[folder] for r in rs] for folder in FOLDERS}
    units = read_units(records["don-vi"], ctx)
    unit_ids = {u.id for u in units}
    ctx.unit_names = {u.id: u.names for u in units}
    raw_tasks = unique(records["nhiem-vu"], "nhiệm vụ", sink)
    task_ids = {r.text("id") for r in raw_tasks}
    named = task_ids | gone.ids(TASK)  # a withdrawn task stays named
    updates = read_update_files(files["cap-nhat"], named, unit_ids | gone.ids(UNIT), ctx)
    ordered, by_task = _in_order(updates)
    members = members_of_groups(units)
    declared = changes.collect(records["thay-doi"], task_ids, sink)
    tasks = read_tasks(raw_tasks, unit_ids, by_task, ctx, members, declared)
    roles.check_parents(raw_tasks, ctx)
    tasks = roles.rolled_up(tasks)
    raw_indicators = unique(records["chi-tieu"], "chỉ tiêu", sink)
    indicators = read_indicators(raw_indicators, ctx)
    roles.check_indicators(raw_tasks, {i.id for i in indicators}, ctx)
    clauses = register.rows_of_files(files["doi-chieu"], ctx)
    register.check_tasks(raw_tasks, clauses, ctx)
    register.check_ids(records["doi-chieu"], named, ctx)
    return Progress(
        tasks=tasks,
        units=units,
        indicators=indicators,
        updates=ordered,
        as_of=config.as_of,
        stale_days=config.stale_days,
        clauses=clauses,
    )


_Ordered = tuple[tuple[Update, ...], dict[str, list[Update]]]
# The reports of the last call, in order and by task: made again only when one changed.
_ORDERED: list[tuple[list[Update], _Ordered]] = []


def _in_order(updates: list[Update]) -> _Ordered:
    """Reports by date, task, file and line; and each task's reports (read, not changed)."""
    if _ORDERED:
        before, made = _ORDERED[0]
        if same_objects(before, updates):
            return made
    by_task: dict[str, list[Update]] = {}
    for update in updates:
        by_task.setdefault(update.task_id, []).append(update)
    ordered = tuple(sorted(updates, key=lambda u: (u.date, u.task_id, u.file, u.line)))
    _ORDERED[:] = [(updates, (ordered, by_task))]
    return ordered, by_task
