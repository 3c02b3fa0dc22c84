"""Atomic strict build of the whole site: build into a temporary folder, then swap.

A failed build (content error, MkDocs warning, indexing error) leaves site/ untouched.
"""

from __future__ import annotations

import concurrent.futures
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from build_tools import anchors, offline, pipeline, search, taskpages
from build_tools.door import Wishes
from build_tools.paths import Paths
from build_tools.progress import cards as share_cards

# Parallel MkDocs (`build_site(parts=2)`): MkDocs renders on one core, and Markdown of
# the documents is most of its work at city scale (500 documents, 40 MB: ≈ 20 s). Two
# MkDocs processes share the pages; each renders its own and gives the others empty
# Markdown (door.Door.elsewhere); the pages are then gathered into one site.
PARALLEL_MIN_DOCUMENTS = 20  # below this, a second MkDocs process costs more than it saves
DOCUMENTS = "van-ban/"


def build_site(paths: Paths, out: Path | None = None, parts: int | None = None) -> Path:
    """Check content and write docs/, run `mkdocs build --strict` into a temp dir (in
    `parts` processes: default 2 on a site with many documents and a second core), index
    it for search, pack the offline copy, then replace `out`. The pipeline runs once: the
    MkDocs hook is told it already ran (door.Wishes)."""
    _generate(paths)  # fails with every content error before MkDocs starts
    target = out or paths.site
    tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=target.parent))
    try:
        plan = split(paths.docs, parts or _default_parts(paths.docs))
        if len(plan) == 1:
            _mkdocs(paths, tmp, Wishes(prebuilt=True))
        else:
            _build_parts(paths, tmp, plan)
        share_cards.publish(paths.cards, tmp)
        search.index_site(tmp)
        offline.write(tmp)
        _swap(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def _default_parts(docs: Path) -> int:
    many = sum(1 for _ in (docs / DOCUMENTS).glob("*/index.md")) >= PARALLEL_MIN_DOCUMENTS
    return 2 if many and (os.cpu_count() or 1) >= 2 else 1


# What a page costs MkDocs, in bytes of document Markdown (measured at city scale, 2026-11):
# tables and links (units, indicators, topics) take ≈ 2.5× longer per byte than prose,
# and writing one task page from the shell (taskpages.fill, done by part 0) ≈ 1,200 bytes.
TABLE_PAGE_WEIGHT = 2.5
TASK_PAGE_COST = 1200


def split(docs: Path, parts: int) -> list[list[str]]:
    """Which generated pages (docs/**/index.md) each MkDocs process renders: greedily by
    estimated cost, so that the parts take about as long. Part 0 also renders every page
    listed in no part (hand-written pages, the task shell) and writes the task pages."""
    if parts < 2:
        return [[]]
    tasks = 0
    pinned = 0.0
    movable: list[tuple[float, str]] = []
    for page in sorted(docs.rglob("*.md")):
        rel = page.relative_to(docs).as_posix()
        if taskpages.is_task_page(rel):
            tasks += 1
            continue
        cost = page.stat().st_size * (1.0 if _is_document(rel) else TABLE_PAGE_WEIGHT)
        if page.name != "index.md" or rel == taskpages.SHELL:
            pinned += cost
        else:
            movable.append((cost, rel))
    plan: list[list[str]] = [[] for _ in range(parts)]
    load = [pinned + tasks * TASK_PAGE_COST] + [0.0] * (parts - 1)
    for cost, rel in sorted(movable, key=lambda item: (-item[0], item[1])):
        part = load.index(min(load))
        load[part] += cost
        if part:
            plan[part].append(rel)
    plan[1:] = [sorted(pages) for pages in plan[1:]]
    return plan


def _is_document(rel: str) -> bool:
    return rel.startswith(DOCUMENTS) and rel.count("/") == 2


def _build_parts(paths: Paths, site_dir: Path, plan: list[list[str]]) -> None:
    """Run one MkDocs process per part at once, then move each part's pages into
    site_dir (part 0's output, which has everything else), and check the links between
    parts to anchors that each process could not see (`anchors.check`)."""
    shares = tuple(tuple(pages) for pages in plan)
    dirs = [site_dir] + [site_dir.with_name(f"{site_dir.name}.{n}") for n in range(1, len(plan))]
    try:
        with concurrent.futures.ThreadPoolExecutor(len(plan)) as runner:
            jobs = [
                runner.submit(_mkdocs, paths, out, Wishes(prebuilt=True, part=n, plan=shares))
                for n, out in enumerate(dirs)
            ]
            for job in jobs:
                job.result()
        for n, out in enumerate(dirs[1:], start=1):
            for src in plan[n]:
                page = Path(src).parent / "index.html"
                (out / page).replace(site_dir / page)
        anchors.check([anchors.load(out) for out in dirs])
    finally:
        for out in dirs[1:]:
            shutil.rmtree(out, ignore_errors=True)
        for out in dirs:
            anchors.remove(out)


def _mkdocs(paths: Paths, site_dir: Path, wishes: Wishes) -> None:
    """`mkdocs build --strict`, its output shown only when it fails. (Not `--quiet`: MkDocs
    then stops counting warnings, and `--strict` lets every warning through.) `wishes`
    reach the hook in the config: a file beside mkdocs.yml that INHERITs it (relative
    paths in it stay relative to the project root) and adds them under `extra`."""
    config = _config_file(paths, wishes)
    try:
        _run_mkdocs(paths, site_dir, config)
    finally:
        config.unlink(missing_ok=True)


def _config_file(paths: Paths, wishes: Wishes) -> Path:
    """A MkDocs config (JSON is YAML): mkdocs.yml and `wishes`; the caller removes it."""
    folder = paths.mkdocs_yml.parent
    handle, name = tempfile.mkstemp(prefix=".mkdocs-", suffix=".yml", dir=folder)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump({"INHERIT": paths.mkdocs_yml.name, "extra": wishes.extra()}, out)
    return Path(name)


def _run_mkdocs(paths: Paths, site_dir: Path, config: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--config-file",
            str(config),
            "--site-dir",
            str(site_dir),
        ],
        cwd=paths.root,
        capture_output=True,
        text=True,
        check=False,
        env={
            **os.environ,
            "PYTHONPATH": str(paths.root),
            "NO_MKDOCS_2_WARNING": "1",
        },
    )
    if result.returncode:
        sys.stderr.write(result.stdout + result.stderr)
        raise subprocess.CalledProcessError(result.returncode, result.args)


def _generate(paths: Paths) -> None:
    """`pipeline.build` in a child process, so that its validated model (≈ 1 GB at city
    scale) is freed before MkDocs and the search index start: the build's memory peaks once."""
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as child:
        child.submit(pipeline.build, paths).result()  # re-raises ContentErrors here


def _swap(new: Path, target: Path) -> None:
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
