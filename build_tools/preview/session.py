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
        if changes is None and not self.paths.manifest.exists():
            stand_ins = placeholders(self.paths.docs, nav)
            self._own(set(stand_ins))
            write.apply(self.paths.docs, stand_ins, [], self.paths.manifest)
        self._own()

    def update(self) -> Changes | None:
        """Check content and write what changed into docs/; None (and `errors` set, the
        last good docs/ kept) when the content has errors."""
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
        dirty = [path for path, entry in plan.items() if self.keys.get(path, _NONE) != entry.key]
        removed = sorted(set(self.keys) - set(plan))
        if not self.keys:  # first plan of this process: stale files from an older run go
            removed = sorted(self._listed() - set(plan))
        if not set(plan) <= set(self.keys):  # before writing: the watcher may look
            self._own(set(plan))
        made = {path: plan[path].make() for path in dirty}
        written = write.apply(self.paths.docs, made, removed, self.paths.manifest)
        self.site, self.errors = site, ""
        self.keys = {path: entry.key for path, entry in plan.items()}
        log.debug(
            "check %.2f s, plan %.2f s, write %.2f s (%d planned, %d dirty, %d written)",
            checked - started,
            planned - checked,
            time.perf_counter() - planned,
            len(plan),
            len(dirty),
            len(written),
        )
        return Changes(sorted(set(written) - set(removed)), removed)


_NONE = object()  # no key: a path new to the plan
