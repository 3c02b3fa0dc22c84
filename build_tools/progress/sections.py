"""What a document page shows of the progress data and topics under each of its anchors
(documents.pages.Extras), gathered for every document in one pass over the tasks, the
clause register and the topic assignments: each document page is then given its own."""

from __future__ import annotations

from typing import Any

from build_tools.documents.pages import Anchored, Extras
from build_tools.progress.model import ClauseRow, Progress, Task


def extras(progress: Progress, topics: Any) -> dict[str, Anchored]:
    """By document id: (anchor, Extras) for every anchor where a topic, a task or a reason
    shows, in the order of the page's text not guaranteed (looked up by anchor)."""
    tasks: dict[tuple[str, str], list[Task]] = {}
    for task in progress.tasks:
        tasks.setdefault((task.source.document, task.source.anchor), []).append(task)
    rows: dict[tuple[str, str], list[ClauseRow]] = {}
    for row in progress.clauses:
        rows.setdefault((row.source.document, row.source.anchor), []).append(row)
    by_slug = {t.slug: t for t in reversed(topics.topics)}  # TopicIndex.get: the first wins
    chips: dict[tuple[str, str], tuple[Any, ...]] = {}
    for key, assigned in topics.assignments.items():
        found = tuple(by_slug[a.slug] for a in assigned if a.slug in by_slug)
        if found:
            chips[key] = found
    out: dict[str, list[tuple[str, Extras]]] = {}
    for key in dict.fromkeys([*tasks, *rows, *chips]):
        here = _here(progress, tasks.get(key, []), rows.get(key, []))
        if chips.get(key) or here[0] or here[1]:
            out.setdefault(key[0], []).append((key[1], Extras(chips.get(key, ()), *here)))
    return {doc_id: tuple(found) for doc_id, found in out.items()}


def _here(
    progress: Progress, own: list[Task], rows: list[ClauseRow]
) -> tuple[tuple[Task, ...], tuple[ClauseRow, ...]]:
    """The tasks of one clause (its own, then those its register rows name) and the rows
    that give a reason."""
    found = list(own)
    for row in rows:
        for task_id in row.task_ids:
            task = progress.task(task_id)
            if task is not None and task not in found:
                found.append(task)
    return tuple(found), tuple(r for r in rows if r.reason)
