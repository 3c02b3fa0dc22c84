"""check() = read + validate everything; build() = check -> render -> write.

Nothing is written unless every content file was read and validated without error.
"""

from __future__ import annotations

import gc
from collections.abc import Hashable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date

from build_tools import documents, generic, history, home, progress, topics, withdrawn, write
from build_tools.config import load_config
from build_tools.errors import ErrorSink
from build_tools.models import Site
from build_tools.paths import Paths
from build_tools.planned import Planned, make_all
from build_tools.progress import cards as share_cards
from build_tools.progress import dates as progress_dates
from build_tools.progress import sections as progress_sections


def check(paths: Paths, notes: list[str] | None = None, *, as_of: date | None = None) -> Site:
    """Read and validate all content, and compare it with the last published state (what
    was compared goes to `notes`); raises ContentErrors listing every problem. `as_of`:
    the status date (by default AS_OF, else today: config.load_config)."""
    try:
        return _check(paths, notes, as_of)
    finally:
        _settle()


def _settle() -> None:
    """Keep what a check leaves (the model, the kept results of every stage: millions of
    objects at city scale) out of the garbage collector's full passes, which would cost a
    later check in the same process (the preview) 1–2 s each. Objects are still freed when
    nothing refers to them; young cycles are collected first."""
    gc.collect(1)
    gc.freeze()


def _check(paths: Paths, notes: list[str] | None, as_of: date | None) -> Site:
    sink = ErrorSink()
    parsed = progress.prefetch(paths)  # in other processes, while documents load here
    generic.load(paths, sink)
    config = load_config(paths, sink, as_of)
    corpus = documents.load(paths, sink)
    topic_index = topics.load(paths, corpus, sink)
    parsed()
    gone = withdrawn.load(paths, sink)
    tracked = progress.load(paths, config, corpus, topic_index, sink, gone)
    site = Site(config, corpus, topic_index, tracked, gone)
    withdrawn.check(gone, site, sink)
    note = history.compare(paths, tracked, gone, sink)
    if notes is not None:
        notes.append(note)
    sink.raise_if_any()
    return site


def render(site: Site) -> dict[str, str | bytes]:
    """Every generated file under docs/, by relative path."""
    return make_all(plan(site))


def plan(site: Site) -> dict[str, Planned]:
    """Every generated file under docs/, by relative path, made only when asked: each
    entry's key holds exactly what its renderer is given (planned.py), so a preview
    compares two plans' keys and makes again only the files whose key changed."""
    with _no_collection():  # a collection of a city-scale heap costs several plans
        return _plan(site)


def keys(files: Mapping[str, Planned]) -> dict[str, Hashable]:
    """Each planned file's key: what a preview keeps of a plan to compare the next one."""
    return {path: entry.key for path, entry in files.items()}


def changed(old: Mapping[str, Hashable], new: Mapping[str, Planned]) -> set[str]:
    """The paths a save touches: those whose key (`old`: keys of the last plan) changed,
    were added or were removed. Comparing keys allocates as it goes; with two city-scale
    models in memory a collection costs more than the comparison, so none runs meanwhile."""
    with _no_collection():
        found = {path for path, entry in new.items() if path not in old or old[path] != entry.key}
        return found | (old.keys() - new.keys())


@contextmanager
def _no_collection() -> Iterator[None]:
    """No garbage collection meanwhile (planning and comparing make no cycles)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _plan(site: Site) -> dict[str, Planned]:
    when = progress_dates.of(site.progress)
    files = home.plan(site)
    by_id = {t.id: t for t in reversed(site.progress.tasks)}  # Progress.task: the first wins
    around = progress_sections.around(site.progress, site.topics, by_id)
    files.update(documents.plan(site.corpus, around, when))
    files.update(topics.plan(site, when))
    files.update(progress.plan(site))
    files.update(withdrawn.plan(site.withdrawn, site.progress))
    return files


def build(paths: Paths, *, as_of: date | None = None) -> list[str]:
    """Validate, render and sync generated pages into docs/; returns changed paths."""
    site = check(paths, as_of=as_of)
    changed = write.sync(paths.docs, render(site), paths.manifest)
    share_cards.sync(paths.cards, share_cards.cards(site))  # outside docs/: see cards.py
    return changed
