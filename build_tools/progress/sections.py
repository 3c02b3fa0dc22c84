"""What a document page shows of the progress data and topics (documents.pages.Around),
gathered for every document in one pass over the tasks, the clause register and the topic
assignments: each document page is then given its own part, and its key changes only when
that part does."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from build_tools.documents.pages import Around
from build_tools.progress.model import ClauseRow, Progress, Task


def around(progress: Progress, topics: Any, by_id: Mapping[str, Task]) -> dict[str, Around]:
    """By document id; `by_id`: the tasks by id (the first of a repeated id)."""
    tasks: dict[str, list[Task]] = {}
    for task in progress.tasks:
        tasks.setdefault(task.source.document, []).append(task)
    rows: dict[str, list[ClauseRow]] = {}
    for row in progress.clauses:
        rows.setdefault(row.source.document, []).append(row)
    assigned: dict[str, list[tuple[str, Any]]] = {}
    for (doc_id, anchor), found in topics.assignments.items():
        assigned.setdefault(doc_id, []).append((anchor, found))
    every = tuple(topics.topics)
    out = {}
    for doc_id in dict.fromkeys([*tasks, *rows, *assigned]):
        own = rows.get(doc_id, [])
        named = {i: by_id[i] for row in own for i in row.task_ids if i in by_id}
        chips = tuple(assigned.get(doc_id, ()))
        out[doc_id] = Around(
            tuple(tasks.get(doc_id, ())),
            tuple(own),
            tuple(named.values()),
            chips,
            every if chips else (),
        )
    return out
