"""What a preview pays to know which files a save touches (pipeline.plan), at any scale.

A script that prints figures (never a timed test). Usage, on a project copy (its content is
edited and put back):
    python -m tests.bench_plan PROJECT [--as-of 2026-06-30]
Prints: plan(site) time (first in the process, again, and for the new Site of an edit);
the time to compare two plans' keys (same objects; after a one-task title edit, in the same
process as a running preview: loaded documents are kept, the rest is new; every object
fresh, a deep copy); the changed keys; make() of the heaviest pages; the whole render.
"""

from __future__ import annotations

import argparse
import copy
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from build_tools import pipeline
from build_tools.models import Site
from build_tools.paths import Paths
from build_tools.planned import Planned

sys.setrecursionlimit(100_000)  # deepcopy of a city-scale Site


def _timed(fn: Callable[[], Any], runs: int = 3) -> tuple[float, Any]:
    """Median seconds of `runs` calls, and the last result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _compare(old: dict[str, Planned], new: dict[str, Planned]) -> set[str]:
    """What a preview does: the paths whose key changed, added or removed."""
    return pipeline.changed(pipeline.keys(old), new)


def _edit_a_task_title(root: Path) -> tuple[Path, str]:
    """Add a word to the first task's title; returns the file and its old text."""
    folder = root / "content" / "tien-do" / "nhiem-vu"
    path = sorted(folder.glob("*.yml"))[0]
    text = path.read_text(encoding="utf-8")
    edited = re.sub(r'^  ten: ("?)', r"  ten: \1Sửa ", text, count=1, flags=re.M)
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    return path, text


def _heaviest(plan: dict[str, Planned], site: Site) -> dict[str, str]:
    """A page of each heavy kind."""
    progress = site.progress
    unit = max(progress.units, key=lambda u: len(progress.tasks_led_by(u.id)))
    doc = max(site.corpus.documents, key=lambda d: len(d.placed))
    topic = max(site.topics.topics, key=lambda t: len(progress.tasks_for_topic(t.slug)))
    status = next(p for p in plan if p.startswith("tien-do/trang-thai/"))
    task = f"{progress.tasks[0].url}index.md"
    return {
        "dashboard": "tien-do/index.md",
        "home": "index.md",
        "unit (most tasks)": f"{unit.url}index.md",
        "document (most blocks)": f"{doc.url}index.md",
        "status page": status,
        "topic (most tasks)": f"chu-de/{topic.slug}/index.md",
        "topics index": "chu-de/index.md",
        "task": task,
        "register index": "tien-do/doi-chieu/index.md",
        "register of the document": f"tien-do/doi-chieu/{doc.meta.id}/index.md",
        "nhiem-vu.json": "du-lieu-mo/nhiem-vu.json",
        "nhiem-vu.csv": "du-lieu-mo/nhiem-vu.csv",
        "cap-nhat.json": "du-lieu-mo/cap-nhat.json",
        "feed": "du-lieu-mo/cap-nhat.xml",
        "chu-de.json": "du-lieu-mo/chu-de.json",
        "datapackage.json": "du-lieu-mo/datapackage.json",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("project", type=Path)
    parser.add_argument("--as-of", default="2026-06-30")
    args = parser.parse_args()
    os.environ["AS_OF"] = args.as_of
    paths = Paths(args.project.resolve())
    site = pipeline.check(paths)
    seconds, plan = _timed(lambda: pipeline.plan(site), 1)
    print(f"plan(site), first in the process: {seconds * 1000:.0f} ms for {len(plan)} files")
    seconds, again = _timed(lambda: pipeline.plan(site))
    print(f"plan(site) again: {seconds * 1000:.0f} ms (median of 3)")
    seconds, _ = _timed(lambda: _compare(plan, again))
    print(f"compare keys, the same objects (a check that reuses them): {seconds * 1000:.0f} ms")

    path, text = _edit_a_task_title(paths.root)
    try:
        edited = pipeline.check(paths)
    finally:
        path.write_text(text, encoding="utf-8")
    seconds, new = _timed(lambda: pipeline.plan(edited), 1)
    print(f"plan(site) of the edited content's new Site: {seconds * 1000:.0f} ms")
    seconds, changed = _timed(lambda: _compare(plan, new))
    print(f"compare keys after a one-task title edit, new Site: {seconds * 1000:.0f} ms")
    print(f"  {len(changed)} changed: {', '.join(sorted(changed))}")
    fresh = pipeline.plan(copy.deepcopy(edited))
    seconds, found = _timed(lambda: _compare(plan, fresh))
    print(f"compare keys, every object fresh (a deep copy): {seconds * 1000:.0f} ms")
    print(f"  same paths: {found == changed}")

    for name, page in _heaviest(plan, site).items():
        seconds, made = _timed(plan[page].make)
        print(f"make() {name:26} {seconds * 1000:8.1f} ms  {len(made) / 1000:8.0f} kB  {page}")
    seconds, _ = _timed(lambda: pipeline.render(site), 1)
    print(f"render(site): {seconds:.1f} s for {len(plan)} files")


if __name__ == "__main__":
    main()
