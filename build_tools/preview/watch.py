"""Saves the preview reacts to, from watchfiles, sorted by what they need.

Watched: content/, docs/ (hand-written pages and assets; the pipeline's own files are
ignored, so its writes never start a second rebuild), overrides/, mkdocs.yml, build_tools/.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import watchfiles

from build_tools.paths import Paths

DEBOUNCE_MS = 60  # a save is often several writes (editors write a temp file, then rename)
STEP_MS = 20
IGNORED_PARTS = frozenset({"__pycache__", ".git", ".mypy_cache", ".ruff_cache"})
IGNORED_SUFFIXES = (".pyc", ".swp", ".swx", ".tmp", "~")


@dataclass(frozen=True)
class Batch:
    """One debounced save: content changed, code changed, hand-written docs/ files."""

    content: bool
    code: list[str]
    docs: list[str]


def roots(paths: Paths) -> list[Path]:
    """What the preview watches."""
    found = [paths.content, paths.docs, paths.root / "overrides", paths.root / "build_tools"]
    return [p for p in found if p.exists()] + [paths.mkdocs_yml]


def classify(paths: Paths, changed: set[str], generated: frozenset[str]) -> Batch | None:
    """What a set of changed files asks for; None when nothing the preview shows."""
    content, code, docs = False, [], []
    for name in changed:
        path = Path(name)
        if path.name.startswith(".") or path.name.endswith(IGNORED_SUFFIXES):
            continue
        if IGNORED_PARTS & set(path.parts):
            continue
        rel = _under(path, paths.docs)
        if rel is not None:
            if rel not in generated and not path.is_dir():
                docs.append(rel)
        elif _under(path, paths.content) is not None:
            content = True
        else:
            code.append(paths.rel(path))
    if not (content or code or docs):
        return None
    return Batch(content, sorted(code), sorted(docs))


def _under(path: Path, folder: Path) -> str | None:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return None


def merge(first: Batch, second: Batch) -> Batch:
    """Two saves that arrived during one rebuild, as one."""
    return Batch(
        first.content or second.content,
        sorted({*first.code, *second.code}),
        sorted({*first.docs, *second.docs}),
    )


def start(
    paths: Paths, generated: Callable[[], frozenset[str]], stop: threading.Event
) -> queue.Queue[Batch]:
    """Watch from now on, in a daemon thread; saves arrive in the returned queue."""
    saves: queue.Queue[Batch] = queue.Queue()

    def run() -> None:
        for batch in batches(paths, generated, stop):
            saves.put(batch)

    threading.Thread(target=run, name="preview-watch", daemon=True).start()
    return saves


def next_batch(saves: queue.Queue[Batch]) -> Batch:
    """The next save, merged with any others already waiting (one rebuild for them)."""
    batch = saves.get()
    while True:
        try:
            batch = merge(batch, saves.get_nowait())
        except queue.Empty:
            return batch


def batches(
    paths: Paths, generated: Callable[[], frozenset[str]], stop: threading.Event
) -> Iterator[Batch]:
    """Each save, as a Batch, until `stop` is set."""
    for changes in watchfiles.watch(
        *roots(paths),
        debounce=DEBOUNCE_MS,
        step=STEP_MS,
        stop_event=stop,
        watch_filter=None,
        raise_interrupt=False,
    ):
        batch = classify(paths, {name for _, name in changes}, generated())
        if batch is not None:
            yield batch
