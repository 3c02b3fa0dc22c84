"""What a running preview keeps between saves: the checked Site, its plan, the errors.

A save runs `pipeline.check` again, then `pipeline.plan`; the generated files whose key
changed (and those added or removed) are the only ones made and written into docs/.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools import pipeline, write
from build_tools.errors import ContentErrors
from build_tools.models import Site
from build_tools.paths import Paths
from build_tools.planned import Planned
from build_tools.preview.placeholders import placeholders

log = logging.getLogger("build_tools.preview")


@dataclass(frozen=True)
class Changes:
    """Generated files of docs/ that a save wrote (`written`) or removed."""

    written: list[str]
    removed: list[str]


@dataclass
class Session:
    """The preview's state; one per process, used from the watch thread only."""

    paths: Paths
    site: Site | None = None
    keys: dict[str, Hashable] = field(default_factory=dict)
    errors: str = ""
    owned: frozenset[str] = frozenset()
    pending: tuple[dict[str, Planned], list[str]] = ({}, [])

    def generated(self) -> frozenset[str]:
        """Files and folders of docs/ the pipeline owns, now or before the last save: its
        own writes there must not wake the watcher."""
        return self.owned

    def _listed(self) -> set[str]:
        manifest = self.paths.manifest
        return set(manifest.read_text(encoding="utf-8").split()) if manifest.exists() else set()

    def _own(self, coming: set[str] | None = None) -> None:
        files = self._listed() | set(self.keys) | (coming or set())
        folders = {parent.as_posix() for rel in files for parent in Path(rel).parents}
        self.owned = self.owned | frozenset(files) | frozenset(folders - {"."})

    def start(self, nav: Any) -> None:
        """First check and write of every generated file; with broken content, the nav's
        missing pages get placeholders so that MkDocs can still build the preview."""
        changes = self.update()
        while changes is not None and self.left():
            self.rest(self.left())
        if changes is None and not self.paths.manifest.exists():
            stand_ins = placeholders(self.paths.docs, nav)
            self._own(set(stand_ins))
            write.apply(self.paths.docs, stand_ins, [], self.paths.manifest)
        self._own()

    def update(self, first: frozenset[str] | None = None) -> Changes | None:
        """Check content and write into docs/ what changed among `first` (docs-relative
        paths of the pages open in a browser; None: everything): `rest()` writes the others
        once those are shown. None (and `errors` set, the last good docs/ kept) when the
        content has errors."""
        started = time.perf_counter()
        try:
            site = pipeline.check(self.paths)
        except ContentErrors as exc:
            self.errors = str(exc)
            log.debug("check: %.2f s (errors)", time.perf_counter() - started)
            return None
        checked = time.perf_counter()
        plan = pipeline.plan(site)
        planned = time.perf_counter()
        touched = pipeline.changed(self.keys, plan)
        dirty = [path for path in plan if path in touched]
        removed = sorted(set(self.keys) - set(plan))
        if not self.keys:  # first plan of this process: stale files from an older run go
            removed = sorted(self._listed() - set(plan))
        if not set(plan) <= set(self.keys):  # before writing: the watcher may look
            self._own(set(plan))
        if first is None or removed or not set(plan) <= set(self.keys):
            soon, later = dirty, []  # files come or go: every link target at once
        else:
            soon = [path for path in dirty if path in first]
            later = sorted((p for p in dirty if p not in first), key=_open_data_last)
        made = {path: plan[path].make() for path in soon}
        written = write.apply(self.paths.docs, made, removed, self.paths.manifest)
        self.site, self.errors = site, ""
        self.keys = {
            path: entry.key if path not in later else self.keys[path]
            for path, entry in plan.items()
        }
        self.pending = (plan, later)
        log.debug(
            "check %.2f s, plan %.2f s, write %.2f s (%d planned, %d dirty, %d written%s)",
            checked - started,
            planned - checked,
            time.perf_counter() - planned,
            len(plan),
            len(dirty),
            len(written),
            f", {len(later)} after the open pages" if later else "",
        )
        return Changes(sorted(set(written) - set(removed)), removed)

    def rest(self, limit: int) -> Changes:
        """Make and write up to `limit` more of the changed files the last `update` left
        for after the open pages (Markdown pages before the open-data files); the others
        keep their old key, so a save arriving meanwhile finds them still to do."""
        started = time.perf_counter()
        plan, later = self.pending
        now, left = later[:limit], later[limit:]
        self.pending = (plan, left)
        if not now:
            return Changes([], [])
        made = {path: plan[path].make() for path in now}
        written = write.apply(self.paths.docs, made, [], self.paths.manifest)
        self.keys.update((path, plan[path].key) for path in now)
        log.debug(
            "rest: %.2f s (%d made, %d written, %d left)",
            time.perf_counter() - started,
            len(now),
            len(written),
            len(left),
        )
        return Changes(sorted(written), [])

    def left(self) -> int:
        """How many changed files the last `update` still leaves to `rest`."""
        return len(self.pending[1])


def _open_data_last(path: str) -> bool:
    return not path.endswith(".md")
