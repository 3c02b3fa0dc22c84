""" "5 rõ" progress: content/tien-do/**/*.yml -> tasks, statuses, pages, open data.

Public API (the contract between branches): `load(paths, config, corpus, topics, sink)` (after
`prefetch(paths)()`, optional: parses the files in other processes),
`plan(site)` / `render(site)`, `Progress` (with `tasks_for_anchor`, `tasks_for_topic`), `Task`.

Stage: after documents and topics (tasks cite paragraphs of the Corpus and name topics of
the TopicIndex). May import the shared modules, `withdrawn`, documents and topics; never
home, search, the pipeline or a door (checked by import-linter, pyproject.toml).
"""

from __future__ import annotations

from build_tools.progress.load import load
from build_tools.progress.model import Indicator, Progress, Status, Task, Unit, Update
from build_tools.progress.pages import plan, render
from build_tools.progress.records import prefetch

__all__ = [
    "Indicator",
    "Progress",
    "Status",
    "Task",
    "Unit",
    "Update",
    "load",
    "plan",
    "prefetch",
    "render",
]
