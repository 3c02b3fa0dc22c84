"""Roles as the source says them (issue 16), and sub-tasks.

A unit is "chủ trì" only where the quoted clause names it (or the editor marks the role
as inferred, with the reason, under `suy_ra`); bodies named side by side are co-assignees
with no lead (`cung_duoc_giao` without `chu_tri`). A parent's status rolls up from its
sub-tasks (`thuoc`): done when all are done, overdue when any is.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from build_tools.filecache import same_objects
from build_tools.progress.model import Status, Task, TaskStatus

if TYPE_CHECKING:
    from build_tools.progress.records import Record
    from build_tools.progress.sources import Context

DONE = (Status.DONE_ON_TIME, Status.DONE_LATE)


def _folded(text: str) -> str:
    return " ".join(text.replace("*", "").split()).casefold()


def named_in(names: tuple[str, ...], quote: str) -> bool:
    """True when one of a unit's names is in the quoted words (case and spacing aside)."""
    words = _folded(quote)
    return any(name and _folded(name) in words for name in names)


def check(
    record: Record,
    co_leads: tuple[str, ...],
    inferred: dict[str, str],
    ctx: Context,
    partners: tuple[str, ...] = (),
) -> None:
    """Who is assigned: present, not both a lead and co-assignees; the lead, co-assignees
    and partners named in the quote (a unit's name or one of its `ten_khac`) unless the
    field is marked inferred."""
    who = f"nhiệm vụ {record.text('id')}"
    lead = record.text("chu_tri")
    if not lead and not co_leads:
        ctx.sink.add(
            record.loc("id"),
            'chưa ghi ai được giao — ghi "chu_tri" khi văn bản nói đơn vị chủ trì (hoặc đơn '
            'vị là chủ ngữ duy nhất của câu), hoặc "cung_duoc_giao" khi văn bản nêu các đơn '
            "vị ngang nhau",
            "chu_tri",
            who,
        )
    if lead and co_leads:
        ctx.sink.add(
            record.loc("cung_duoc_giao"),
            'đã có "chu_tri" — "cung_duoc_giao" chỉ dùng khi văn bản nêu các đơn vị ngang '
            'nhau, không nói ai chủ trì; đơn vị "phối hợp với" ghi ở "phoi_hop"',
            "cung_duoc_giao",
            who,
        )
    quote = record.text("trich_dan")
    named = (("chu_tri", (lead,) if lead else ()), ("cung_duoc_giao", co_leads))
    for field, units in (*named, ("phoi_hop", partners)):
        if field in inferred or not quote:
            continue
        for unit in units:
            names = ctx.unit_names.get(unit)
            if names is not None and not named_in(names, quote):
                ctx.sink.add(
                    record.loc(field),
                    f'"{names[0]}" không có trong câu trích dẫn — chỉ ghi đơn vị văn bản nêu '
                    f'tên ở câu này; nếu suy ra từ chỗ khác, ghi lý do ở "suy_ra: {{{field}: '
                    '…}" (trang nhiệm vụ sẽ ghi là suy ra)',
                    field,
                    who,
                )


def check_parents(records: list[Record], ctx: Context) -> None:
    """Every `thuoc` names a task that exists."""
    ids = {r.text("id") for r in records}
    for record in records:
        parent = record.text("thuoc")
        if parent and parent not in ids:
            ctx.sink.add(
                record.loc("thuoc"),
                f'không có nhiệm vụ "{parent}" — ghi mã nhiệm vụ cha có trong '
                "content/tien-do/nhiem-vu/",
                "thuoc",
                f"nhiệm vụ {record.text('id')}",
            )


def check_indicators(records: list[Record], known: set[str], ctx: Context) -> None:
    """Every `chi_tieu` names an indicator that exists."""
    for record in records:
        raw = record.data.get("chi_tieu")
        for ident in raw if isinstance(raw, list) else []:
            if isinstance(ident, str) and ident not in known:
                ctx.sink.add(
                    record.loc("chi_tieu"),
                    f'không có chỉ tiêu "{ident}" — ghi mã chỉ tiêu có trong '
                    "content/tien-do/chi-tieu/",
                    "chi_tieu",
                    f"nhiệm vụ {record.text('id')}",
                )


def rolled_up(tasks: tuple[Task, ...]) -> tuple[Task, ...]:
    """Tasks with each parent's status computed from its sub-tasks (one level)."""
    children: dict[str, list[Task]] = {}
    for task in tasks:
        if task.parent:
            children.setdefault(task.parent, []).append(task)
    if not children:
        return tasks
    return tuple(_rolled(t, tuple(children[t.id])) if t.id in children else t for t in tasks)


# Parents as last rolled up, by id(parent): the same object while the parent and its
# sub-tasks are the same objects (progress/reuse.py keeps unchanged tasks).
_ROLLED: dict[int, tuple[Task, tuple[Task, ...], Task]] = {}


def _rolled(parent: Task, subtasks: tuple[Task, ...]) -> Task:
    kept = _ROLLED.get(id(parent))
    if kept is not None and kept[0] is parent and same_objects(kept[1], subtasks):
        return kept[2]
    made = dataclasses.replace(parent, state=parent_state(parent.state, list(subtasks)))
    if len(_ROLLED) > 16 * 1024:
        _ROLLED.clear()
    _ROLLED[id(parent)] = (parent, subtasks, made)
    return made


def parent_state(own: TaskStatus, subtasks: list[Task]) -> TaskStatus:
    """Overdue when any sub-task is; done when all are (on time only if all were);
    otherwise the parent's own status."""
    states = [t.state for t in subtasks]
    if any(s.status is Status.OVERDUE for s in states):
        return dataclasses.replace(
            own, status=Status.OVERDUE, reported=any(s.reported for s in states)
        )
    if states and all(s.status in DONE for s in states):
        late = any(s.status is Status.DONE_LATE for s in states)
        days = [s.completed_on for s in states if s.completed_on]
        return dataclasses.replace(
            own,
            status=Status.DONE_LATE if late else Status.DONE_ON_TIME,
            reported=True,
            completed_on=max(days) if days else None,
            percent=100,
        )
    return own
